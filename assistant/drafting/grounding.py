"""What a draft may say: the values derived from the facts, and how a claim is matched to them.

Only structured facts ground claims: numbers, dates, product titles, names, categories. Free
text in the facts (a review, a complaint theme) is context for the model and grounds nothing,
so a review that says "90% off" cannot make "90% off" allowed.
"""

import calendar
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from assistant.drafting.dates import Relative, span
from assistant.drafting.mentions import DateMention, NumberMention

NumberKind = Literal["money", "percent", "count"]
_TODAY = Relative("day", 0, False)  # "order today": the present, true whenever it is read


@dataclass(frozen=True)
class AllowedNumber:
    value: float
    kind: NumberKind
    source: str  # the fact it comes from, for messages
    # Words that name this fact in copy ("revenue"): a figure whose clause names only another
    # fact's words was put in the wrong place (placement.py). Empty: not checked.
    cues: tuple[str, ...] = ()
    # True: a figure stands for this fact only beside one of its cues ("14 days", "15% off"),
    # so "Only 14 left" or "your risk of leaving is 15%" is refused (placement.py).
    cued_only: bool = False


@dataclass(frozen=True)
class AllowedDate:
    """A fact date and the words that name it ("last order"): a true date beside another
    fact's words is in the wrong place ("your last order, on <the offer's end>")."""

    value: date
    source: str
    cues: tuple[str, ...]


class Catalogue(dict[str, str]):
    """Every product id of the store with its title, the store's category names, and the
    category each product is filed under.

    A dict, so every caller that passes the titles (`catalogue(workspace)`) passes the
    categories with them: a draft naming one of the store's categories that its facts lack
    ("coffee and tea" to a customer who buys only Coffee) is refused (categories.py), and so
    is one presenting a product as one of a category it is not in (pairings.py).
    """

    def __init__(
        self,
        titles: Mapping[str, str],
        categories: Iterable[str] = (),
        product_categories: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(titles)
        self.categories = tuple(categories)
        self.product_categories = dict(product_categories or {})


def store_categories(catalogue: Mapping[str, str]) -> tuple[str, ...]:
    """The category names a catalogue carries; none for plain titles."""
    return catalogue.categories if isinstance(catalogue, Catalogue) else ()


def filed_under(catalogue: Mapping[str, str]) -> dict[str, str]:
    """Each product id's category, as the store files it; none for plain titles."""
    return dict(catalogue.product_categories) if isinstance(catalogue, Catalogue) else {}


@dataclass(frozen=True)
class Grounding:
    """Everything a draft may mention, derived by code from one set of facts."""

    numbers: tuple[AllowedNumber, ...] = ()
    dates: tuple[date, ...] = ()
    products: Mapping[str, str] = field(default_factory=dict)  # id -> title, from the facts
    names: tuple[str, ...] = ()  # customer-provided text allowed verbatim (a first name)
    phrases: tuple[str, ...] = ()  # merchant text allowed verbatim (categories, segment name)
    perks: tuple[str, ...] = ()
    # The offer's end (None: not an offer). A date written as an end ("valid until ...") must
    # be this one, and the offer's terms (one discount, an end, no links) are checked.
    offer_expires: date | None = None
    catalogue: Mapping[str, str] = field(default_factory=dict)  # id -> title, whole store
    # The store's category names: one the facts lack (`phrases`) is not the customer's.
    categories: tuple[str, ...] = ()
    # Product id -> the category the store files it under (the facts' products and the
    # catalogue's): a draft may not present a product as one of another category (pairings.py).
    product_categories: Mapping[str, str] = field(default_factory=dict)
    # The day the copy is written, which relative dates count from ("last week", "in 14 days").
    # None: unknown, and then no relative date but "today" is grounded.
    today: date | None = None
    date_cues: tuple[AllowedDate, ...] = ()  # which fact each date is (placement.py)
    # Values of the prompt's worked example that this customer's facts lack (a name, a
    # category): a draft that writes one copied the example instead of using its facts.
    foreign: tuple[str, ...] = ()
    # Whether the offer's customers have gone quiet (recency.py): only then may a draft say it
    # missed them (absence.py). None: unknown, or not an offer.
    gone_quiet: bool | None = None
    # How many days to come the facts' predictions cover (a segment's predicted value: the
    # value horizon), which a draft may name as time ("next year", "the next 12 months";
    # horizon.py). None: the facts give none, and such words are read as dates.
    horizon_days: int | None = None
    # Whether the facts hold the customer's own review: only then may copy answer something
    # they told us ("thanks for your review", "sorry to hear"; past_events.py).
    customer_review: bool = False


def number_is_grounded(mention: NumberMention, grounding: Grounding) -> bool:
    """A number is grounded when some fact, rounded to the precision written, equals it.

    "$12.5" and "$12.50" match 12.5; "$13" matches 12.5 rounded to a whole; "1.2 million"
    matches 1,234,567; "about 1,200" and "nearly two thirds" are read as rounded (shares.py).
    Money must match money, percentages percentages, and a plain number a
    count or the year of a fact date: "187 customers" is not the $187.20 average value.
    """
    for allowed in _candidates(grounding):
        if allowed.kind != {"plain": "count"}.get(mention.unit, mention.unit):
            continue
        # A hedged figure ("about 1,200", "half of them") may be rounded to its own precision,
        # on its hedge's side; never a figure only its own words may stand for (the discount,
        # the days an offer lasts), which is written exactly.
        if mention.hedge and not allowed.cued_only and _within(mention, allowed.value):
            return True
        rounded = _round_half_up(allowed.value / mention.quantum) * mention.quantum
        if abs(rounded - mention.value) <= mention.quantum * 1e-6:
            return True
    return False


def date_is_grounded(mention: DateMention, grounding: Grounding) -> bool:
    """A date is grounded when one of its readings agrees with a fact date on every part it names.

    A bare year also counts when a number fact equals it (a year-like count such as 2000). A
    relative date is grounded when the days it names hold a fact date ("last week" and a last
    order four days ago); the offer's end must be named as a day, so it grounds only one day
    ("in 14 days"), never a period. "Today" alone is the present, which is always true.
    """
    if mention.relative is not None:
        if mention.relative == _TODAY:
            return True
        if grounding.today is None:
            return False
        first, last = span(mention.relative, grounding.today)
        return any(
            first <= known <= last
            for known in grounding.dates
            if first == last or known != grounding.offer_expires
        )
    for year, month, day in mention.readings:
        for known in grounding.dates:
            if (
                (year is None or year == known.year)
                and (month is None or month == known.month)
                and (day is None or day == known.day)
            ):
                return True
        bare_year = month is None and day is None and year is not None
        if bare_year and any(abs(n.value - (year or 0)) < 1e-9 for n in grounding.numbers):
            return True
    return False


def deadline_is_grounded(mention: DateMention, grounding: Grounding) -> bool:
    """A date written as the offer's end names that day: "until March 5, 2026", "ends in 14
    days". A month or a year alone ("valid through March", "until the end of 2026") names
    its last day, so it is the end only when the offer ends on that day; "today only" and
    "ends this week" are measured from the day the copy is written."""
    end = grounding.offer_expires
    if end is None:
        return False
    if mention.relative is not None:
        if grounding.today is None:
            return False
        return span(mention.relative, grounding.today)[1] == end
    for year, month, day in mention.readings:
        if year not in (None, end.year):
            continue
        month = month or 12  # "until the end of 2026": its last month's last day
        day = day or calendar.monthrange(end.year, month)[1]  # "through March": its last day
        if (month, day) == (end.month, end.day):
            return True
    return False


def describe_numbers(grounding: Grounding, unit: str) -> str:
    """The allowed values of one unit, for a violation message."""
    kinds = {"money": {"money"}, "percent": {"percent"}}.get(unit, {"count"})
    values = sorted({_say(n) for n in grounding.numbers if n.kind in kinds})
    return ", ".join(values) or "none"


def _candidates(grounding: Grounding) -> tuple[AllowedNumber, ...]:
    # The years of fact dates may be written alone ("a customer since 1997").
    years = tuple(AllowedNumber(float(d.year), "count", "a date") for d in grounding.dates)
    return grounding.numbers + years


def _within(mention: NumberMention, value: float) -> bool:
    """True when `value` is what the hedged `mention` says: "about 1,200" is 1,150 to 1,250,
    "over 1,200" 1,200 to 1,300, "nearly 1,300" 1,200 to 1,300."""
    step, written, slack = mention.hedged_quantum, mention.value, 1e-6
    if mention.hedge == "over":
        return written - slack <= value <= written + step + slack
    if mention.hedge == "under":
        return written - step - slack <= value <= written + slack
    return abs(value - written) <= step / 2 + slack


def _round_half_up(value: float) -> float:
    return float(int(value + 0.5)) if value >= 0 else -float(int(-value + 0.5))


def _say(number: AllowedNumber) -> str:
    text = f"{number.value:,.2f}".rstrip("0").rstrip(".")
    return f"{text}%" if number.kind == "percent" else text
