"""The statements every chat turn runs, built once on the tables, and the functions that run
them in a caller's session: start a conversation, number and append a message (with the new
memory), read the memory. ConversationStore (conversations.py) opens the sessions.
"""

import uuid
from collections.abc import Mapping, Sequence
from typing import Any, cast

from sqlalchemy import Table, bindparam, insert, select, update
from sqlalchemy.orm import Session

from assistant.jsonable import clean_text, jsonable
from assistant.persistence.conversation_model import Message, MessageRole
from assistant.persistence.keys import Principal
from assistant.persistence.tables import ConversationRow, MessageRow, utc_now
from commerce.errors import NotFound

MAX_TITLE_CHARS = 80
UNTITLED = "New conversation"


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
# The caller's conversation: the id and the owner's key (another key's is as good as missing).
OWNED = (CONVERSATIONS.c.id == bindparam("b_id")) & (
    CONVERSATIONS.c.owner_key_id == bindparam("b_owner")
)
_ADD_CONVERSATION = insert(CONVERSATIONS)
_ADD_MESSAGE = insert(MESSAGES)
_MEMORY = select(CONVERSATIONS.c.memory).where(OWNED)
# Taking the next number: the UPDATE comes first on purpose. It takes the conversation's row
# lock (PostgreSQL) or the write lock (SQLite) before anything is read, so concurrent turns
# queue up here and each gets the next number, none the same.
_NEXT_SEQ = (
    update(CONVERSATIONS)
    .where(OWNED)
    .values(message_count=CONVERSATIONS.c.message_count + 1, updated_at=bindparam("b_now"))
    .returning(CONVERSATIONS.c.message_count)
)
_NEXT_SEQ_AND_MEMORY = _NEXT_SEQ.values(memory=bindparam("b_memory"))


def add_conversation(session: Session, principal: Principal, first_message: str) -> str:
    """Start the principal's conversation, titled after its first message; its new id."""
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


def append_message(
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
        raise not_found(conversation_id)
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


def read_memory(session: Session, principal: Principal, conversation_id: str) -> dict[str, Any]:
    """The conversation's memory, when it is the principal's (NotFound otherwise)."""
    found = session.execute(_MEMORY, {"b_id": conversation_id, "b_owner": principal.key_id})
    memory = found.first()
    if memory is None:
        raise not_found(conversation_id)
    return dict(memory.memory or {})


def not_found(conversation_id: str) -> NotFound:
    """The error for a conversation that is missing or another key's."""
    # One message for "no such id" and "not yours": the caller cannot tell them apart.
    shown = conversation_id if len(conversation_id) <= 64 else conversation_id[:64] + "…"
    return NotFound(f"conversation {shown!r} not found among this key's conversations")
