"""Bounds on what customers spend per order, for top_customers' `min_average_order` and
`max_average_order`: "customers whose average order is over $50", "average order value under
$20", "aov between $20 and $40", "customers spending more than $30 per order", "who spent
under $20 on average". These were read as no bound ("average order over $50": the top
spenders, unbounded) or as a total spend the answer said it left out ("per order").

Read before the bounds on totals (thresholds.py), so that "$30 per order" is no floor on a
customer's spend. Each end is inclusive, by the floors' and ceilings' rule: "over $50" is
$50.01, "under $20" $19.99. After "average order" the amount needs no currency ("average
order over 50"); a bound per order needs one ("over $30 per order") or a spend word
("spending more than 30 per order"), as a spend bound does.
"""

import re
from dataclasses import dataclass

from assistant.routing.reading import Reader
from assistant.routing.spend_words import CENT, amount, marked, money

# What is averaged over a customer's orders, as asked.
_AVERAGE = (
    r"(?:\b(?:average|avg|mean|typical)\s+(?:order|basket|purchase|transaction|spend\s+per\s+"
    r"order)(?:\s+(?:value|size|amount|total))?|\baov|\border\s+value)"
)
_IS = r"(?:\s+(?:is|was|are|were|of|at))?\s+"
_OVER = (
    r"(?:(?P<strict>over|above|more\s+than|greater\s+than|higher\s+than|bigger\s+than|>(?!=))|"
    r"at\s+least|no\s+less\s+than|a\s+minimum\s+of|>=)\s*"
)
_UNDER = (
    r"(?:(?P<under>under|below|less\s+than|lower\s+than|smaller\s+than|<(?!=))|at\s+most|"
    r"no\s+more\s+than|up\s+to|a\s+maximum\s+of|<=)\s*"
)
_PER_ORDER = (
    r"\s*(?:(?:per|an|each|a|every)\s+(?:order|purchase|basket|transaction)\b|"
    r"(?:on\s+)?(?:average|avg)\b)"
)
_AND = r"\s*(?:and|to|-)\s*"
FLOORS = [
    re.compile(rf"{_AVERAGE}{_IS}{_OVER}{money()}"),  # "average order over $50"
    re.compile(rf"{_OVER}{money()}{_PER_ORDER}"),  # "more than $30 per order"
]
CEILINGS = [
    re.compile(rf"{_AVERAGE}{_IS}{_UNDER}{money()}"),
    re.compile(rf"{_UNDER}{money()}{_PER_ORDER}"),
]
RANGES = [
    re.compile(rf"{_AVERAGE}{_IS}(?:between|from)\s+{money('1')}{_AND}{money('2')}"),
    re.compile(rf"(?:between|from)\s+{money('1')}{_AND}{money('2')}{_PER_ORDER}"),
]
# The patterns that name no average, only "per order": their money must be marked as money,
# or be what customers spend ("spending more than 30 per order").
PER_ORDER_ONLY = (FLOORS[1], CEILINGS[1], RANGES[1])
SPENT_BEFORE = re.compile(r"\b(?:spend|spends|spending|spent)\s+$")


@dataclass(frozen=True)
class AverageOrders:
    """The bounds on a customer's average order, each inclusive (None: none)."""

    low: float | None = None
    high: float | None = None


def read(reader: Reader) -> AverageOrders:
    """The first range, or else the first floor and the first ceiling, on what customers
    spend per order (each taken)."""
    for pattern in RANGES:
        for match in pattern.finditer(reader.text):
            low, high = amount(match, "1"), amount(match, "2")
            if low is None or high is None or not _money(reader.text, pattern, match, "2"):
                continue
            reader.take(match.start(), match.end())
            return AverageOrders(round(low, 2), round(high, 2))
    return AverageOrders(_end(reader, FLOORS, CENT), _end(reader, CEILINGS, -CENT))


def _end(reader: Reader, patterns: list[re.Pattern[str]], strict: float) -> float | None:
    """The first bound of `patterns`, moved by `strict` (a cent) when said strictly ("over",
    "under"): the amount a spend in cents can be past it."""
    for pattern in patterns:
        for match in pattern.finditer(reader.text):
            value = amount(match)
            if value is None or value <= 0 or not _money(reader.text, pattern, match, ""):
                continue
            reader.take(match.start(), match.end())
            said_strictly = match.groupdict().get("strict") or match.groupdict().get("under")
            return round(value + (strict if said_strictly else 0.0), 2)
    return None


def _money(text: str, pattern: re.Pattern[str], match: "re.Match[str]", tag: str) -> bool:
    """True unless only "per order" says the amount is money and it is neither marked as
    money nor spent ("more than 3 per order" counts items)."""
    if pattern not in PER_ORDER_ONLY or marked(match, tag):
        return True
    return bool(SPENT_BEFORE.search(text[: match.start()]))
