"""The app database's tables: API keys, conversations and their messages, the audit log,
alerts and their webhook outbox, the event log and the applied batches owed to its listeners.

Types are chosen to mean the same on SQLite and PostgreSQL: JSON is JSONB on PostgreSQL and
JSON text on SQLite, and every timestamp is stored and returned as an aware UTC datetime.
Bump SCHEMA_VERSION (and add a step to db.MIGRATIONS) whenever an existing table changes; a new
table needs neither (create_all adds it to an existing database).
"""

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator

SCHEMA_VERSION = 3  # 2: alerts take customer ids as long as events do (200)
# 3: conversations carry the hold of the turn under way (turn_claim, turn_open_until)

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
    so appending a message bumps it with one row-locking UPDATE (see _NEXT_SEQ in
    turn_statements.py). `turn_claim` and `turn_open_until` hold it for the turn under way,
    whichever process runs it (turn_claims.py); both NULL when no turn holds it."""

    __tablename__ = "conversations"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    owner_key_id: Mapped[int] = mapped_column(ForeignKey("api_keys.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    message_count: Mapped[int] = mapped_column(Integer, default=0)
    memory: Mapped[dict[str, Any]] = mapped_column(PortableJSON, default=dict)
    turn_claim: Mapped[str | None] = mapped_column(String(32), default=None)
    turn_open_until: Mapped[datetime | None] = mapped_column(UtcDateTime, default=None)

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


class AlertRow(Base):
    """An alert raised by assistant/alerts/rules.py: a rule, its subject and the facts.

    Exactly once is kept by the database, not by luck: `dedupe_key` (rule, subject and what
    triggered it) is unique forever, and `open_key` (rule and subject) is unique while the
    alert is open and NULL once acknowledged (NULLs never collide), so no second alert for the
    same rule and subject can be raised while one is open, whoever inserts it.
    """

    __tablename__ = "alerts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    rule: Mapped[str] = mapped_column(String(32), index=True)
    severity: Mapped[str] = mapped_column(String(16))
    # As long as an event's customer id (commerce/event_fields.MAX_ID_CHARS): a shorter column
    # made PostgreSQL refuse, and so lose, every alert of a batch holding one long id.
    customer_id: Mapped[str | None] = mapped_column(String(200), default=None, index=True)
    segment: Mapped[str | None] = mapped_column(String(100), default=None)
    title: Mapped[str] = mapped_column(String(300))
    facts: Mapped[dict[str, Any]] = mapped_column(PortableJSON, default=dict)
    state: Mapped[str] = mapped_column(String(16), default="open", index=True)
    dedupe_key: Mapped[str] = mapped_column(String(255), unique=True)
    open_key: Mapped[str | None] = mapped_column(String(255), unique=True, default=None)
    store_version: Mapped[str] = mapped_column(String(64))
    raised_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    acknowledged_at: Mapped[datetime | None] = mapped_column(UtcDateTime, default=None)
    acknowledged_by: Mapped[str | None] = mapped_column(String(64), default=None)
    acknowledged_by_key_id: Mapped[int | None] = mapped_column(Integer, default=None)


class WebhookDeliveryRow(Base):
    """The webhook outbox: one row per alert to POST, written with the alert in one transaction,
    so a delivery survives a crash or restart until it succeeds or runs out of attempts.
    `next_attempt_at` doubles as a claim: a sender pushes it forward before it POSTs."""

    __tablename__ = "webhook_deliveries"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    alert_id: Mapped[int] = mapped_column(ForeignKey("alerts.id"), unique=True)
    payload: Mapped[dict[str, Any]] = mapped_column(PortableJSON, default=dict)
    state: Mapped[str] = mapped_column(String(16), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    last_status: Mapped[int | None] = mapped_column(Integer, default=None)
    last_error: Mapped[str | None] = mapped_column(Text, default=None)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    delivered_at: Mapped[datetime | None] = mapped_column(UtcDateTime, default=None)

    __table_args__ = (Index("ix_webhook_deliveries_due", "state", "next_attempt_at"),)


class EventRow(Base):
    """One event received by POST /v1/events or `retain events replay`: the durable log that
    the store is grown from (assistant/events). `event_id` is unique, so sending an event
    twice stores it once; `applied_at` is NULL while the event waits to be applied, and
    `error` says why an event that passed at submission could not be applied after all."""

    __tablename__ = "events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)  # the order events are applied in
    event_id: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[str] = mapped_column(String(16))
    customer_id: Mapped[str] = mapped_column(String(200), index=True)
    payload: Mapped[dict[str, Any]] = mapped_column(PortableJSON, default=dict)
    source: Mapped[str] = mapped_column(String(200), default="")
    received_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    applied_at: Mapped[datetime | None] = mapped_column(UtcDateTime, default=None)
    applied_store_version: Mapped[str | None] = mapped_column(String(64), default=None)
    error: Mapped[str | None] = mapped_column(Text, default=None)
    # The application that took the event; one that did not finish is run again, same events.
    attempt: Mapped[str | None] = mapped_column(String(32), default=None)

    __table_args__ = (Index("ix_events_pending", "applied_at", "id"),)


class AppliedBatchRow(Base):
    """An application of events as its listeners (the alert rules) hear of it: written in the
    transaction that marks its events applied, and `told_at` set once every listener finished
    with it. A process that dies in between, or a listener that failed, leaves it owed (NULL),
    and the next start rebuilds the batch from it and tells them again (assistant/events/
    handoff.py). The scores tables are files kept beside it, named in `files`, not rows: a
    full re-score of a million customers is a hard link, not a million rows. `error` says why
    a batch that could not be rebuilt, or that the listeners failed too often, was dropped."""

    __tablename__ = "applied_batches"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)  # the order batches are told in
    application: Mapped[str] = mapped_column(String(32), unique=True)  # events.attempt
    store_version: Mapped[str] = mapped_column(String(64))
    previous_version: Mapped[str] = mapped_column(String(64))
    event_ids: Mapped[list[str]] = mapped_column(PortableJSON, default=list)
    # Those scored again; empty on a full re-score (everyone in the scores after).
    customers: Mapped[list[str]] = mapped_column(PortableJSON, default=list)
    full_rescore: Mapped[bool] = mapped_column(Boolean, default=False)
    failed: Mapped[dict[str, str]] = mapped_column(PortableJSON, default=dict)
    # The new reviews with their sentiment, as records (a batch's few, not the store's).
    reviews: Mapped[list[dict[str, Any]]] = mapped_column(PortableJSON, default=list)
    files: Mapped[dict[str, str]] = mapped_column(PortableJSON, default=dict)
    applied_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    told_at: Mapped[datetime | None] = mapped_column(UtcDateTime, default=None)
    error: Mapped[str | None] = mapped_column(Text, default=None)
    tells_failed: Mapped[int] = mapped_column(Integer, default=0)  # dropped at handoff.MAX_TELLS

    __table_args__ = (Index("ix_applied_batches_owed", "told_at", "id"),)
