"""Alerts in the app database: raised at most once, listed and read by role, acknowledged once.

Raising is one INSERT ... ON CONFLICT DO NOTHING per alert (SQLite and PostgreSQL alike): the
unique `dedupe_key` and `open_key` columns (see persistence/tables.py) refuse a repeat, so two
processes applying the same batch still raise each alert once. The webhook outbox row is
written in the same transaction as its alert.
"""

import builtins
from collections.abc import Sequence
from typing import Any, cast

from sqlalchemy import ColumnElement, Select, func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from assistant.alerts.about_segment import SegmentAlerts, about
from assistant.alerts.model import (
    STATE_FILTERS,
    Alert,
    AlertState,
    NewAlert,
    Rule,
    Severity,
    StateFilter,
    may_acknowledge,
    rules_seen,
)
from assistant.jsonable import clean_text, jsonable
from assistant.persistence.db import AppDatabase
from assistant.persistence.keys import Principal
from assistant.persistence.tables import AlertRow, WebhookDeliveryRow, utc_now
from assistant.roles import Role
from commerce.errors import Forbidden, InvalidInput, NotFound

MAX_PAGE = 200
MAX_ALERT_ID = 2**31 - 1


class AlertStore:
    """The alerts table, read as a role sees it."""

    def __init__(self, db: AppDatabase) -> None:
        self._db = db

    def raise_alerts(self, alerts: Sequence[NewAlert], outbox: bool = False) -> list[Alert]:
        """Store the alerts that are new and return them, in order. An alert whose dedupe key
        was seen before, or whose rule and subject have an open alert, is skipped. With
        `outbox`, each raised alert also gets a pending webhook delivery."""
        raised = []
        with self._db.session() as session:
            for alert in alerts:
                alert_id = session.scalar(self._insert(alert))
                if alert_id is None:
                    continue
                row = session.get_one(AlertRow, alert_id)
                raised.append(_alert(row))
                if outbox:
                    session.add(WebhookDeliveryRow(alert_id=alert_id, payload=raised[-1].to_dict()))
        return raised

    def list(
        self,
        state: StateFilter = "open",
        role: Role = "admin",
        limit: int = 50,
        offset: int = 0,
        segment: SegmentAlerts | None = None,
    ) -> builtins.list[Alert]:
        """The alerts `role` sees in `state` (open, acknowledged or all), newest first;
        `segment`: only those about it (about_segment.py)."""
        _check_page(limit, offset)
        with self._db.read_session() as session:
            query = _visible(select(AlertRow), role, state, _about(session, role, state, segment))
            query = query.order_by(AlertRow.id.desc()).limit(limit).offset(offset)
            return [_alert(row) for row in session.scalars(query)]

    def count(
        self,
        state: StateFilter = "open",
        role: Role = "admin",
        segment: SegmentAlerts | None = None,
    ) -> int:
        """How many alerts `role` sees in `state` (about `segment`, when given)."""
        with self._db.read_session() as session:
            about_it = _about(session, role, state, segment)
            query = _visible(select(func.count()).select_from(AlertRow), role, state, about_it)
            return int(session.scalar(query) or 0)

    def get(self, alert_id: int, role: Role = "admin") -> Alert:
        """One alert; NotFound when there is none or `role` does not see it (the same
        message, so an id reveals nothing)."""
        if not 1 <= alert_id <= MAX_ALERT_ID:  # beyond the INTEGER column: PostgreSQL refuses
            raise _not_found(alert_id)
        with self._db.read_session() as session:
            row = session.scalar(_visible(select(AlertRow), role, "all").where(_id(alert_id)))
            if row is None:
                raise _not_found(alert_id)
            return _alert(row)

    def latest_about(
        self, customer_id: str | None = None, segment: str | None = None, role: Role = "admin"
    ) -> Alert:
        """The newest open alert about a customer (or a segment), else the newest closed one;
        NotFound when there is none `role` sees."""
        if customer_id is not None:
            subject, about = AlertRow.customer_id == customer_id, f"customer {customer_id!r}"
        elif segment is not None:
            subject, about = func.lower(AlertRow.segment) == segment.lower(), f"'{segment}'"
        else:
            raise InvalidInput("name a customer or a segment")
        query = _visible(select(AlertRow), role, "all").where(subject)
        query = query.order_by((AlertRow.state == "open").desc(), AlertRow.id.desc()).limit(1)
        with self._db.read_session() as session:
            row = session.scalar(query)
            if row is None:
                raise NotFound(f"no alert about {about}; ask “any new alerts?” to list them")
            return _alert(row)

    def since(
        self, after_id: int, role: Role = "admin", limit: int = MAX_PAGE
    ) -> builtins.list[Alert]:
        """Open alerts `role` sees with ids above `after_id`, oldest first (the feed's replay)."""
        _check_page(limit, 0)
        after_id = min(max(after_id, 0), MAX_ALERT_ID)
        query = _visible(select(AlertRow), role, "open").where(AlertRow.id > after_id)
        with self._db.read_session() as session:
            rows = session.scalars(query.order_by(AlertRow.id).limit(limit))
            return [_alert(row) for row in rows]

    def acknowledge(self, alert_id: int, principal: Principal) -> tuple[Alert, bool]:
        """Acknowledge an alert the principal sees; return it and whether this call changed
        it (acknowledging twice keeps the first acknowledgement). Forbidden for marketers."""
        if not may_acknowledge(principal.role):
            raise Forbidden(f"{principal.role}s may read alerts but not acknowledge them")
        self.get(alert_id, principal.role)  # NotFound for an alert the role does not see
        with self._db.session() as session:
            changed = session.scalar(
                update(AlertRow)
                .where(_id(alert_id) & (AlertRow.state == "open"))
                .values(
                    state="acknowledged",
                    open_key=None,  # frees rule and subject for the next alert
                    acknowledged_at=utc_now(),
                    acknowledged_by=clean_text(principal.name)[:64],
                    acknowledged_by_key_id=principal.key_id,
                )
                .returning(AlertRow.id)
                .execution_options(synchronize_session=False)
            )
        return self.get(alert_id, principal.role), changed is not None

    def _insert(self, alert: NewAlert) -> Any:
        dialect = postgresql if self._db.dialect == "postgresql" else sqlite
        values = {
            "rule": alert.rule,
            "severity": alert.severity,
            "customer_id": alert.customer_id,
            "segment": alert.segment,
            "title": clean_text(alert.title),
            "facts": jsonable(alert.facts),
            "state": "open",
            "dedupe_key": alert.dedupe_key,
            "open_key": alert.open_key,
            "store_version": alert.store_version,
            "raised_at": utc_now(),
        }
        # No conflict target: a clash on either unique column means "already raised".
        return (
            dialect.insert(AlertRow).values(**values).on_conflict_do_nothing()
            .returning(AlertRow.id)
        )  # fmt: skip


def _visible(
    query: Select[Any], role: Role, state: StateFilter, where: ColumnElement[bool] | None = None
) -> Select[Any]:
    if state not in STATE_FILTERS:
        raise InvalidInput(f"alert state {state!r}: expected one of {', '.join(STATE_FILTERS)}")
    check_reader(role)
    query = query.where(AlertRow.rule.in_(rules_seen(role)))
    query = query if where is None else query.where(where)
    return query if state == "all" else query.where(AlertRow.state == state)


def _about(
    session: Session, role: Role, state: StateFilter, segment: SegmentAlerts | None
) -> ColumnElement[bool] | None:
    """The condition for alerts about `segment` (None: every alert), reading the customers of
    the alerts that fall back on today's segment table from `session`."""
    if segment is None:
        return None

    def customer_ids(where: ColumnElement[bool]) -> set[str]:
        query = _visible(select(AlertRow.customer_id).distinct(), role, state, where)
        return {cid for cid in session.scalars(query) if cid is not None}

    return about(segment, customer_ids)


def check_reader(role: Role) -> None:
    """Forbidden for a role that reads no alerts (a machine's `ingest` key)."""
    if not rules_seen(role):
        raise Forbidden(f"{role} keys may not read alerts")


def _id(alert_id: int) -> ColumnElement[bool]:
    return AlertRow.id == alert_id


def _check_page(limit: int, offset: int) -> None:
    if not 1 <= limit <= MAX_PAGE:
        raise InvalidInput(f"limit {limit}: expected 1 to {MAX_PAGE}")
    if offset < 0:
        raise InvalidInput(f"offset {offset}: expected 0 or more")


def _not_found(alert_id: int) -> NotFound:
    return NotFound(f"no alert {alert_id}; list the open ones with GET /v1/alerts")


def _alert(row: AlertRow) -> Alert:
    return Alert(
        id=row.id,
        rule=cast(Rule, row.rule),
        severity=cast(Severity, row.severity),
        customer_id=row.customer_id,
        segment=row.segment,
        title=row.title,
        facts=dict(row.facts or {}),
        state=cast(AlertState, row.state),
        raised_at=row.raised_at,
        acknowledged_at=row.acknowledged_at,
        acknowledged_by=row.acknowledged_by,
        store_version=row.store_version,
    )
