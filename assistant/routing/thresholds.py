"""Bounds on what customers did, for top_customers: floors on spend ("customers who spent over
$1,000", "who spent at least $500", "with $2k or more in purchases") and on orders ("more than
10 orders", "5 orders or more", "ordered at least 3 times"), read here; ceilings and both ends
at once ("spent under $20", "fewer than 2 orders", "between $100 and $500") in ceilings.py.

Read after the calendar and before money, horizons and counts (extract.py), so "$1,000" here
is no budget and "10 orders" no count of rows. Both floors are inclusive, as the tool takes
them: "over" and "more than" are strict, so "more than 10 orders" is 11, and "over $1,000" is
$1,000.01, the next amount a spend in cents can be (the answer says "$1,000.01 or more", so
what was applied is seen). A money floor needs a spend word or a currency beside it: "over
1000" alone is no floor. The money is read as quantities.py reads budgets, and its currency
as quantities.currency says; whose spend a spend word is, spend_words.py says.
"""

import re
from dataclasses import dataclass

from assistant.routing import ceilings, quantities
from assistant.routing.reading import Reader
from assistant.routing.spend_words import (
    BOUGHT,
    CENT,
    NO_SPEND_WORD,
    NOT_NO,
    OPENS_WITH_SPEND,
    ORDERS,
    amount,
    customers_spend,
    marked,
    money,
    spend_forms,
    unapplied,
)

_STRICT = (
    rf"(?:over|above|{NOT_NO}more\s+than|greater\s+than|in\s+excess\s+of|exceeding|upwards\s+of|"
    r">(?!=))"
)
_INCLUSIVE = r"(?:at\s+least|no\s+less\s+than|not\s+less\s+than|a\s+minimum\s+of|minimum\s+of|>=)"
_COMPARED = rf"(?:(?P<strict>{_STRICT})|(?P<least>{_INCLUSIVE}))\s*"
_OR_MORE = (
    r"(?P<more>\s*\+|\s+or\s+(?:more|over|above|higher|greater)\b|\s+and\s+(?:up|over|above)\b)"
)
_NUM = quantities.NUM
# "spent over $1,000", "spending of at least 500", "spent $500 or more", "over $1,000 in
# purchases", "$2k or more in spend", "customers with over $1,000", "spenders of $500 or more"
MONEY = spend_forms(_COMPARED, _OR_MORE, both=True)
# After a ranking of customers, a bound alone ("now over $1,000") is on their spend: read
# only then (bounds(bare=True)), and only money marked as money.
BARE_MONEY = re.compile(rf"{_COMPARED}{money()}{_OR_MORE}?")
# Words of money we would spend: "spend under $500 on them" stays a budget, even then.
BUDGET_WORDS = re.compile(r"\b(?:spend|spending|budget\w*|plan\w*|allocat\w*|invest\w*|split)\b")
# Another tool's subject: "which products under $20 sell best" after the ranking asks a price.
OTHER_SUBJECTS = re.compile(
    r"\b(?:products?|items?|categor(?:y|ies)|sell\w*|sold|forecast\w*|demand|predict\w*|"
    r"reviews?|segments?|clusters?|offers?|coupons?|discounts?|alerts?|model|recommend\w*)\b"
)
MARKED = [*MONEY[NO_SPEND_WORD], BARE_MONEY]  # without a spend word: money marked as money
SPEND_WORDED = MONEY[OPENS_WITH_SPEND]  # whose spend the spend word is, customers_spend says
ORDER_FLOORS = [
    # "more than 10 orders", "at least 5 orders", "5 or more orders", "5+ orders"
    re.compile(rf"{_COMPARED}{_NUM}{_OR_MORE}?\s+{ORDERS}"),
    re.compile(rf"{_NUM}{_OR_MORE}\s+{ORDERS}"),
    # "5 orders or more"
    re.compile(rf"{_NUM}\s+{ORDERS}{_OR_MORE}"),
    # "ordered more than 3 times", "bought at least twice"
    re.compile(rf"{BOUGHT}{_COMPARED}(?:{_NUM}\s+times\b|(?P<twice>twice)\b)"),
    re.compile(rf"{BOUGHT}{_NUM}\s+times{_OR_MORE}"),
]


@dataclass(frozen=True)
class Bounds:
    """The bounds a message sets, each inclusive (None: none), the currency the spend was
    written in, as its symbol (None: none written), and why a spend bound read is not applied
    ("per_order", "sales": spend_words.unapplied; "": none such)."""

    min_revenue: float | None = None
    min_orders: int | None = None
    currency: str | None = None
    max_revenue: float | None = None
    max_orders: int | None = None
    unapplied: str = ""


def bounds(reader: Reader, bare: bool = False) -> Bounds:
    """The bounds the message names, each taken: both ends at once first ("between $100 and
    $500"), then floors, then ceilings; the first of each kind counts. `bare`: the last
    answer ranked customers, so money marked as money after "over" or "under" with no spend
    word ("now under $20") is a bound on their spend too, unless the message names another
    tool's subject ("which products under $20 sell best": a price)."""
    bare = bare and not BUDGET_WORDS.search(reader.text) and not OTHER_SUBJECTS.search(reader.text)
    both = ceilings.ranges(reader)
    min_revenue, currency, why = _spend(reader, bare)
    min_orders = _orders(reader)
    below = ceilings.ceilings(reader, after_floor=min_revenue is not None, bare=bare)
    # "with 3 orders" fills each end no other words set: beside "one-time buyers" (at most 1)
    # it makes a floor above the ceiling, which the tool refuses by name.
    said = ceilings.exact_orders(reader)
    min_orders = next((n for n in (both.min_orders, min_orders, said) if n is not None), None)
    max_orders = next((n for n in (both.max_orders, below.max_orders, said) if n is not None), None)
    return Bounds(
        unapplied=both.unapplied or why or below.unapplied,
        min_revenue=both.min_revenue if both.min_revenue is not None else min_revenue,
        min_orders=min_orders,
        currency=both.currency or currency or below.currency,
        max_revenue=both.max_revenue if both.max_revenue is not None else below.max_revenue,
        max_orders=max_orders,
    )


def _spend(reader: Reader, bare: bool) -> tuple[float | None, str | None, str]:
    for pattern in [*MONEY, BARE_MONEY] if bare else MONEY:
        for match in pattern.finditer(reader.text):
            if pattern in MARKED and not marked(match):
                continue
            if pattern in SPEND_WORDED and not customers_spend(reader.text, match.start()):
                continue  # "we can't spend more than $2,000": a budget
            value = amount(match)
            if value is None or value <= 0:
                continue
            written = quantities.currency(reader.typed[match.start() : match.end()].lower())
            reader.take(match.start(), match.end())
            why = unapplied(reader.text, match)
            if why:  # "sales over $1,000", "over $30 per order": read, not applied
                return None, None, why
            value += CENT if match.groupdict().get("strict") else 0.0
            return round(value, 2), written, ""
    return None, None, ""


def _orders(reader: Reader) -> int | None:
    for pattern in ORDER_FLOORS:
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
