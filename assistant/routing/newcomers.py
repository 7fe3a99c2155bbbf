"""Customers new to the store, listed rather than counted: "who are our newest customers"
(top_customers by first order, the newest first), "list the new customers of March 1998",
"who joined last month", "customers who signed up in 1997", "top returning customers in
1998" (top_customers' `buyers`, with that period). Counted ("how many new customers in 1998",
"how many customers joined in 1998") they are store_metrics' figure (figures_asked.py);
without a period, "new customers" is still the RFM segment 'new', whose first order is recent
as of today, not in a period gone by.
"""

import re
from typing import Any, Literal

from assistant.routing import rules
from assistant.routing.arg_notes import PERIOD
from assistant.routing.extract import Extraction
from assistant.routing.figures_asked import (
    NEW_COUNTED,
    NEW_CUSTOMERS,
    NEW_SEGMENT,
    names_period,
    new_as_customers,
)

W = rules.CUE_WEIGHT
Buyers = Literal["new", "returning"]
_PEOPLE = r"(?:customers|buyers|clients|shoppers|members)"
# The newest by their first order: "newest customers", "who joined most recently", "latest
# sign-ups". Not "most recent customers", which may be who ordered last.
NEWEST = re.compile(
    rf"\b(?:newest|most\s+recently\s+(?:joined|acquired|signed[\s-]+up|added))\s+{_PEOPLE}\b|"
    rf"\b{_PEOPLE}\s+(?:who|that)\s+(?:have\s+|has\s+)?(?:joined|signed\s+up|registered)\s+"
    r"(?:most\s+)?(?:recently\b|last[\s?.!]*$)|"
    r"\b(?:latest|newest|recent)\s+(?:sign[\s-]*ups|joiners|registrations)\b|"
    r"\bwho\s+(?:joined|signed\s+up)\s+(?:most\s+)?(?:recently\b|last[\s?.!]*$)"
)
# Joining said of people: "who joined last month", "customers who signed up in 1997",
# "whose first order was in 1998".
JOINED = re.compile(
    r"\b(?:joined|signed\s+up|sign[\s-]*ups|registered)\b|"
    r"\bfirst\s+(?:ever\s+)?(?:order|purchase)\s+(?:was|were|came|fell|is)\b"
)
RETURNING = re.compile(rf"\b(?:returning|existing)\s+{_PEOPLE}\b")
# Who the customers are asked, not a figure or what they spent: "who", "which customers",
# "list ...", "top new customers".
LISTS_PEOPLE = re.compile(
    r"^(?:please\s+|can\s+you\s+|now\s+)?(?:who\b|which\b|list\b|show\b|give\b|name\b|get\b|"
    r"find\b|pull\b)|\b(?:top|best|biggest|largest)\s+(?:\d+\s+)?(?:new|returning|existing)?\s*"
    rf"{_PEOPLE}\b|^(?:the\s+)?{_PEOPLE}\s+(?:who|that)\b"
)
# What they spent or bought is the sales' ("revenue from new customers last month").
SUMMED = re.compile(
    r"\b(?:revenue|sales|turnover|takings|sold|products?|items?|categor(?:y|ies)|"
    r"(?:how\s+much|what)\s+(?:did|do|have)\b)"
)


def newest(text: str) -> bool:
    """True when `text` (lower case) asks for the newest customers by their first order."""
    return bool(NEWEST.search(text))


def buyers(text: str, x: Extraction) -> Buyers | None:
    """'new' when `text` (lower case; embedded or as typed) names customers new to the store,
    'returning' when it names those who had ordered before; None otherwise."""
    if RETURNING.search(text):
        return "returning"
    if JOINED.search(text) or NEW_CUSTOMERS.search(text) or new_as_customers(text, x):
        return "new"
    return None


def nudges(text: str, x: Extraction) -> dict[str, float]:
    """A triple nudge to top_customers for the newest customers, or for a period's new or
    returning customers listed (not counted, not summed): similarity puts "who are our newest
    customers" beside the at-risk list and "who joined last month" beside the best sellers."""
    if x.customer_ids:
        return {}
    dated = names_period(x)
    listed = bool(LISTS_PEOPLE.search(text) or JOINED.search(text))
    counted = NEW_COUNTED.search(text) or SUMMED.search(text)
    if newest(text) or (dated and listed and not counted and buyers(text, x) is not None):
        return {"top_customers": 3 * W, "store_metrics": -W, "at_risk_customers": -W}
    return {}


def asked(text: str, x: Extraction, found: dict[str, Any]) -> dict[str, Any]:
    """top_customers' arguments `found` with `by` first_order for the newest customers, and
    `buyers` for a period's new or returning customers; "new customers" then names no segment
    'new' (other segments named stay)."""
    out = dict(found)
    if newest(text) and "by" not in out:
        out["by"] = "first_order"
    who = buyers(text, x)
    if who is not None and PERIOD & set(out):
        out["buyers"] = who
        if who == "new" and str(out.get("segment", "")).lower() == NEW_SEGMENT:
            out.pop("segment")
            others = [name for name in x.segments if name.lower() != NEW_SEGMENT]
            if others:
                out["segment"] = others[0]
    return out
