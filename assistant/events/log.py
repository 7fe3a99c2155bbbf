"""The event log in the app database: events are stored here first, durably, and applied to
the store from here, so nothing received is lost to a crash before it reaches the store.

An event id is stored once: inserting one that is already there does nothing (an INSERT ... ON
CONFLICT DO NOTHING, on SQLite and PostgreSQL alike), so a client may resend a batch safely.
"""

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from assistant.jsonable import clean_text
from assistant.persistence.db import AppDatabase
from assistant.persistence.tables import AppliedBatchRow, EventRow, utc_now

LOOKUP_CHUNK = 500  # ids per IN (...) lookup
MAX_ERROR_CHARS = 2000
KEY_FIELDS = {"order": "order_id", "review": "review_id"}  # kind -> the store id it brings
# The start of the error of an event that failed because applying it raised (assistant/events/
# apply.py), not because a rule refused it: such an event may go through once the cause is fixed.
APPLY_FAILED = "applying it failed"


@dataclass(frozen=True)
class LoggedEvent:
    """An event as the log holds it: its place (`seq`), id, kind, customer and body."""

    seq: int
    event_id: str
    kind: str
    customer_id: str
    payload: dict[str, Any]
    received_at: datetime
    attempt: str | None = None  # the application that took it and did not finish, if any


def store_events(
    db: AppDatabase, events: Sequence[dict[str, Any]], source: str
) -> tuple[list[str], datetime]:
    """Log checked events (each with event_id, kind and customer_id); returns the ids that were
    new (the others were logged before) and when they were received."""
    received = utc_now()
    rows = [
        {
            "event_id": str(event["event_id"]),
            "kind": str(event["kind"]),
            "customer_id": str(event["customer_id"]),
            "payload": _as_json(event),
            "source": source[:200],
            "received_at": received,
        }
        for event in events
    ]
    if not rows:
        return [], received
    with db.session() as session:
        # One statement, executed for many rows: compiled once, sent in batches by SQLAlchemy.
        stored = list(session.scalars(_insert_new(session), rows).all())
    return stored, received


def known_ids(db: AppDatabase, event_ids: Sequence[str]) -> set[str]:
    """Which of these event ids the log already holds."""
    found: set[str] = set()
    wanted = sorted(set(event_ids))
    with db.read_session() as session:
        for start in range(0, len(wanted), LOOKUP_CHUNK):
            chunk = wanted[start : start + LOOKUP_CHUNK]
            found.update(
                session.scalars(select(EventRow.event_id).where(EventRow.event_id.in_(chunk)))
            )
    return found


def pending(db: AppDatabase, limit: int) -> list[LoggedEvent]:
    """The oldest `limit` events not applied yet, in the order they were received."""
    query = select(EventRow).where(EventRow.applied_at.is_(None)).order_by(EventRow.id).limit(limit)
    with db.read_session() as session:
        return [
            LoggedEvent(
                row.id, row.event_id, row.kind, row.customer_id, dict(row.payload),
                row.received_at, row.attempt,
            )
            for row in session.scalars(query)
        ]  # fmt: skip


def claim(db: AppDatabase, event_ids: Sequence[str], attempt: str | None) -> None:
    """Note that application `attempt` took these events (they stay pending until marked);
    None releases them, for the next application to take afresh."""
    with db.session() as session:
        session.execute(
            update(EventRow).where(EventRow.event_id.in_(list(event_ids))).values(attempt=attempt)
        )


def mark_applied(
    db: AppDatabase,
    applied: Sequence[str],
    store_version: str,
    failed: dict[str, str] | None = None,
    at: datetime | None = None,
    batch: AppliedBatchRow | None = None,
) -> datetime:
    """Record that events were applied (to `store_version`) or could not be (with why). With
    `batch`, the record that owes the batch to the listeners (handoff.py) is written in the
    same transaction: no moment exists where the events count as applied and nobody owes the
    listeners their batch."""
    when = at or utc_now()
    with db.session() as session:
        if batch is not None:
            session.add(batch)
        if applied:
            session.execute(
                update(EventRow)
                .where(EventRow.event_id.in_(list(applied)))
                .values(applied_at=when, applied_store_version=store_version)
            )
        for event_id, reason in (failed or {}).items():
            session.execute(
                update(EventRow)
                .where(EventRow.event_id == event_id)
                .values(applied_at=when, error=reason[:MAX_ERROR_CHARS])
            )
    return when


def key_holders(
    db: AppDatabase, keys: Collection[tuple[str, str]], applied: bool
) -> dict[tuple[str, str], str]:
    """Which events hold these keys (("order_id", "o-1"), ("review_id", "r-7")): the pending
    ones, or with `applied` those applied without an error; key -> the earliest such event."""
    state = (
        EventRow.applied_store_version.is_not(None) & EventRow.error.is_(None)
        if applied
        else EventRow.applied_at.is_(None)
    )
    found: dict[tuple[str, str], str] = {}
    if not keys:
        return found
    with db.read_session() as session:
        for kind, name in KEY_FIELDS.items():
            wanted = sorted({value for field, value in keys if field == name})
            held = EventRow.payload[name].as_string()
            for start in range(0, len(wanted), LOOKUP_CHUNK):
                query = (
                    select(held, EventRow.event_id)
                    .where(
                        state, EventRow.kind == kind, held.in_(wanted[start : start + LOOKUP_CHUNK])
                    )
                    .order_by(EventRow.id)
                )
                for value, event_id in session.execute(query):
                    found.setdefault((name, value), event_id)
    return found


def key_of(event: Mapping[str, Any]) -> tuple[str, str] | None:
    """The store id a checked event brings, as (field, value): an order's order_id, a
    review's review_id (a browse event's row is keyed by its event id)."""
    name = KEY_FIELDS.get(str(event["kind"]))
    return None if name is None else (name, str(event[name]))


def received_times(db: AppDatabase, event_ids: Sequence[str]) -> dict[str, datetime]:
    """When each of these events was received."""
    with db.read_session() as session:
        rows = session.execute(
            select(EventRow.event_id, EventRow.received_at).where(
                EventRow.event_id.in_(list(event_ids))
            )
        )
        return {event_id: received for event_id, received in rows}


def requeue_failed(db: AppDatabase) -> int:
    """Make the events that failed because applying them raised pending again (a bug found
    and fixed, a model retrained); the others failed a rule and would fail it again."""
    with db.session() as session:
        result = session.execute(
            update(EventRow)
            .where(EventRow.error.like(f"{APPLY_FAILED}%"))
            .values(applied_at=None, applied_store_version=None, error=None, attempt=None)
        )
        return int(getattr(result, "rowcount", 0) or 0)


def log_status(db: AppDatabase) -> dict[str, Any]:
    """Counts (pending, applied, failed) and the last application: when, to which version."""
    # One read session: its counts come from one snapshot, so they add up.
    with db.read_session() as session:
        waiting = session.scalar(
            select(func.count()).select_from(EventRow).where(EventRow.applied_at.is_(None))
        )
        failed = session.scalar(
            select(func.count()).select_from(EventRow).where(EventRow.error.is_not(None))
        )
        total = session.scalar(select(func.count()).select_from(EventRow))
        last = session.execute(
            select(EventRow.applied_at, EventRow.applied_store_version)
            .where(EventRow.applied_store_version.is_not(None))
            .order_by(EventRow.applied_at.desc(), EventRow.id.desc())
            .limit(1)
        ).first()
    return {
        "pending": int(waiting or 0),
        "applied": int((total or 0) - (waiting or 0) - (failed or 0)),
        "failed": int(failed or 0),
        "last_applied_at": last[0].isoformat() if last and last[0] else None,
        "last_store_version": last[1] if last else None,
    }


def _as_json(value: Any) -> Any:
    """A checked event as JSON: its times as ISO text, text without NULs (PostgreSQL refuses
    them). Checked events hold only these types, so this is quicker than `jsonable`."""
    if isinstance(value, str):
        return clean_text(value) if "\x00" in value else value
    if isinstance(value, dict):
        return {key: _as_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_as_json(item) for item in value]
    if isinstance(value, datetime):
        return value.isoformat()
    return value


def _insert_new(session: Session) -> Any:
    """INSERT ... ON CONFLICT (event_id) DO NOTHING RETURNING event_id: the ids inserted."""
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    return (
        insert(EventRow)
        .on_conflict_do_nothing(index_elements=["event_id"])
        .returning(EventRow.event_id)
    )
