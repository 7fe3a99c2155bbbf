"""The period a question about sales or reviews names by the calendar: from a day ("since
January", "since March 5th", "year to date", "this quarter"), between two days ("between March
5 and April 10", "from January to March"), or one month, quarter or year ("in March", "last
month", "Q1", "the first quarter of 1998", "in 1997", "last year").

The router does not know the data's calendar, so it hands the tool (top_products,
search_reviews, review_sentiment) what was said, and the tool places it before the last order
day or the last review's (tools/periods.py): a day as an ISO date, or "MM-DD" without a year;
the start of the current month, quarter or year as `month_start`, `quarter_start`,
`year_start`; a month as "YYYY-MM" or "MM", a quarter as "YYYY-Qn" or "Qn", a year as "YYYY";
the one before the current one as "last".

Read before the horizons, so "March 5" is a day and not 5 of something, and dropped from what
is embedded: "what did champions buy since April" asks what "what did champions buy" asks
(with "since" in it, it read like "who has not bought since"). Two kinds are left in the text:
"last month" is also 30 days and "this quarter" also the next 90 to a forecast, so the horizon
finder reads them too, and each tool takes the reading it has an argument for.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from assistant.routing.reading import Reader

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip
QUARTERS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4,
            "4th": 4}  # fmt: skip
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_YEAR = r"(?:19|20)\d\d"
_ORDINAL = r"(?:st|nd|rd|th)?"
_NO_MORE_DIGITS = r"(?![\s,]*\d)"  # "since May 40" names no day: not "since May"
_SINCE = r"\b(?:since|from|starting|beginning)\s+"


def _day(tag: str) -> str:
    """A day as people write it, its groups named with `tag`: 2024-03-05, March 5th 2024,
    the 5th of March, or a month alone (its first or last day, by the caller)."""
    return (
        rf"(?:(?P<iso{tag}>{_YEAR}-[01]\d-[0-3]\d)"
        rf"|(?:(?:last|this)\s+)?(?P<month{tag}>{_MONTH})\.?(?:\s+(?P<day{tag}>[0-3]?\d){_ORDINAL})?"
        rf"(?:,?\s+(?P<year{tag}>{_YEAR}))?"
        rf"|(?:the\s+)?(?P<dday{tag}>[0-3]?\d){_ORDINAL}\s+(?:of\s+)?(?P<dmonth{tag}>{_MONTH})\.?"
        rf"(?:,?\s+(?P<dyear{tag}>{_YEAR}))?)"
    )


_TO = r"(?:\s*(?:-|\u2013)\s*|\s+(?:and|to|through|thru|till|until|up\s+to)\s+)"
RANGES = [
    re.compile(rf"\b(?:between|from)\s+(?P<ya>{_YEAR}){_TO}(?P<yb>{_YEAR})\b{_NO_MORE_DIGITS}"),
    re.compile(rf"\b(?:between|from)\s+{_day('a')}{_TO}{_day('b')}\b{_NO_MORE_DIGITS}"),
]
DATED = [
    re.compile(rf"{_SINCE}{_day('a')}\b{_NO_MORE_DIGITS}"),
    re.compile(rf"{_SINCE}(?P<ya>{_YEAR})\b(?![-/]\d){_NO_MORE_DIGITS}"),
]
_START = r"(?:start|beginning)\s+of\s+(?:the|this)\s+"
TO_DATE = {
    "year_start": re.compile(
        rf"\byear[\s-]+to[\s-]+date\b|\bytd\b|\bso\s+far\s+this\s+year\b|\bthis\s+year\s+so\s+"
        rf"far\b|\b(?:since|from)\s+(?:the\s+)?(?:{_START}year|new\s+year)\b"
    ),
    "quarter_start": re.compile(
        rf"\bquarter[\s-]+to[\s-]+date\b|\bqtd\b|\bso\s+far\s+this\s+quarter\b|\bthis\s+quarter\s+"
        rf"so\s+far\b|\b(?:since|from)\s+(?:the\s+)?{_START}quarter\b"
    ),
    "month_start": re.compile(
        rf"\bmonth[\s-]+to[\s-]+date\b|\bmtd\b|\bso\s+far\s+this\s+month\b|\bthis\s+month\s+so\s+"
        rf"far\b|\b(?:since|from)\s+(?:the\s+)?{_START}month\b"
    ),
}
IN_MONTH = re.compile(
    rf"\b(?:in|during|for|over|throughout)\s+(?:the\s+month\s+of\s+)?(?P<month>{_MONTH})\b"
    rf"\.?(?:\s+(?P<year>{_YEAR}))?\b{_NO_MORE_DIGITS}"
)
QUARTER = [
    re.compile(rf"\b(?P<year>{_YEAR})[\s-]*q(?P<q>[1-4])\b"),
    re.compile(rf"\bq(?P<q>[1-4])\b(?:\s*(?:of\s+)?(?P<year>{_YEAR})\b)?"),
    re.compile(rf"\b(?:the\s+)?(?P<ord>{'|'.join(QUARTERS)})\s+quarter\b"
               rf"(?:\s+(?:of\s+)?(?P<year>{_YEAR})\b)?"),
]  # fmt: skip
IN_YEAR = re.compile(
    rf"\b(?:in|during|throughout|for\s+the\s+year|same\s+for|(?:what|how)\s+about)\s+"
    rf"(?:the\s+year\s+)?(?P<year>{_YEAR})\b"
    rf"(?![-/]\d){_NO_MORE_DIGITS}(?!\s+(?:customers|people|buyers|orders|products|items|units))"
)
# "last month" alone is the month before this one; "the last month" and "the past month" are
# the last 30 days (the horizon finder reads those).
LAST = re.compile(r"(?<!the\s)\b(?:last|previous|prior)\s+(?P<unit>month|quarter|year)(?:'?s)?\b")
THIS = re.compile(r"\bthis\s+(?P<unit>month|quarter|year)\b")
# "customers who have not bought since January" asks who lapsed, not what sold since.
LAPSED = re.compile(r"(?:\bnot\b|n't\b|\bnever\b|\bno\b|\bstopped\b|\bquit\b)[\w\s']{0,30}$")


Groups = dict[str, str | None]  # a match's named groups


@dataclass(frozen=True)
class Calendar:
    """A period as the tools' arguments take it; all None when none is named."""

    since: str | None = None
    until: str | None = None
    month: str | None = None
    quarter: str | None = None
    year: str | None = None


def read(reader: Reader) -> Calendar:
    """The calendar period the message names, taken from the reader (but for "last month"
    and "this quarter", see the module docstring)."""
    for find in (_between, _since, _to_date, _in_month, _quarter, _in_year):
        found = find(reader)
        if found is not None:
            return found
    last = LAST.search(reader.text)
    if last is not None:
        return Calendar(**{last.group("unit"): "last"})
    this = THIS.search(reader.text)
    if this is not None and not LAPSED.search(reader.text[: this.start()]):
        return Calendar(since=f"{this.group('unit')}_start")
    return Calendar()


def _between(reader: Reader) -> Calendar | None:
    return _first(reader, RANGES, _span)


def _since(reader: Reader) -> Calendar | None:
    return _first(reader, DATED, _from_day)


def _first(
    reader: Reader, patterns: list[re.Pattern[str]], read: Callable[[Groups], Calendar | None]
) -> Calendar | None:
    """The period the first pattern that matches (not after a negation) names, its text
    taken; None when none names one ("since May 40")."""
    for pattern in patterns:
        match = _search(reader, pattern)
        found = None if match is None else read(match.groupdict())
        if match is not None and found is not None:
            reader.take(*match.span(), "period")
            return found
    return None


def _span(groups: Groups) -> Calendar | None:
    if groups.get("ya"):
        return Calendar(since=f"{groups['ya']}-01-01", until=f"{groups['yb']}-12")
    start, end = _written(groups, "a"), _written(groups, "b")
    if start is None or end is None:
        return None
    if end.year and not start.year and not start.iso:
        # "from November to February 1998": November of 1997.
        later = (start.month, start.day or 1) > (end.month, end.day or 31)
        start = replace(start, year=str(int(end.year) - later))
    return Calendar(since=start.text(), until=end.text(whole_month=True))


def _from_day(groups: Groups) -> Calendar | None:
    if groups.get("ya"):
        return Calendar(since=f"{groups['ya']}-01-01")
    written = _written(groups, "a")
    return None if written is None else Calendar(since=written.text())


def _to_date(reader: Reader) -> Calendar | None:
    for value, pattern in TO_DATE.items():
        match = pattern.search(reader.text)
        if match is not None:
            reader.take(*match.span(), "period")
            return Calendar(since=value)
    return None


def _in_month(reader: Reader) -> Calendar | None:
    match = IN_MONTH.search(reader.text)
    if match is None:
        return None
    reader.take(*match.span(), "period")
    number, year = MONTHS[match.group("month")], match.group("year")
    return Calendar(month=f"{year}-{number:02d}" if year else f"{number:02d}")


def _quarter(reader: Reader) -> Calendar | None:
    for pattern in QUARTER:
        match = pattern.search(reader.text)
        if match is not None:
            reader.take(*match.span(), "period")
            groups = match.groupdict()
            number = QUARTERS[groups["ord"]] if groups.get("ord") else int(groups["q"])
            year = groups.get("year")
            return Calendar(quarter=f"{year}-Q{number}" if year else f"Q{number}")
    return None


def _in_year(reader: Reader) -> Calendar | None:
    match = IN_YEAR.search(reader.text)
    if match is None:
        return None
    reader.take(*match.span(), "period")
    return Calendar(year=match.group("year"))


def _search(reader: Reader, pattern: re.Pattern[str]) -> re.Match[str] | None:
    """The pattern's first match not after a negation ("have not bought since March": a
    question about lapsed customers)."""
    match = pattern.search(reader.text)
    if match is None or LAPSED.search(reader.text[: match.start()]):
        return None
    return match


@dataclass(frozen=True)
class _Day:
    """One day as written: an ISO date, or a month with its day and year when given."""

    iso: str | None = None
    month: int = 0
    day: int | None = None
    year: str | None = None

    def text(self, whole_month: bool = False) -> str:
        """As the tool takes it: ISO, MM-DD, or (an end without a day) MM or YYYY-MM."""
        if self.iso:
            return self.iso
        if self.day is None and whole_month:
            return f"{self.year}-{self.month:02d}" if self.year else f"{self.month:02d}"
        text = f"{self.month:02d}-{self.day or 1:02d}"
        return f"{self.year}-{text}" if self.year else text


def _written(groups: Groups, tag: str) -> _Day | None:
    """One day's parts as written (a month alone has no day); None for no day of a month."""
    if groups.get(f"iso{tag}"):
        return _Day(iso=groups[f"iso{tag}"])
    month = groups.get(f"month{tag}") or groups.get(f"dmonth{tag}")
    day = groups.get(f"day{tag}") or groups.get(f"dday{tag}")
    if month is None or (day is not None and not 1 <= int(day) <= 31):
        return None
    year = groups.get(f"year{tag}") or groups.get(f"dyear{tag}")
    return _Day(None, MONTHS[month], int(day) if day else None, year)
