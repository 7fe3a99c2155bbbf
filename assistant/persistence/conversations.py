"""Conversations and their messages, each visible only to the key that started it.

Asking for someone else's conversation fails exactly like asking for one that does not exist,
so an id never reveals that another key's conversation is there.

The records returned are in conversation_model.py; the statements a chat turn runs, built
once, in turn_statements.py.
"""

import builtins
from collections.abc import Mapping, Sequence
from typing import Any, cast

from sqlalchemy import ColumnElement, Executable, select

from assistant.persistence.conversation_model import Conversation as Conversation
from assistant.persistence.conversation_model import ConversationSummary as ConversationSummary
from assistant.persistence.conversation_model import Message as Message
from assistant.persistence.conversation_model import MessageRole
from assistant.persistence.db import AppDatabase
from assistant.persistence.keys import Principal
from assistant.persistence.tables import ConversationRow, MessageRow
from assistant.persistence.turn_statements import (
    CONVERSATIONS,
    add_conversation,
    append_message,
    not_found,
    read_memory,
)
from commerce.errors import InvalidInput

MAX_PAGE = 200


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
                conversation_id, memory = add_conversation(session, principal, text), {}
            else:
                memory = read_memory(session, principal, conversation_id)
            append_message(session, conversation_id, principal, "user", text)
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
            message = append_message(
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
                raise not_found(conversation_id)
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
            return read_memory(session, principal, conversation_id)

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


def _check_memory(memory: object) -> None:
    if not isinstance(memory, Mapping):
        raise InvalidInput(f"conversation memory must be a mapping, not {type(memory).__name__}")


def _owned(conversation_id: str, principal: Principal) -> ColumnElement[bool]:
    return (CONVERSATIONS.c.id == conversation_id) & (
        CONVERSATIONS.c.owner_key_id == principal.key_id
    )


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
