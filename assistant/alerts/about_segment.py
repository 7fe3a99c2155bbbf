"""Which alerts are about a segment ("alerts for the lost segment"): its segment alerts, and the
customer alerts about its customers.

A customer alert counts by the segment stored in its facts when it was raised (risk crossings
and negative reviews store it), else by today's segment table. The stored one first: it is the
segment the alert itself names (its facts, its explanation), so the list agrees with what each
alert says, and it never moves, so a page of the list does not shift when segments are
recomputed after a batch. Today's table stands in only where nothing was stored (a customer in
no segment when the alert was raised). Behaviour clusters are never stored (facts name the RFM
segment, and segment jumps are per RFM segment), so a cluster's alerts are its current
members' customer alerts.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import cast

from sqlalchemy import ColumnElement, and_, false, func, or_

from assistant.alerts.model import CUSTOMER_RULES
from assistant.persistence.tables import AlertRow

# Runs a query of customer ids (the store's session, its role and state filters applied).
CustomerIds = Callable[[ColumnElement[bool]], set[str]]


@dataclass(frozen=True)
class SegmentAlerts:
    """A segment (or cluster) as the alerts filter reads it."""

    name: str  # as the segment table spells it
    stored: bool  # True for an RFM segment, which alerts store by name; False for a cluster
    members: frozenset[str]  # its customers today


def stored_segment() -> ColumnElement[str]:
    """The segment a customer alert's facts name (NULL when none was stored)."""
    return cast(ColumnElement[str], AlertRow.facts["segment"].as_string())


def about(segment: SegmentAlerts, customer_ids: CustomerIds) -> ColumnElement[bool]:
    """The condition for alerts about `segment`. `customer_ids` lists the customers of the
    alerts that fall back on today's table, so only those of them in `segment` are sent back
    in an IN list (its members can be tens of thousands; the alerted customers are few)."""
    customer_alert = AlertRow.rule.in_(CUSTOMER_RULES)
    unstored = stored_segment().is_(None) if segment.stored else customer_alert
    today = customer_ids(and_(customer_alert, unstored)) & segment.members
    by_today = and_(customer_alert, unstored, AlertRow.customer_id.in_(sorted(today)))
    if not segment.stored:
        return by_today if today else false()
    name = segment.name.lower()
    by_name = or_(
        and_(AlertRow.rule == "segment_jump", func.lower(AlertRow.segment) == name),
        and_(customer_alert, func.lower(stored_segment()) == name),
    )
    return or_(by_name, by_today) if today else by_name
