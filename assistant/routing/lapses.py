"""How long customers have gone without ordering, as a question says it: the at-risk list's
`quiet_days` ("haven't ordered in 6 months" is 180, "in a year" 365, "stopped buying in the last
90 days" 90) or `no_order_since` ("haven't ordered since March" is "03-01", "no order since
1998-01-01", "not bought anything this year" is year_start), as top_products' `since` takes a
day (written_days.py).

Only after words that say nobody ordered ("not", "n't", "never", "no", "stopped", "quit"),
and read before the sales periods and horizons: "since March" there is no sales period (periods.py
already leaves it, see written_days.LAPSED), and "6 months" no forecast horizon. "Not bought in
1997" names no cutoff (they may have ordered after it) and is left alone.
"""

import re
from dataclasses import dataclass

from assistant.routing.quantities import NUM, UNIT_DAYS, number
from assistant.routing.reading import Reader
from assistant.routing.written_days import NO_MORE_DIGITS, YEAR, day_pattern, written

# The words that say nobody ordered: a negation, then an order word within a few words
# ("haven't ordered anything", "no orders", "stopped buying"). Without the order word the
# span is another tool's period: "top products with no returns in the last 6 months".
_ORDERED = (
    r"(?:order(?:s|ed|ing)?|b(?:ought|uys?|uying)|purchas(?:e|es|ed|ing)|shop(?:s|ped|ping)?|"
    r"sold|sell(?:s|ing)?)"
)
_NOBODY = (
    rf"(?:\b(?:not|never|no|stopped|quit)\b|n't\b)(?:\s+[\w']+){{0,3}}?\s+{_ORDERED}\b"
    r"(?:\s+[\w']+){0,2}?\s+"
)
_UNIT = r"(?P<unit>day|week|fortnight|month|quarter|year)s?\b"
QUIET = re.compile(
    rf"{_NOBODY}(?P<span>(?:in|for|over|during|within)\s+(?:the\s+)?(?:(?:last|past|previous|"
    rf"prior)\s+)?(?:{NUM}|(?P<one>a|an|one)\s+|)\s*{_UNIT})"
)
SINCE = re.compile(rf"{_NOBODY}(?P<span>since\s+{day_pattern('l')}\b){NO_MORE_DIGITS}")
SINCE_YEAR = re.compile(rf"{_NOBODY}(?P<span>since\s+(?P<year>{YEAR})\b)(?![-/]\d){NO_MORE_DIGITS}")
# "not bought anything this year", "no order since the start of the quarter": its first day.
THIS = re.compile(
    rf"{_NOBODY}(?P<span>(?:(?:since|from)\s+(?:the\s+)?(?:start|beginning)\s+of\s+(?:the|this)"
    r"|this)\s+(?P<unit>year|quarter|month)\b)"
)


@dataclass(frozen=True)
class Lapse:
    """The cutoff asked, as at_risk_customers takes it; both None when none is asked."""

    quiet_days: int | None = None
    no_order_since: str | None = None


def read(reader: Reader) -> Lapse:
    """The lapse the message asks about, its words taken from the reader (the negation
    stays: it may be what another finder reads, "not" before a segment)."""
    for pattern, lapse in ((QUIET, _quiet), (SINCE, _since), (SINCE_YEAR, _year), (THIS, _this)):
        match = pattern.search(reader.text)
        if match is None:
            continue
        found = lapse(match)
        if found is not None:
            reader.take(*match.span("span"), "period")
            return found
    return Lapse()


def _quiet(match: re.Match[str]) -> Lapse | None:
    """'in 6 months' 180, 'in a year' and 'in the last year' 365; no count for 'in months'."""
    if match.group("n"):
        count = number(match.group("n"))
    elif match.group("one") or " the " in f" {match.group('span')} ":
        count = 1.0
    else:
        return None  # "haven't ordered in months": how many is not said
    if count is None or count != int(count):
        return None
    return Lapse(quiet_days=int(count) * UNIT_DAYS[match.group("unit")])


def _since(match: re.Match[str]) -> Lapse | None:
    day = written(match.groupdict(), "l")
    return None if day is None else Lapse(no_order_since=day.text())


def _year(match: re.Match[str]) -> Lapse:
    return Lapse(no_order_since=f"{match.group('year')}-01-01")


def _this(match: re.Match[str]) -> Lapse:
    return Lapse(no_order_since=f"{match.group('unit')}_start")
