"""Periods that run between two days, as `since` and `until`: "between March 5 and April 10",
"from January to March", "March and April", "March 5-10", "from Q1 to Q3", "1997 to 1998",
"the first half of 1998", "H2", and one day ("on March 5").

An end written as a month runs to that month's end ("until" "03"); a start without a year
takes the end's ("from November to February 1998" begins in November 1997). Without any year
the tool places the span (tools/periods.py).
"""

import re
from dataclasses import replace

from assistant.routing.reading import Reader
from assistant.routing.written_days import (
    MONTH,
    NO_MORE_DIGITS,
    ORDINAL,
    YEAR,
    Calendar,
    Groups,
    day_pattern,
    first,
    written,
)

_TO = r"(?:\s*(?:-|\u2013)\s*|\s+(?:and|to|through|thru|till|until|up\s+to)\s+)"
_LEAD = r"(?:\b(?:between|from)\s+)?"
_NOT_COUNTED = r"(?!\s*(?:%|customers|people|products|items|reviews|days|weeks|orders))"
HALVES = {"first": 1, "1st": 1, "second": 2, "2nd": 2}
SPANS = [
    re.compile(rf"{_LEAD}(?:\b(?:in|during)\s+)?\b(?P<ya>{YEAR}){_TO}(?P<yb>{YEAR})\b"
               rf"{NO_MORE_DIGITS}"),
    # "March 5-10": one month's days.
    re.compile(rf"{_LEAD}\b(?P<monthd>{MONTH})\.?\s+(?P<d1>[0-3]?\d){ORDINAL}{_TO}"
               rf"(?P<d2>[0-3]?\d){ORDINAL}\b(?:,?\s+(?P<yeard>{YEAR}))?{NO_MORE_DIGITS}"
               rf"{_NOT_COUNTED}"),
    re.compile(rf"{_LEAD}\b{day_pattern('a')}{_TO}{day_pattern('b')}\b{NO_MORE_DIGITS}"
               rf"{_NOT_COUNTED}"),
    re.compile(rf"{_LEAD}\bq(?P<qa>[1-4]){_TO}q(?P<qb>[1-4])\b"
               rf"(?:\s+(?:of\s+)?(?P<yearq>{YEAR})\b)?"),
    re.compile(rf"\b(?:the\s+)?(?P<half>{'|'.join(HALVES)})\s+half\b"
               rf"(?:\s+of\s+(?:the\s+year\s+)?(?P<yearh>{YEAR})\b)?"),
    re.compile(rf"\bh(?P<h>[12])\b(?:\s*(?P<yearh>{YEAR})\b)?"),
    # One day: from it to itself.
    re.compile(rf"\bon\s+(?:the\s+)?{day_pattern('a')}\b{NO_MORE_DIGITS}"),
]  # fmt: skip


def read_span(reader: Reader) -> Calendar | None:
    """The span the message names, its text taken; None when it names none."""
    return first(reader, SPANS, _span)


def _span(groups: Groups) -> Calendar | None:
    if groups.get("ya"):
        return Calendar(since=f"{groups['ya']}-01-01", until=f"{groups['yb']}-12")
    if groups.get("monthd"):
        return _one_month(groups)
    if groups.get("qa"):
        return _months(3 * int(groups["qa"] or 1) - 2, 3 * int(groups["qb"] or 1), groups["yearq"])
    if groups.get("half") or groups.get("h"):
        half = HALVES[groups["half"] or ""] if groups.get("half") else int(groups["h"] or 1)
        return _months(6 * half - 5, 6 * half, groups.get("yearh"))
    start = written(groups, "a")
    if start is None:
        return None
    if "isob" not in groups:  # one day ("on March 5"): a month alone is no day
        day = start.text()
        return Calendar(since=day, until=day) if start.day or start.iso else None
    end = written(groups, "b")
    if end is None:
        return None
    if end.year and not start.year and not start.iso:
        # "from November to February 1998": November of 1997.
        later = (start.month, start.day or 1) > (end.month, end.day or 31)
        start = replace(start, year=str(int(end.year) - later))
    return Calendar(since=start.text(), until=end.text(whole_month=True))


def _one_month(groups: Groups) -> Calendar | None:
    """ "March 5-10": the 5th to the 10th (None for no day of a month)."""
    first_day, last_day = int(groups["d1"] or 0), int(groups["d2"] or 0)
    if not 1 <= first_day <= last_day <= 31:
        return None
    month = written({"montha": groups["monthd"], "yeara": groups["yeard"]}, "a")
    if month is None:
        return None
    since = replace(month, day=first_day).text()
    return Calendar(since=since, until=replace(month, day=last_day).text())


def _months(first_month: int, last_month: int, year: str | None) -> Calendar | None:
    """The first day of one month to the end of another, in `year` when given."""
    if first_month > last_month:
        return None
    prefix = f"{year}-" if year else ""
    return Calendar(since=f"{prefix}{first_month:02d}-01", until=f"{prefix}{last_month:02d}")
