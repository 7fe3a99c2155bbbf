"""Roles, which tools each may use, and what leaves the server for each.

`operator` works with lists, segments, budgets and forecasts; `marketer` with segments and
offers, never contact details; `support` with one customer at a time, contact details
included (a tool that can reach past one customer needs one named: `scope_refusal`); `admin`
with everything (keys, ingest, training too); `ingest` only sends events (POST /v1/events).
See docs/api.md.
"""

import re
from collections.abc import Mapping
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
    # Products bought together, store-wide: a marketer's cross-sell, not one customer's.
    "bought_with": frozenset({"operator", "marketer"}),
    # The limits every offer is held to: what anyone who drafts or plans offers may be told.
    "discount_policy": frozenset({"operator", "marketer", "support"}),
    # Store-wide figures per customer (repeat rate, revenue per customer): not one customer's.
    "store_metrics": frozenset({"operator", "marketer"}),
}
# The tools support may call only about one customer: without one of the arguments named here
# they reach a segment or the whole store. Each with a question that names a customer, for the
# refusal. recommend_products always takes a customer; the alerts support sees are each about
# one customer (its work queue), so list_alerts and explain_alert stay whole.
ONE_CUSTOMER: dict[str, tuple[tuple[str, ...], str]] = {
    "draft_offer": (("customer_id",), "draft an offer for 00042"),
    "search_reviews": (("customer_id",), "reviews by 00042 about delivery"),
    # One text to score (a customer's message) is about one customer too.
    "review_sentiment": (("customer_id", "text"), "what does 00042 complain about?"),
}

# Fields that identify or reach a person; removed from everything a marketer receives.
CONTACT_FIELDS = frozenset({"name", "email", "phone", "address", "first_name", "last_name"})
# ...except `name` where the mapping is not a person: segments and review themes have names a
# marketer works with. A person's record always carries its customer_id.
PERSON_ONLY = frozenset({"name"})
# An address starts where its run of address characters starts, so a long run of digits or
# letters is read once, not again from each of its characters (redact runs this on every
# string a marketer sees). Its parts are not capped at RFC 5321's lengths: an over-long
# address is still someone's.
EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
EMAIL_MASK = "[email removed]"
# Phone numbers as people write them in a review: international (+49 30 1234567, 0044 20 7946
# 0958), with a trunk zero (0171 1234567, 030/1234567, 06 12 34 56 78, (030) 123456) or North
# American (555-123-4567, (555) 123-4567). Prices, dates, order numbers, ratings and ids do not
# take these shapes: a phone starts with +, 00, 0 or a bracket, or is grouped 3-3-4, and is
# never part of a longer run of digits or of a word ("o00042-3", "B000EYLDYE"). A run of ten
# or more digits with no separator ("0738551856", "5551234567") is as often an ISBN, an ASIN
# or an order number, so it is a phone only just after a phone word ("call me at ...").
_GROUPS = r"(?:[ .\-/]?(?:\(\d{1,5}\)|\d{1,8})){1,6}"
PHONE = re.compile(
    r"(?<![\w+])(?<!\d[ .\-/])(?:"
    r"(?P<international>(?:\+|\b00)[1-9]\d{0,2}" + _GROUPS + ")"
    r"|(?P<trunk>(?:\(0\d{1,5}\)|\b0[1-9]\d{0,10})" + _GROUPS + "?)"
    r"|(?P<american>(?:\+?1[ .\-])?(?:\(\d{3}\) ?|\b\d{3}[ .\-])\d{3}[ .\-]\d{4})"
    r"|(?P<unbroken>\b[2-9]\d{9})"  # 5551234567: a phone only after a phone word
    r")(?![\w])(?![ .\-/]\d)"
)
# Words after which digits are an id, whatever their shape: "ISBN-10: 0738551856", "order
# 0012345678", "Lot 06 12 34 56 78", "ref 0123-456-789", "#0042 1234 5678".
_ID_BEFORE = re.compile(
    r"(?i)(?:\b(?:isbn(?:-?1[03])?|asin|order|serial|batch|lot|ref|reference|invoice|tracking)"
    r"(?:\s*(?:no\.?|nr\.?|number|id|code))?|#)[\s:#.\-]*$"
)
# Inside a link's path or query: "amazon.com/gp/product/0961959533".
_IN_LINK = re.compile(r"(?i)(?:\w+://|\bwww\.|\b[\w-]+\.[a-z]{2,}/)\S*$")
# A phone word just before: "call me at", "phone:", "tel.", "text me on", "reach me at",
# "mobile", "cell".
_PHONE_WORD_BEFORE = re.compile(
    r"(?i)\b(?:call(?:\s+(?:me|us))?|phone|tel|telephone|text\s+me|reach\s+me|mobile|cell)"
    r"(?:\s+(?:number|no\.?|nr\.?))?(?:\s+(?:on|at))?[\s:.]*$"
)
PHONE_MASK = "[phone removed]"
# 31.01.2024 14:05, 01/02/2024: a date's digits can add up to a phone's.
_DATE = re.compile(r"\d{1,2}[./\-]\d{1,2}[./\-]\d{2,4}")
# Digits in a phone number, by its form (E.164 allows 15; "(0)" may add one).
_DIGITS = {"international": (8, 16), "trunk": (9, 12), "american": (10, 11), "unbroken": (10, 10)}
# What a marketer is told when they ask for contact details: exactly what is withheld.
CONTACTS_REFUSAL = (
    "Marketers don't see contact details: customers' names, e-mail addresses, phone numbers "
    "and postal addresses are left out, and e-mail addresses and phone numbers written in "
    "reviews are masked (a name written in a review is not detected). Ask a support agent."
)


def may_use(role: Role, tool: str) -> bool:
    """True when `role` may call `tool` (unknown tools: admin only)."""
    return role == "admin" or role in TOOL_ROLES.get(tool, frozenset())


def scope_refusal(role: Role, tool: str, args: Mapping[str, Any]) -> str | None:
    """Why `role` may not call `tool` with `args` although it may use the tool (a support
    agent's call that names no customer); None when it may."""
    if role != "support" or tool not in ONE_CUSTOMER:
        return None
    keys, example = ONE_CUSTOMER[tool]
    if any(args.get(key) for key in keys):
        return None
    return (
        "Support agents work one customer at a time: name the customer, e.g. "
        f'"{example}" ({tool} needs {" or ".join(keys)} for the support role).'
    )


def tools_for(role: Role) -> list[str]:
    """The tools `role` may call, in catalogue order."""
    return [tool for tool in TOOL_ROLES if may_use(role, tool)]


def may_send_events(role: Role) -> bool:
    """True when `role` may post events and read the events status."""
    return role in EVENT_ROLES


def sees_contacts(role: Role) -> bool:
    return role != "marketer"


def mask_contacts(text: str) -> str:
    """`text` with e-mail addresses and phone numbers masked (names are not: no pattern tells
    a name in free text from any other word)."""
    return PHONE.sub(_phone_mask, EMAIL.sub(EMAIL_MASK, text))


def _phone_mask(match: "re.Match[str]") -> str:
    written = match.group()
    low, high = _DIGITS[match.lastgroup or "international"]
    digits = sum(char.isdigit() for char in written)
    if not low <= digits <= high or (match.lastgroup == "trunk" and _DATE.search(written)):
        return written
    before = match.string[max(0, match.start() - 40) : match.start()]
    if _ID_BEFORE.search(before) or _IN_LINK.search(before):
        return written
    if written.isdigit() and digits >= 10 and not _PHONE_WORD_BEFORE.search(before):
        return written  # "0738551856", "5551234567": an id unless a phone word says otherwise
    return PHONE_MASK


def redact(value: Any, role: Role) -> Any:
    """`value` as `role` may see it: for a marketer, contact fields dropped from every mapping
    (a name only from a customer's) and e-mail addresses and phone numbers masked in every
    string (reviews can quote them), at any depth."""
    if sees_contacts(role):
        return value
    if isinstance(value, dict):
        dropped = CONTACT_FIELDS if "customer_id" in value else CONTACT_FIELDS - PERSON_ONLY
        return {k: redact(v, role) for k, v in value.items() if k not in dropped}
    if isinstance(value, list | tuple):
        return [redact(v, role) for v in value]
    if isinstance(value, str):
        return mask_contacts(value)
    return value
