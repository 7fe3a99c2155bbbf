"""Floors on what customers did, for top_customers: a spend ("customers who spent over $1,000",
"who spent at least $500", "with $2k or more in purchases") and an order count ("more than 10
orders", "5 orders or more", "ordered at least 3 times").

Read after the calendar and before money, horizons and counts (extract.py), so "$1,000" here
is no budget and "10 orders" no count of rows. Both floors are inclusive, as the tool takes
them: "over" and "more than" are strict, so "more than 10 orders" is 11, and "over $1,000" is
$1,000.01, the next amount a spend in cents can be (the answer says "$1,000.01 or more", so
what was applied is seen). A money floor needs a spend word or a currency beside it: "over
1000" alone is no floor. The money is read as quantities.py reads budgets, and its currency
as quantities.currency says.
"""

import re
from dataclasses import dataclass

from assistant import currencies
from assistant.routing import quantities
from assistant.routing.reading import Reader

CENT = 0.01
_STRICT = r"(?:over|above|more\s+than|greater\s+than|in\s+excess\s+of|exceeding|upwards\s+of|>)"
_INCLUSIVE = r"(?:at\s+least|no\s+less\s+than|not\s+less\s+than|a\s+minimum\s+of|minimum\s+of|>=)"
_COMPARED = rf"(?:(?P<strict>{_STRICT})|(?P<least>{_INCLUSIVE}))\s*"
_OR_MORE = (
    r"(?P<more>\s*\+|\s+or\s+(?:more|over|above|higher|greater)\b|\s+and\s+(?:up|over|above)\b)"
)
_MULT = r"(?:\s?(?P<mult>k|thousand|grand|m|mil|million)\b)?"
_NUM = quantities.NUM
# Money: "$1,000", "2k", "500 euros", "1000". Beside a spend word any number is money; away
# from one ("customers over $1,000") only one marked as money (MARKED says which).
_MONEY = rf"(?P<symbol>[$€£]\s*)?{_NUM}{_MULT}(?:\s*(?P<word>(?:{currencies.WORD})\b))?"
_SPEND = r"\b(?:spent|spend|spends|spending|revenue|sales|purchases|purchased)"
_IN_SPEND = r"\s+(?:in|of|worth\s+of)\s+(?:total\s+)?(?:spend\w*|revenue|sales|purchases|orders)\b"
_WHO = r"\b(?:customers|buyers|spenders|clients|shoppers|accounts)\s+(?:of\s+|with\s+)?"
MONEY = [
    # "spent over $1,000", "spending of at least 500", "spent $500 or more"
    re.compile(rf"{_SPEND}\s+(?:(?:a\s+)?total\s+of\s+|in\s+total\s+|of\s+)?{_COMPARED}{_MONEY}"
               rf"{_OR_MORE}?"),
    re.compile(rf"{_SPEND}\s+(?:a\s+total\s+of\s+)?{_MONEY}{_OR_MORE}"),
    # "over $1,000 in purchases", "$2k or more in spend"
    re.compile(rf"{_COMPARED}{_MONEY}{_OR_MORE}?{_IN_SPEND}"),
    re.compile(rf"{_MONEY}{_OR_MORE}{_IN_SPEND}"),
    # "customers over $1,000", "spenders of $500 or more", "customers with over $1,000"
    re.compile(rf"{_WHO}{_COMPARED}{_MONEY}{_OR_MORE}?"),
    re.compile(rf"{_WHO}{_MONEY}{_OR_MORE}"),
]  # fmt: skip
MARKED = MONEY[4:]  # the patterns without a spend word
_ORDERS = r"(?:orders|purchases)\b"
ORDERS = [
    # "more than 10 orders", "at least 5 orders", "5 or more orders", "5+ orders"
    re.compile(rf"{_COMPARED}{_NUM}{_OR_MORE}?\s+{_ORDERS}"),
    re.compile(rf"{_NUM}{_OR_MORE}\s+{_ORDERS}"),
    # "5 orders or more"
    re.compile(rf"{_NUM}\s+{_ORDERS}{_OR_MORE}"),
    # "ordered more than 3 times", "bought at least twice"
    re.compile(rf"\b(?:ordered|bought|purchased|shopped)\s+(?:from\s+us\s+)?{_COMPARED}"
               rf"(?:{_NUM}\s+times\b|(?P<twice>twice)\b)"),
    re.compile(rf"\b(?:ordered|bought|purchased|shopped)\s+(?:from\s+us\s+)?{_NUM}\s+times"
               rf"{_OR_MORE}"),
]  # fmt: skip


@dataclass(frozen=True)
class Floors:
    """The floors a message sets, inclusive (None: none), and the currency the spend was
    written in, as its symbol (None: none written)."""

    min_revenue: float | None = None
    min_orders: int | None = None
    currency: str | None = None


def floors(reader: Reader) -> Floors:
    """The first spend floor and the first order floor the message names (taken)."""
    revenue, currency = _spend(reader)
    return Floors(revenue, _orders(reader), currency)


def _spend(reader: Reader) -> tuple[float | None, str | None]:
    for pattern in MONEY:
        for match in pattern.finditer(reader.text):
            groups = match.groupdict()
            mult = groups.get("mult")
            if pattern in MARKED and not (groups.get("symbol") or groups.get("word") or mult):
                continue
            value = quantities.number(match.group("n"), before_multiplier=bool(mult))
            if value is None or value <= 0:
                continue
            value *= quantities.MULTIPLIERS.get(mult or "", 1.0)
            written = quantities.currency(reader.typed[match.start() : match.end()].lower())
            reader.take(match.start(), match.end())
            return round(value + (CENT if groups.get("strict") else 0.0), 2), written
    return None, None


def _orders(reader: Reader) -> int | None:
    for pattern in ORDERS:
        for match in pattern.finditer(reader.text):
            groups = match.groupdict()
            value = 2.0 if groups.get("twice") else quantities.number(match.group("n"))
            if value is None or value < 0 or value != int(value):
                continue
            if not (groups.get("strict") or groups.get("least") or groups.get("more")):
                continue
            reader.take(match.start(), match.end())
            return int(value) + (1 if groups.get("strict") else 0)
    return None
