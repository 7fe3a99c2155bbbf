"""Ceilings on what customers did, and both ends at once, for top_customers: "customers who
spent under $20", "$50 or less in purchases", "fewer than 2 orders", "purchased at most
twice", "one-time buyers", "ordered only once", "spent at least $100 but under $500"; "spent
between $100 and $500", "2 to 4 orders", "exactly 3 orders", "at least 2 but fewer than 5
orders"; and a count said plainly ("customers with 3 orders", "who placed 1 order", "who
ordered twice", "bought 3 times"), which is exactly that many.

Both ends are inclusive, as the tool takes them. "Under", "below", "less than" and "fewer
than" are strict, by the floors' rule (thresholds.py) turned round: "under $20" is $19.99, the
amount below $20.00 a spend in cents can be, and "fewer than 2 orders" is 1; "at most", "up
to", "no more than" and "or less" are not. A money ceiling needs a spend word or a currency
beside it, as a floor does, and a spend word counts only for what customers spent ("plan
under $500", "we can't spend more than $2000" stay budgets: spend_words.py).
"""

import re
from dataclasses import dataclass

from assistant.routing import quantities
from assistant.routing.reading import Reader
from assistant.routing.spend_words import (
    BOUGHT,
    CENT,
    IN_SPEND,
    NO_SPEND_WORD,
    NOT_NO,
    OPENS_WITH_SPEND,
    ORDERS,
    SPEND,
    SPEND_OF,
    WHO,
    amount,
    count,
    customers_spend,
    marked,
    money,
    spend_forms,
    unapplied,
)

_UNDER = rf"(?P<under>under|below|{NOT_NO}less\s+than|{NOT_NO}fewer\s+than|lower\s+than|<(?!=))"
_AT_MOST = r"(?:at\s+most|no\s+more\s+than|not\s+more\s+than|up\s+to|a?\s*maximum\s+of|<=)"
_BELOW = rf"(?:{_UNDER}|{_AT_MOST})\s*"
_OR_LESS = r"\s+or\s+(?:less|fewer|under|below|lower)\b"
_M, _M1, _M2 = money(), money("1"), money("2")
_N, _N1, _N2 = count(), count("1"), count("2")
_TIMES = r"(?:{n}\s+times\b|(?P<twice>twice)\b|(?P<once>once)\b)"
_WHO_ONCE = r"\b(?P<once>one|single)[\s-](?:time|off|purchase|order)\s+(?:buyers|customers|" \
    r"shoppers|purchasers|clients|spenders)\b"  # fmt: skip
# "spent under $20", "spent a total of at most 50 dollars", "spent $20 or less", "under $20 in
# purchases", "$50 or less in spend", "customers under $50", "buyers with $20 or less"
MONEY_CEILINGS = spend_forms(_BELOW, _OR_LESS)
# After a ranking of customers, "now under $20" (thresholds.bounds(bare=True)).
BARE_CEILING = re.compile(rf"{_BELOW}{_M}")
CEILING_SPEND_WORDED = MONEY_CEILINGS[OPENS_WITH_SPEND]
CEILING_MARKED = [*MONEY_CEILINGS[NO_SPEND_WORD], BARE_CEILING]
# The other end after a spend floor: "spent at least $100 but under $500". Only there: "and
# under $500" alone may be a budget.
JOINED = re.compile(rf"\b(?:but|and|yet)\s+(?:also\s+)?{_BELOW}{_M}")
ORDER_CEILINGS = [
    # "fewer than 2 orders", "at most 3 purchases", "3 orders or fewer", "3 or fewer orders"
    re.compile(rf"{_BELOW}{_N}\s+{ORDERS}"),
    re.compile(rf"\bmax(?:imum)?\s+{_N}\s+{ORDERS}"),  # "max 3 orders" (no money: a budget's)
    re.compile(rf"{_N}\s+{ORDERS}{_OR_LESS}"),
    re.compile(rf"{_N}{_OR_LESS}\s+{ORDERS}"),
    # "purchased fewer than 2 times", "ordered at most twice", "bought only once"
    re.compile(rf"{BOUGHT}{_BELOW}{_TIMES.format(n=_N)}"),
    re.compile(rf"{BOUGHT}(?:only\s+|just\s+|exactly\s+)?(?P<once>once)\b"),
    re.compile(_WHO_ONCE),  # "one-time buyers", "single-purchase customers"
]
_BETWEEN = r"(?:between|from)\s+"
_AND = r"\s*(?:and|to|-)\s*"
MONEY_RANGES = [
    # "spent between $100 and $500", "spent $100-$500"
    re.compile(rf"{SPEND}{SPEND_OF}(?:{_BETWEEN})?{_M1}{_AND}{_M2}"),
    # "between $100 and $500 in purchases"
    re.compile(rf"{_BETWEEN}{_M1}{_AND}{_M2}{IN_SPEND}"),
    # "customers between $100 and $500"
    re.compile(rf"{WHO}(?:{_BETWEEN})?{_M1}{_AND}{_M2}"),
]
RANGE_SPEND_WORDED = MONEY_RANGES[:1]
RANGE_MARKED = MONEY_RANGES[2:]
ORDER_RANGES = [
    # "between 2 and 4 orders", "2 to 4 orders", "2-4 purchases"
    re.compile(rf"(?:{_BETWEEN})?{_N1}{_AND}{_N2}\s+{ORDERS}"),
    # "ordered between 2 and 4 times"
    re.compile(rf"{BOUGHT}(?:{_BETWEEN})?{_N1}{_AND}{_N2}\s+times\b"),
    # "exactly 3 orders", "exactly one order", "ordered exactly twice"
    re.compile(rf"\bexactly\s+{_N1}\s+(?:orders?|purchases?)\b"),
    re.compile(rf"{BOUGHT}exactly\s+(?:{_N1}\s+times\b|(?P<twice>twice)\b)"),
]

# A count said plainly of what customers have ("customers with 3 orders", "at-risk customers
# with 1 order", "who placed 2 purchases"): exactly that many, both ends. Read after the
# floors and ceilings (exact_orders), which take "with 3 orders or more" first.
SAID_COUNT = re.compile(
    rf"\b(?:with|having|have|has|had|placed|made)\s+(?:only\s+|just\s+)?{_N}\s+"
    r"(?:orders?|purchases?)\b"
)
# Times said plainly ("ordered twice", "bought 3 times", "ordered thrice"): exactly that many
# too. "Once" is a ceiling (_TIMES), and a comparison or "or more" beside the times is a floor
# or a ceiling, taken before this is read; what is left with "or" after it is neither.
SAID_TIMES = re.compile(
    rf"{BOUGHT}(?:only\s+|just\s+)?(?:{_N}\s+times\b|(?P<twice>twice)\b|(?P<thrice>thrice)\b)"
    r"(?!\s*(?:\+|or\b|and\s+(?:up|over|above|under|below)\b))"
)


# Both ends of the orders, each with its own comparison: "at least 2 but fewer than 5 orders"
# is 2 to 4, "more than 2 and at most 5 orders" 3 to 5. Read before either end alone, so the
# floor is not dropped for the ceiling.
_ABOVE = (
    rf"(?:(?P<over>over|above|{NOT_NO}more\s+than|greater\s+than)|at\s+least|no\s+(?:less|fewer)"
    r"\s+than|not\s+(?:less|fewer)\s+than|a\s+minimum\s+of)\s*"
)
JOINED_ORDERS = re.compile(
    rf"{_ABOVE}{_N1}\s+(?:{ORDERS}\s+)?(?:but|and|yet)\s+(?:also\s+)?{_BELOW}{_N2}\s+{ORDERS}"
)


@dataclass(frozen=True)
class Ends:
    """Bounds read here, each inclusive (None: none), the currency the spend was written in,
    as its symbol, and why a spend bound read is not applied (spend_words.unapplied)."""

    min_revenue: float | None = None
    min_orders: int | None = None
    max_revenue: float | None = None
    max_orders: int | None = None
    currency: str | None = None
    unapplied: str = ""


def ranges(reader: Reader) -> Ends:
    """The first spend range and the first order range the message names (taken)."""
    spend: tuple[float, float] | None = None
    currency, why = None, ""
    for match in _matches(reader, MONEY_RANGES, RANGE_SPEND_WORDED, RANGE_MARKED):
        low, high = amount(match, "1"), amount(match, "2")
        if low is not None and high is not None and low > 0 and high > 0:
            reader.take(match.start(), match.end())
            why = unapplied(reader.text, match)
            if not why:
                currency = _currency(reader, match)
                spend = (round(low, 2), round(high, 2))
            break
    orders = _order_range(reader)
    return Ends(
        min_revenue=None if spend is None else spend[0],
        max_revenue=None if spend is None else spend[1],
        min_orders=None if orders is None else orders[0],
        max_orders=None if orders is None else orders[1],
        currency=currency,
        unapplied=why,
    )


def ceilings(reader: Reader, after_floor: bool = False, bare: bool = False) -> Ends:
    """The first spend ceiling and the first order ceiling the message names (taken);
    `after_floor`: a spend floor was read, so "but under $500" is its other end; `bare`: the
    last answer ranked customers, so "now under $20" is a ceiling on their spend."""
    max_revenue, currency, why = None, None, ""
    patterns = [*MONEY_CEILINGS, JOINED] if after_floor else list(MONEY_CEILINGS)
    patterns += [BARE_CEILING] if bare else []
    for match in _matches(reader, patterns, CEILING_SPEND_WORDED, CEILING_MARKED):
        value = amount(match)
        if value is None or value <= 0:
            continue
        reader.take(match.start(), match.end())
        why = unapplied(reader.text, match)
        if not why:
            max_revenue = round(value - (CENT if match.groupdict().get("under") else 0.0), 2)
            currency = _currency(reader, match)
        break
    return Ends(
        max_revenue=max_revenue,
        max_orders=_order_ceiling(reader),
        currency=currency,
        unapplied=why,
    )


def exact_orders(reader: Reader) -> int | None:
    """The first order count said plainly ("with 3 orders", "ordered twice"), taken; None
    when none is."""
    for pattern in (SAID_COUNT, SAID_TIMES):
        for match in pattern.finditer(reader.text):
            groups = match.groupdict()
            if groups.get("twice") or groups.get("thrice"):
                value: float | None = 2.0 if groups.get("twice") else 3.0
            else:
                value = quantities.number(match.group("n"))
            if value is not None and _whole(value):
                reader.take(match.start(), match.end())
                return int(value)
    return None


def _order_range(reader: Reader) -> tuple[int, int] | None:
    for match in JOINED_ORDERS.finditer(reader.text):
        low, high = quantities.number(match.group("n1")), quantities.number(match.group("n2"))
        if low is None or high is None or not (_whole(low) and _whole(high)):
            continue
        reader.take(match.start(), match.end())
        # Strict ends move in by one, as each end alone does ("fewer than 5" is 4).
        return int(low) + (1 if match.group("over") else 0), int(high) - (
            1 if match.group("under") else 0
        )
    for pattern in ORDER_RANGES:
        for match in pattern.finditer(reader.text):
            groups = match.groupdict()
            low = 2.0 if groups.get("twice") else quantities.number(match.group("n1"))
            high = quantities.number(match.group("n2")) if groups.get("n2") else low
            if low is None or high is None or not (_whole(low) and _whole(high)):
                continue
            reader.take(match.start(), match.end())
            return int(low), int(high)
    return None


def _order_ceiling(reader: Reader) -> int | None:
    for pattern in ORDER_CEILINGS:
        for match in pattern.finditer(reader.text):
            groups = match.groupdict()
            if groups.get("once"):
                value: float | None = 1.0
            else:
                value = 2.0 if groups.get("twice") else quantities.number(match.group("n"))
            if value is None or not _whole(value):
                continue
            reader.take(match.start(), match.end())
            # "fewer than 1 order" is 0, left for the tool to refuse by name.
            return int(value) - (1 if groups.get("under") else 0)
    return None


def _matches(
    reader: Reader,
    patterns: list[re.Pattern[str]],
    spend_worded: list[re.Pattern[str]],
    needs_mark: list[re.Pattern[str]],
) -> "list[re.Match[str]]":
    """Every match of `patterns` in order that is the customers' spend: money marked as money
    where no spend word says so, and a spend word that is theirs, not ours."""
    found = []
    for pattern in patterns:
        for match in pattern.finditer(reader.text):
            if pattern in needs_mark and not any(marked(match, tag) for tag in ("", "1", "2")):
                continue
            if pattern in spend_worded and not customers_spend(reader.text, match.start()):
                continue  # "spend up to $500 on at-risk customers": a budget
            found.append(match)
    return found


def _currency(reader: Reader, match: "re.Match[str]") -> str | None:
    return quantities.currency(reader.typed[match.start() : match.end()].lower())


def _whole(value: float) -> bool:
    return value >= 0 and value == int(value)
