"""The audit log: every tool call, allowed or refused, with who made it and what came back."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal, cast, get_args

from sqlalchemy import Table, insert, select

from assistant.jsonable import clean_text, jsonable
from assistant.persistence.db import AppDatabase
from assistant.persistence.keys import Principal
from assistant.persistence.tables import AuditRow, utc_now
from assistant.roles import Role
from commerce.errors import InvalidInput

Outcome = Literal["ok", "error", "refused"]
OUTCOMES: tuple[Outcome, ...] = get_args(Outcome)
MAX_ERROR_CHARS = 2000
MAX_RECENT = 1000
INSERT = insert(cast(Table, AuditRow.__table__))  # built once: rows from audit_row go in


@dataclass(frozen=True)
class AuditEntry:
    """One logged tool call."""

    id: int
    ts: datetime
    key_id: int
    key_name: str
    role: Role
    tool: str
    arguments: dict[str, Any]
    rows: int
    outcome: Outcome
    error: str | None
    conversation_id: str | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "ts": self.ts.isoformat(),
            "key_id": self.key_id,
            "key_name": self.key_name,
            "role": self.role,
            "tool": self.tool,
            "arguments": self.arguments,
            "rows": self.rows,
            "outcome": self.outcome,
            "error": self.error,
            "conversation_id": self.conversation_id,
        }


def record(db: AppDatabase, row: Mapping[str, Any]) -> AuditEntry:
    """Write one row made by `audit_row` and return it as stored."""
    stored = AuditRow(**row)
    with db.session() as session:
        session.add(stored)
        session.flush()
        return _entry(stored)


def record_rows(db: AppDatabase, rows: Sequence[Mapping[str, Any]]) -> None:
    """Write rows made by `audit_row` in one transaction."""
    if rows:
        with db.session() as session:
            session.execute(INSERT, rows)


def audit_row(
    principal: Principal,
    tool: str,
    arguments: Mapping[str, Any],
    rows: int,
    outcome: str,
    error: str | None = None,
    conversation_id: str | None = None,
) -> dict[str, Any]:
    """One tool call by `principal`, checked, as column values for `record`, `record_rows` or
    INSERT (a chat turn writes its rows in the transaction that stores its answer): `rows` is
    how many rows the result carried (0 when refused or failed), `outcome` one of ok, error,
    refused."""
    if outcome not in OUTCOMES:
        raise InvalidInput(f"audit outcome {outcome!r}: expected one of {', '.join(OUTCOMES)}")
    if rows < 0:
        raise InvalidInput(f"audit rows {rows}: expected 0 or more")
    return {
        "ts": utc_now(),
        "key_id": principal.key_id,
        "key_name": principal.name,
        "role": principal.role,
        "tool": clean_text(tool)[:64],
        # Arguments are stored as the tool saw them, made JSON-safe (dates, numpy numbers).
        "arguments": jsonable(dict(arguments)),
        "rows_returned": int(rows),
        "outcome": outcome,
        "error": None if error is None else clean_text(error)[:MAX_ERROR_CHARS],
        "conversation_id": conversation_id,
    }


def recent(db: AppDatabase, limit: int = 50, key_id: int | None = None) -> list[AuditEntry]:
    """The latest `limit` tool calls, newest first; only one key's when `key_id` is given."""
    if not 1 <= limit <= MAX_RECENT:
        raise InvalidInput(f"limit {limit}: expected 1 to {MAX_RECENT}")
    query = select(AuditRow).order_by(AuditRow.ts.desc(), AuditRow.id.desc()).limit(limit)
    if key_id is not None:
        query = query.where(AuditRow.key_id == key_id)
    with db.read_session() as session:
        return [_entry(row) for row in session.scalars(query)]


def _entry(row: AuditRow) -> AuditEntry:
    return AuditEntry(
        id=row.id,
        ts=row.ts,
        key_id=row.key_id,
        key_name=row.key_name,
        role=cast(Role, row.role),
        tool=row.tool,
        arguments=dict(row.arguments or {}),
        rows=row.rows_returned,
        outcome=cast(Outcome, row.outcome),
        error=row.error,
        conversation_id=row.conversation_id,
    )
