"""Conversations and their messages, each visible only to the key that started it.

Asking for someone else's conversation fails exactly like asking for one that does not exist,
so an id never reveals that another key's conversation is there.
"""

import builtins
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal, cast, get_args

from sqlalchemy import ColumnElement, select, update

from assistant.persistence.db import AppDatabase
from assistant.persistence.jsonable import clean_text, jsonable
from assistant.persistence.keys import Principal
from assistant.persistence.tables import ConversationRow, MessageRow, utc_now
from commerce.errors import InvalidInput, NotFound

MessageRole = Literal["user", "assistant"]
MESSAGE_ROLES: tuple[MessageRole, ...] = get_args(MessageRole)
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

    def start(self, principal: Principal, first_message: str) -> str:
        """Open a conversation titled after `first_message`; return its id.

        The message itself is not stored: append it like every other turn.
        """
        now = utc_now()
        row = ConversationRow(
            id=str(uuid.uuid4()),
            owner_key_id=principal.key_id,
            title=title_of(first_message),
            created_at=now,
            updated_at=now,
            message_count=0,
            memory={},
        )
        with self._db.session() as session:
            session.add(row)
        return row.id

    def append(
        self,
        conversation_id: str,
        principal: Principal,
        role: str,
        content: str,
        tool_calls: Sequence[Any] | None = None,
        cards: Sequence[Any] | None = None,
    ) -> Message:
        """Add a turn at the end of the principal's conversation and return it, numbered."""
        if role not in MESSAGE_ROLES:
            raise InvalidInput(f"message role {role!r}: expected one of {', '.join(MESSAGE_ROLES)}")
        now = utc_now()
        with self._db.session() as session:
            # The UPDATE comes first on purpose: it takes the conversation's row lock
            # (PostgreSQL) or the write lock (SQLite) before anything is read, so concurrent
            # appends queue up here and each gets the next number, none the same.
            seq = session.scalar(
                update(ConversationRow)
                .where(_owned(conversation_id, principal))
                .values(message_count=ConversationRow.message_count + 1, updated_at=now)
                .returning(ConversationRow.message_count)
                .execution_options(synchronize_session=False)
            )
            if seq is None:
                raise _not_found(conversation_id)
            row = MessageRow(
                conversation_id=conversation_id,
                seq=seq,
                role=role,
                content=clean_text(content),
                tool_calls=jsonable(list(tool_calls or [])),
                cards=jsonable(list(cards or [])),
                created_at=now,
            )
            session.add(row)
            session.flush()
            return _message(row)

    def history(self, principal: Principal, conversation_id: str) -> Conversation:
        """The principal's conversation with every message, in order."""
        with self._db.session() as session:
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
        with self._db.session() as session:
            row = session.scalar(select(ConversationRow).where(_owned(conversation_id, principal)))
            if row is None:
                raise _not_found(conversation_id)
            return dict(row.memory or {})

    def save_memory(
        self, principal: Principal, conversation_id: str, memory: Mapping[str, Any]
    ) -> None:
        """Replace the conversation's memory with `memory` (a JSON-able mapping)."""
        if not isinstance(memory, Mapping):
            raise InvalidInput(
                f"conversation memory must be a mapping, not {type(memory).__name__}"
            )
        with self._db.session() as session:
            found = session.scalar(
                update(ConversationRow)
                .where(_owned(conversation_id, principal))
                .values(memory=jsonable(memory))
                .returning(ConversationRow.id)
                .execution_options(synchronize_session=False)
            )
            if found is None:
                raise _not_found(conversation_id)

    def list(
        self, principal: Principal, limit: int = 20, offset: int = 0
    ) -> builtins.list[ConversationSummary]:
        """The principal's conversations, most recently active first."""
        if not 1 <= limit <= MAX_PAGE:
            raise InvalidInput(f"limit {limit}: expected 1 to {MAX_PAGE}")
        if offset < 0:
            raise InvalidInput(f"offset {offset}: expected 0 or more")
        with self._db.session() as session:
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


def _owned(conversation_id: str, principal: Principal) -> ColumnElement[bool]:
    return (ConversationRow.id == conversation_id) & (
        ConversationRow.owner_key_id == principal.key_id
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
