"""What an alert is: the rules, severities and states, the alert as stored and as JSON, and
which roles see and acknowledge which alerts.

Roles: operators and admins see every alert; marketers too (segments are their work, and an
alert never carries a name or an e-mail address: review excerpts are masked when raised);
support agents work one customer at a time, so they see customer alerts (risk crossings and
negative reviews), not segment jumps. Acknowledging is for operators, support agents (the
alerts they see) and admins; marketers read alerts but do not close them.
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal, get_args

from assistant.roles import Role

Rule = Literal["risk_crossing", "negative_review", "segment_jump"]
RULES: tuple[Rule, ...] = get_args(Rule)
Severity = Literal["high", "medium"]
AlertState = Literal["open", "acknowledged"]
StateFilter = Literal["open", "acknowledged", "all"]
STATE_FILTERS: tuple[StateFilter, ...] = get_args(StateFilter)

CUSTOMER_RULES: tuple[Rule, ...] = ("risk_crossing", "negative_review")
# Roles not named here (a machine's `ingest` key) see no alerts.
RULES_SEEN: dict[Role, tuple[Rule, ...]] = {
    "operator": RULES,
    "marketer": RULES,
    "support": CUSTOMER_RULES,
    "admin": RULES,
}
ACKNOWLEDGING_ROLES: frozenset[Role] = frozenset({"operator", "support", "admin"})


@dataclass(frozen=True)
class NewAlert:
    """An alert a rule wants raised; the store decides whether it is new.

    `dedupe_key` names the rule, the subject and what triggered it (the store version of the
    batch, or the review), so the same trigger never raises twice.
    """

    rule: Rule
    severity: Severity
    customer_id: str | None
    segment: str | None
    title: str
    facts: dict[str, Any]
    dedupe_key: str
    store_version: str

    @property
    def subject(self) -> str:
        """ "customer:00042" or "segment:champions"."""
        if self.customer_id is not None:
            return f"customer:{self.customer_id}"
        return f"segment:{self.segment}"

    @property
    def open_key(self) -> str:
        """Rule and subject: while an alert with this key is open, no other is raised."""
        return f"{self.rule}|{self.subject}"


@dataclass(frozen=True)
class Alert:
    """A stored alert."""

    id: int
    rule: Rule
    severity: Severity
    customer_id: str | None
    segment: str | None
    title: str
    facts: dict[str, Any]
    state: AlertState
    raised_at: datetime
    acknowledged_at: datetime | None
    acknowledged_by: str | None
    store_version: str

    def to_dict(self) -> dict[str, Any]:
        """The alert as the API, the feed, the webhook and the tools show it."""
        return {
            "id": self.id,
            "rule": self.rule,
            "severity": self.severity,
            "customer_id": self.customer_id,
            "segment": self.segment,
            "title": self.title,
            "facts": self.facts,
            "state": self.state,
            "raised_at": self.raised_at.isoformat(),
            "acknowledged_at": self.acknowledged_at.isoformat() if self.acknowledged_at else None,
            "acknowledged_by": self.acknowledged_by,
            "store_version": self.store_version,
        }


def sees(role: Role, alert: Alert) -> bool:
    """True when `role` may see `alert` (see the module docstring)."""
    return alert.rule in rules_seen(role)


def rules_seen(role: Role) -> tuple[Rule, ...]:
    """The rules whose alerts `role` sees (none for a role not in RULES_SEEN)."""
    return RULES_SEEN.get(role, ())


def may_acknowledge(role: Role) -> bool:
    return role in ACKNOWLEDGING_ROLES
