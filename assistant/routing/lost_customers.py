"""Customers lost in a period gone by ("how many customers did we lose last quarter",
"customers we lost in 1998", "churned customers last month"): those who ordered in the same
span just before it and not at all in it, top_customers' trend stopped against the unit before
(`compare_to` "quarter before", "year before", "month before", or "before": as many days).
That is how a period's lost customers are usually counted; against every day before it, the
demo's single cohort would count nearly everyone. Without a period ("customers we are about to
lose", "who have we lost") they stay the at-risk list, which is as of now.

Read on the message in lower case.
"""

import re
from collections.abc import Mapping

LOST = re.compile(
    r"\b(?:did|have|had)\s+we\s+(?:\w+\s+)?(?:lose|lost)\b|\bwe(?:'ve|\s+have)?\s+lost\b|"
    r"\b(?:lost|churned|lapsed)\s+(?:customers|buyers|clients|shoppers|accounts)\b|"
    r"\b(?:customers|buyers|clients|shoppers|accounts)\s+(?:who\s+|that\s+)?(?:we\s+)?"
    r"(?:lost|churned)\b"
)
# The unit of the period asked, and the same unit just before it, as compare_to names it.
AGAINST = (("year", "year before"), ("quarter", "quarter before"), ("month", "month before"))


def asked(text: str) -> bool:
    """True when `text` speaks of customers lost (the period is the caller's to check)."""
    return bool(LOST.search(text))


def against(found: Mapping[str, object]) -> str:
    """compare_to for the period in `found`: the same calendar unit just before it, else as
    many days just before it."""
    return next((before for unit, before in AGAINST if unit in found), "before")
