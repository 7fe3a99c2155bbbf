"""Roles, which tools each may use, and what leaves the server for each.

`operator` works with lists, segments, budgets and forecasts; `marketer` with segments and
offers, never contact details; `support` with one customer at a time, contact details
included; `admin` with everything (keys, ingest, training too); `ingest` only sends events
(POST /v1/events). See docs/api.md.
"""

import re
from typing import Any, Literal, get_args

Role = Literal["operator", "marketer", "support", "admin", "ingest"]
KEY_ROLES: tuple[Role, ...] = get_args(Role)  # every role a key may have
# The roles that chat and read: `ingest` is a machine's role (a shop system sending events),
# which may post events and nothing else.
ROLES: tuple[Role, ...] = ("operator", "marketer", "support", "admin")
EVENT_ROLES: frozenset[Role] = frozenset({"ingest", "admin"})

# Which roles may call each tool; admin may call every tool, listed or not.
TOOL_ROLES: dict[str, frozenset[Role]] = {
    "customer_profile": frozenset({"operator", "marketer", "support"}),
    "at_risk_customers": frozenset({"operator", "marketer"}),
    "similar_customers": frozenset({"operator", "marketer"}),
    "search_reviews": frozenset({"operator", "marketer", "support"}),
    "review_sentiment": frozenset({"operator", "marketer", "support"}),
    "list_segments": frozenset({"operator", "marketer"}),
    "segment_summary": frozenset({"operator", "marketer"}),
    "draft_offer": frozenset({"marketer", "support"}),
    "plan_budget": frozenset({"operator"}),
    "forecast_demand": frozenset({"operator"}),
    "model_report": frozenset({"operator"}),
    "recommend_products": frozenset({"operator", "marketer", "support"}),
    "list_alerts": frozenset({"operator", "marketer", "support"}),
    "explain_alert": frozenset({"operator", "marketer", "support"}),
    # Store-wide sales, like the segment list: support works one customer at a time.
    "top_products": frozenset({"operator", "marketer"}),
    "top_customers": frozenset({"operator", "marketer"}),
}

# Fields that identify or reach a person; removed from everything a marketer receives.
CONTACT_FIELDS = frozenset({"name", "email", "phone", "address", "first_name", "last_name"})
# ...except `name` where the mapping is not a person: segments and review themes have names a
# marketer works with. A person's record always carries its customer_id.
PERSON_ONLY = frozenset({"name"})
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
EMAIL_MASK = "[email removed]"


def may_use(role: Role, tool: str) -> bool:
    """True when `role` may call `tool` (unknown tools: admin only)."""
    return role == "admin" or role in TOOL_ROLES.get(tool, frozenset())


def tools_for(role: Role) -> list[str]:
    """The tools `role` may call, in catalogue order."""
    return [tool for tool in TOOL_ROLES if may_use(role, tool)]


def may_send_events(role: Role) -> bool:
    """True when `role` may post events and read the events status."""
    return role in EVENT_ROLES


def sees_contacts(role: Role) -> bool:
    return role != "marketer"


def redact(value: Any, role: Role) -> Any:
    """`value` as `role` may see it: for a marketer, contact fields dropped from every mapping
    (a name only from a customer's) and e-mail addresses masked in every string (reviews can
    quote one), at any depth."""
    if sees_contacts(role):
        return value
    if isinstance(value, dict):
        dropped = CONTACT_FIELDS if "customer_id" in value else CONTACT_FIELDS - PERSON_ONLY
        return {k: redact(v, role) for k, v in value.items() if k not in dropped}
    if isinstance(value, list | tuple):
        return [redact(v, role) for v in value]
    if isinstance(value, str):
        return EMAIL.sub(EMAIL_MASK, value)
    return value
