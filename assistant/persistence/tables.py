"""The app database's tables: API keys, conversations and their messages, the audit log.

Types are chosen to mean the same on SQLite and PostgreSQL: JSON is JSONB on PostgreSQL and
JSON text on SQLite, and every timestamp is stored and returned as an aware UTC datetime.
Bump SCHEMA_VERSION (and add a step to db.MIGRATIONS) whenever an existing table changes.
"""

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator

SCHEMA_VERSION = 1

# Portable JSON: queryable JSONB where the server has it, JSON text elsewhere.
PortableJSON = JSON().with_variant(JSONB(), "postgresql")


def utc_now() -> datetime:
    return datetime.now(UTC)


class UtcDateTime(TypeDecorator[datetime]):
    """A timezone-aware UTC datetime on every backend (SQLite keeps no offset, so add it back)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    """The declarative base of every app-database table."""


class SchemaVersionRow(Base):
    """One row per schema version applied; the highest is the database's version."""

    __tablename__ = "schema_version"

    version: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    applied_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)


class ApiKeyRow(Base):
    """An API key: only its SHA-256 hash is kept; `prefix` lets people tell keys apart."""

    __tablename__ = "api_keys"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(64))
    role: Mapped[str] = mapped_column(String(16))
    key_hash: Mapped[str] = mapped_column(String(64), unique=True, index=True)
    prefix: Mapped[str] = mapped_column(String(16), index=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime, default=None)


class ConversationRow(Base):
    """A chat owned by one key. `message_count` doubles as the last sequence number handed out,
    so appending bumps it with one row-locking UPDATE (see ConversationStore.append)."""

    __tablename__ = "conversations"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    owner_key_id: Mapped[int] = mapped_column(ForeignKey("api_keys.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    message_count: Mapped[int] = mapped_column(Integer, default=0)
    memory: Mapped[dict[str, Any]] = mapped_column(PortableJSON, default=dict)

    messages: Mapped[list["MessageRow"]] = relationship(
        back_populates="conversation", order_by="MessageRow.seq", passive_deletes=True
    )

    __table_args__ = (Index("ix_conversations_owner_updated", "owner_key_id", "updated_at"),)


class MessageRow(Base):
    """One turn of a conversation, numbered 1, 2, ... within it."""

    __tablename__ = "messages"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    conversation_id: Mapped[str] = mapped_column(
        ForeignKey("conversations.id", ondelete="CASCADE"), index=True
    )
    seq: Mapped[int] = mapped_column(Integer)
    role: Mapped[str] = mapped_column(String(16))
    content: Mapped[str] = mapped_column(Text)
    tool_calls: Mapped[list[Any]] = mapped_column(PortableJSON, default=list)
    cards: Mapped[list[Any]] = mapped_column(PortableJSON, default=list)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)

    conversation: Mapped[ConversationRow] = relationship(back_populates="messages")

    # A safety net under the counter: two messages can never share a place in a conversation.
    __table_args__ = (UniqueConstraint("conversation_id", "seq", name="uq_messages_seq"),)


class AuditRow(Base):
    """One tool call: who, when, what with which arguments, and how it ended.

    Key name and role are copied, not joined, so the row reads the same after a key changes;
    conversation_id is not a foreign key, so the log outlives any conversation.
    """

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    ts: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now, index=True)
    key_id: Mapped[int] = mapped_column(ForeignKey("api_keys.id"), index=True)
    key_name: Mapped[str] = mapped_column(String(64))
    role: Mapped[str] = mapped_column(String(16))
    tool: Mapped[str] = mapped_column(String(64))
    arguments: Mapped[dict[str, Any]] = mapped_column(PortableJSON, default=dict)
    rows_returned: Mapped[int] = mapped_column(Integer, default=0)
    outcome: Mapped[str] = mapped_column(String(16))
    error: Mapped[str | None] = mapped_column(Text, default=None)
    conversation_id: Mapped[str | None] = mapped_column(String(36), default=None)
