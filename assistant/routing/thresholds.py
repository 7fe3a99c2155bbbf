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

A spend word counts only for what customers spent: "customers who spent over $1,000" is a
floor, while "we can't spend more than $2,000", "I want to spend at least $500" and "plan a
campaign spending over $1,000" are our money, a budget (OURS, PLAN), left for quantities.py.
A ceiling on customers ("who spent under $20", "fewer than 3 orders") no tool applies: it is
taken, so its amount is no budget and its number no count, and `Floors.ceiling` says it was
asked, for the answer to say so.
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
_BELOW = (
    r"(?:under|below|less\s+than|fewer\s+than|at\s+most|no\s+more\s+than|not\s+more\s+than|"
    r"up\s+to|<=?)\s*"
)
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
SPEND_WORDED = MONEY[:2]  # the patterns that open with a spend word: whose spend, OURS says
# Customers under a spend or an order count, which no tool applies (see the docstring).
CEILINGS = [
    re.compile(rf"{_SPEND}\s+(?:(?:a\s+)?total\s+of\s+|in\s+total\s+|of\s+)?{_BELOW}{_MONEY}"),
    re.compile(rf"{_BELOW}{_MONEY}{_IN_SPEND}"),
    re.compile(rf"{_WHO}{_BELOW}{_MONEY}"),
    re.compile(rf"{_BELOW}{quantities.NUM}\s+(?:orders|purchases)\b"),
    re.compile(rf"\b(?:ordered|bought|purchased|shopped)\s+(?:from\s+us\s+)?{_BELOW}"
               rf"(?:{quantities.NUM}\s+times\b|twice\b|once\b)"),
]  # fmt: skip
CEILING_MARKED = CEILINGS[2:3]
CEILING_SPEND_WORDED = CEILINGS[:1]
# Whose spend a spend word is: customers' after who/customers ("customers who have spent"),
# ours after a first person, a modal or "to" ("we can't spend", "I want to spend"), bidden
# ("spend up to $500 on winback"), or in a message about a plan ("plan a campaign spending
# over $1,000 on at-risk customers").
THEIRS = re.compile(
    r"\b(?:who|customers|buyers|spenders|clients|shoppers|accounts|they|people|those|ones)"
    r"\s+(?:[\w']+\s+){0,2}$"
)
OURS = re.compile(
    r"\b(?:we|i|us|you|to|can|can't|cannot|could|would|will|should|must|may|might|let's|"
    r"want|willing|plan|afford)\s+(?:[\w']+\s+){0,2}$"
)
IMPERATIVE = re.compile(r"(?:^|[,.;:!?])\s*(?:please\s+|just\s+)?$")  # "spend up to $500 on..."
PLAN = re.compile(r"\b(?:plan\w*|budget\w*|campaigns?|win-?back|retention|allocat\w*|invest\w*)\b")
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
    ceiling: bool = False  # a ceiling on customers was asked (and taken), which no tool applies


def floors(reader: Reader) -> Floors:
    """The first spend floor and the first order floor the message names (taken), and
    whether it asks for customers under an amount or an order count (taken too)."""
    revenue, currency = _spend(reader)
    return Floors(revenue, _orders(reader), currency, _ceiling(reader))


def customers_spend(text: str, start: int) -> bool:
    """True when the spend word at `start` is what customers spent, not money we would spend
    (see THEIRS, OURS and PLAN)."""
    before = text[:start]
    if THEIRS.search(before):
        return True
    if IMPERATIVE.search(before) and text.startswith("spend ", start):
        return False
    return not (OURS.search(before) or PLAN.search(text))


def _ceiling(reader: Reader) -> bool:
    for pattern in CEILINGS:
        for match in pattern.finditer(reader.text):
            groups = match.groupdict()
            marked = groups.get("symbol") or groups.get("word") or groups.get("mult")
            if pattern in CEILING_MARKED and not marked:
                continue
            if pattern in CEILING_SPEND_WORDED and not customers_spend(reader.text, match.start()):
                continue
            reader.take(match.start(), match.end())
            return True
    return False


def _spend(reader: Reader) -> tuple[float | None, str | None]:
    for pattern in MONEY:
        for match in pattern.finditer(reader.text):
            groups = match.groupdict()
            mult = groups.get("mult")
            if pattern in MARKED and not (groups.get("symbol") or groups.get("word") or mult):
                continue
            if pattern in SPEND_WORDED and not customers_spend(reader.text, match.start()):
                continue  # "we can't spend more than $2,000": a budget
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
