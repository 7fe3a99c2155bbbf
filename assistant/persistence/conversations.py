"""Conversations and their messages, each visible only to the key that started it.

Asking for someone else's conversation fails exactly like asking for one that does not exist,
so an id never reveals that another key's conversation is there.
"""

import builtins
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal, cast

from sqlalchemy import ColumnElement, Executable, Table, bindparam, insert, select, update
from sqlalchemy.orm import Session

from assistant.jsonable import clean_text, jsonable
from assistant.persistence.db import AppDatabase
from assistant.persistence.keys import Principal
from assistant.persistence.tables import ConversationRow, MessageRow, utc_now
from commerce.errors import InvalidInput, NotFound

MessageRole = Literal["user", "assistant"]
MAX_TITLE_CHARS = 80
MAX_PAGE = 200
UNTITLED = "New conversation"


@dataclass(frozen=True)
class Message:
    """One stored turn; `seq` is its place in the conversation, from 1."""

    seq: int
    role: MessageRole
    content: str
    tool_calls: list[Any]
    cards: list[Any]
    created_at: datetime

    def to_dict(self) -> dict[str, Any]:
        return {
            "seq": self.seq,
            "role": self.role,
            "content": self.content,
            "tool_calls": self.tool_calls,
            "cards": self.cards,
            "created_at": self.created_at.isoformat(),
        }


@dataclass(frozen=True)
class ConversationSummary:
    """A conversation as listed: no messages, their number instead."""

    id: str
    title: str
    created_at: datetime
    updated_at: datetime
    message_count: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "created_at": self.created_at.isoformat(),
            "updated_at": self.updated_at.isoformat(),
            "message_count": self.message_count,
        }


@dataclass(frozen=True)
class Conversation(ConversationSummary):
    """A conversation with its messages in order."""

    messages: tuple[Message, ...]

    def to_dict(self, messages: bool = True) -> dict[str, Any]:
        """As JSON; `messages=False` gives the summary's fields only."""
        summary = super().to_dict()
        if not messages:
            return summary
        return summary | {"messages": [m.to_dict() for m in self.messages]}


class ConversationStore:
    """Conversations in the app database, scoped to the principal asking."""

    def __init__(self, db: AppDatabase) -> None:
        self._db = db

    def open_turn(
        self, principal: Principal, conversation_id: str | None, text: str
    ) -> tuple[str, dict[str, Any]]:
        """A chat turn's first write, in one transaction: start the conversation (when
        `conversation_id` is None, titled after `text`) or read its memory, then append the
        user's `text`. Returns the conversation's id and memory."""
        with self._db.session() as session:
            if conversation_id is None:
                conversation_id, memory = _add_conversation(session, principal, text), {}
            else:
                memory = _memory(session, principal, conversation_id)
            _append(session, conversation_id, principal, "user", text)
            return conversation_id, memory

    def close_turn(
        self,
        principal: Principal,
        conversation_id: str,
        answer: str,
        tool_calls: Sequence[Any],
        cards: Sequence[Any],
        memory: Mapping[str, Any],
        also: Sequence[tuple[Executable, Sequence[Mapping[str, Any]]]] = (),
    ) -> Message:
        """A chat turn's last write, in one transaction: the answer, the router's memory and
        `also`, statements with their rows (the turn's audit rows), so a turn costs the
        database two commits, not five."""
        _check_memory(memory)
        with self._db.session() as session:
            message = _append(
                session, conversation_id, principal, "assistant", answer, tool_calls, cards, memory
            )
            for statement, rows in also:
                session.execute(statement, rows)
            return message

    def history(self, principal: Principal, conversation_id: str) -> Conversation:
        """The principal's conversation with every message, in order."""
        with self._db.read_session() as session:
            row = session.scalar(select(ConversationRow).where(_owned(conversation_id, principal)))
            if row is None:
                raise _not_found(conversation_id)
            messages = session.scalars(
                select(MessageRow)
                .where(MessageRow.conversation_id == row.id)
                .order_by(MessageRow.seq)
            )
            turns = tuple(map(_message, messages))
            # Counted from the messages read, so the two agree even if a turn lands meanwhile.
            return Conversation(
                id=row.id,
                title=row.title,
                created_at=row.created_at,
                updated_at=row.updated_at,
                message_count=len(turns),
                messages=turns,
            )

    def memory(self, principal: Principal, conversation_id: str) -> dict[str, Any]:
        """What the router remembered about the conversation (an empty dict at first)."""
        with self._db.read_session() as session:
            return _memory(session, principal, conversation_id)

    def list(
        self, principal: Principal, limit: int = 20, offset: int = 0
    ) -> builtins.list[ConversationSummary]:
        """The principal's conversations, most recently active first."""
        if not 1 <= limit <= MAX_PAGE:
            raise InvalidInput(f"limit {limit}: expected 1 to {MAX_PAGE}")
        if offset < 0:
            raise InvalidInput(f"offset {offset}: expected 0 or more")
        with self._db.read_session() as session:
            rows = session.scalars(
                select(ConversationRow)
                .where(ConversationRow.owner_key_id == principal.key_id)
                .order_by(ConversationRow.updated_at.desc(), ConversationRow.id.desc())
                .limit(limit)
                .offset(offset)
            )
            return [_summary(row) for row in rows]


def title_of(first_message: str) -> str:
    """A conversation's title: its first message on one line, cut to MAX_TITLE_CHARS."""
    title = " ".join(clean_text(first_message).split())
    if len(title) > MAX_TITLE_CHARS:
        title = title[: MAX_TITLE_CHARS - 1].rstrip() + "…"
    return title or UNTITLED


# The hot path of every chat turn runs statements built once, here, on the tables: building
# a statement per call and the ORM's unit of work cost more CPU than the SQL itself.
CONVERSATIONS = cast(Table, ConversationRow.__table__)
MESSAGES = cast(Table, MessageRow.__table__)
_OWNED = (CONVERSATIONS.c.id == bindparam("b_id")) & (
    CONVERSATIONS.c.owner_key_id == bindparam("b_owner")
)
_ADD_CONVERSATION = insert(CONVERSATIONS)
_ADD_MESSAGE = insert(MESSAGES)
_MEMORY = select(CONVERSATIONS.c.memory).where(_OWNED)
# Taking the next number: the UPDATE comes first on purpose. It takes the conversation's row
# lock (PostgreSQL) or the write lock (SQLite) before anything is read, so concurrent turns
# queue up here and each gets the next number, none the same.
_NEXT_SEQ = (
    update(CONVERSATIONS)
    .where(_OWNED)
    .values(message_count=CONVERSATIONS.c.message_count + 1, updated_at=bindparam("b_now"))
    .returning(CONVERSATIONS.c.message_count)
)
_NEXT_SEQ_AND_MEMORY = _NEXT_SEQ.values(memory=bindparam("b_memory"))


def _add_conversation(session: Session, principal: Principal, first_message: str) -> str:
    now = utc_now()
    conversation_id = str(uuid.uuid4())
    session.execute(
        _ADD_CONVERSATION,
        {
            "id": conversation_id,
            "owner_key_id": principal.key_id,
            "title": title_of(first_message),
            "created_at": now,
            "updated_at": now,
            "message_count": 0,
            "memory": {},
        },
    )
    return conversation_id


def _append(
    session: Session,
    conversation_id: str,
    principal: Principal,
    role: MessageRole,
    content: str,
    tool_calls: Sequence[Any] | None = None,
    cards: Sequence[Any] | None = None,
    memory: Mapping[str, Any] | None = None,
) -> Message:
    """Number and add one message; with `memory`, replace the conversation's memory in the
    same UPDATE."""
    now = utc_now()
    where = {"b_id": conversation_id, "b_owner": principal.key_id, "b_now": now}
    if memory is None:
        seq = session.execute(_NEXT_SEQ, where).scalar()
    else:
        seq = session.execute(_NEXT_SEQ_AND_MEMORY, where | {"b_memory": jsonable(memory)}).scalar()
    if seq is None:
        raise _not_found(conversation_id)
    message = Message(
        seq=seq,
        role=role,
        content=clean_text(content),
        tool_calls=jsonable(list(tool_calls or [])),
        cards=jsonable(list(cards or [])),
        created_at=now,
    )
    session.execute(
        _ADD_MESSAGE,
        {
            "conversation_id": conversation_id,
            "seq": seq,
            "role": message.role,
            "content": message.content,
            "tool_calls": message.tool_calls,
            "cards": message.cards,
            "created_at": now,
        },
    )
    return message


def _memory(session: Session, principal: Principal, conversation_id: str) -> dict[str, Any]:
    found = session.execute(_MEMORY, {"b_id": conversation_id, "b_owner": principal.key_id})
    memory = found.first()
    if memory is None:
        raise _not_found(conversation_id)
    return dict(memory.memory or {})


def _check_memory(memory: object) -> None:
    if not isinstance(memory, Mapping):
        raise InvalidInput(f"conversation memory must be a mapping, not {type(memory).__name__}")


def _owned(conversation_id: str, principal: Principal) -> ColumnElement[bool]:
    return (CONVERSATIONS.c.id == conversation_id) & (
        CONVERSATIONS.c.owner_key_id == principal.key_id
    )


def _not_found(conversation_id: str) -> NotFound:
    # One message for "no such id" and "not yours": the caller cannot tell them apart.
    shown = conversation_id if len(conversation_id) <= 64 else conversation_id[:64] + "…"
    return NotFound(f"conversation {shown!r} not found among this key's conversations")


def _summary(row: ConversationRow) -> ConversationSummary:
    return ConversationSummary(
        id=row.id,
        title=row.title,
        created_at=row.created_at,
        updated_at=row.updated_at,
        message_count=row.message_count,
    )


def _message(row: MessageRow) -> Message:
    return Message(
        seq=row.seq,
        role=cast(MessageRole, row.role),
        content=row.content,
        tool_calls=list(row.tool_calls or []),
        cards=list(row.cards or []),
        created_at=row.created_at,
    )
