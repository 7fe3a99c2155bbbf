"""The period a question about sales or reviews names by the calendar: from a day ("since
January", "since March 5th", "year to date", "this quarter"; "after March 1998" is from April
1), up to a day ("before March 1998" to February's end, from the first day; "before March" to
February's end, its year unsaid), between two days (period_spans.py), or one month, quarter
or year ("in March", "March 1998", "last month", "Q1", "the first quarter of 1998", "in
1997", "1997 best sellers", "last year"), also by number ("in month 3", "in 1998-03"). A month
or year out of range ("in month 13", "in 1850") is handed over all the same: the tool refuses
it by name.

The router does not know the data's calendar, so it hands the tool (top_products,
search_reviews, review_sentiment) what was said, and the tool places it before the last order
day or the last review's (tools/periods.py): a day as an ISO date, or "MM-DD" without a year;
the start of the current week (its Monday), month, quarter or year as `week_start`,
`month_start`, `quarter_start`, `year_start`; a month as "YYYY-MM" or "MM", a quarter as
"YYYY-Qn" or "Qn", a year as "YYYY"; the one before the current one as "last".

Read before the horizons, so "March 5" is a day and not 5 of something, and dropped from what
is embedded: "what did champions buy since April" asks what "what did champions buy" asks
(with "since" in it, it read like "who has not bought since"). Two kinds are left in the text:
"last month" is also 30 days and "this quarter" also the next 90 to a forecast, so the horizon
finder reads them too, and each tool takes the reading it has an argument for. A question
about what is to come ("what will sell best in Q3") names no past period.
"""

import re

from assistant.routing.period_spans import read_span
from assistant.routing.quantities import BACK_WORDS
from assistant.routing.reading import Reader
from assistant.routing.written_days import (
    LAPSED,
    MONTH,
    MONTHS,
    NO_MORE_DIGITS,
    YEAR,
    Calendar,
    Groups,
    day_pattern,
    first,
    written,
)

QUARTERS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4,
            "4th": 4}  # fmt: skip
_SINCE = r"\b(?:since|from|starting|beginning)\s+"
DATED = [
    re.compile(rf"{_SINCE}{day_pattern('a')}\b{NO_MORE_DIGITS}"),
    re.compile(rf"{_SINCE}(?P<ya>{YEAR})\b(?![-/]\d){NO_MORE_DIGITS}"),
]
# "after March 1998" is from the first day after it (April 1), "after 1997" from 1998-01-01;
# "before March 1998" is the history to its last day before (1998-02); "before March" ends
# with February, handed over without a year ("02") as "in March" is ("03").
AFTER = [
    re.compile(rf"\bafter\s+{day_pattern('b')}\b{NO_MORE_DIGITS}"),
    re.compile(rf"\bafter\s+(?P<yb>{YEAR})\b(?![-/]\d){NO_MORE_DIGITS}"),
]
BEFORE = [
    re.compile(rf"\bbefore\s+{day_pattern('b')}\b{NO_MORE_DIGITS}"),
    re.compile(rf"\bbefore\s+(?P<yb>{YEAR})\b(?![-/]\d){NO_MORE_DIGITS}"),
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
    "week_start": re.compile(
        rf"\bweek[\s-]+to[\s-]+date\b|\bwtd\b|\bso\s+far\s+this\s+week\b|\bthis\s+week\s+so\s+"
        rf"far\b|\b(?:since|from)\s+(?:the\s+)?{_START}week\b"
    ),
    "month_start": re.compile(
        rf"\bmonth[\s-]+to[\s-]+date\b|\bmtd\b|\bso\s+far\s+this\s+month\b|\bthis\s+month\s+so\s+"
        rf"far\b|\b(?:since|from)\s+(?:the\s+)?{_START}month\b"
    ),
}
# The calendar's unit before the current one ("last year", "previous quarter"); "past month" is
# the last 30 days, which the horizon finder reads.
_BEFORE = "|".join(word for word in BACK_WORDS if word != "past")
# "March of last year", "Q1 last year": the year before the last day's (`year` "last").
_OF_YEAR = rf"(?:\s*(?:of\s+)?(?:(?P<year>{YEAR})\b|(?P<lastyear>{_BEFORE})\s+year\b))?"
NAMED_DAYS = [re.compile(r"\b(?:(?P<since>since|from)\s+)?(?P<day>today|yesterday)(?:'s)?\b")]
IN_MONTH = [
    re.compile(rf"\b(?:in|during|for|over|throughout)\s+(?:the\s+month\s+of\s+)?"
               rf"(?P<month>{MONTH})\b\.?{_OF_YEAR}{NO_MORE_DIGITS}"),
    re.compile(rf"\b(?P<month>{MONTH})\.?,?\s+(?P<year>{YEAR})\b{NO_MORE_DIGITS}"),  # "may 1998"
    # Not "this may": "this may take a while" is no month.
    re.compile(rf"\b(?:last|this)\s+(?P<month>{MONTH})\b(?<!this may){NO_MORE_DIGITS}"),
    re.compile(rf"\b(?P<month>{MONTH})\.?,?\s+(?:of\s+)?(?P<lastyear>{_BEFORE})\s+year\b"),
    # A follow-up: "what about March?", "and April?" (not "and may I...").
    re.compile(rf"(?:^\s*and\s+|\b(?:what|how)\s+about\s+)(?P<month>{MONTH})\b"
               rf"(?!\s+(?:i|we|you|be|not)\b){_OF_YEAR}{NO_MORE_DIGITS}"),
]  # fmt: skip
QUARTER = [
    re.compile(rf"\b(?P<year>{YEAR})[\s-]*q(?P<q>[1-4])\b"),
    re.compile(rf"\bq(?P<q>[1-4])\b{_OF_YEAR}"),
    re.compile(rf"\b(?P<q>[1-4])q\b{_OF_YEAR}"),  # "3Q 1997"
    re.compile(rf"\b(?:the\s+)?(?P<ord>{'|'.join(QUARTERS)})\s+quarter\b{_OF_YEAR}"),
]  # fmt: skip
_COUNTED = r"(?!\s+(?:customers|people|buyers|orders|products|items|units|dollars|euros|pounds))"
IN_YEAR = [
    re.compile(rf"\b(?:in|during|throughout|for|of|same\s+for|(?:what|how)\s+about)\s+"
               rf"(?:the\s+year\s+)?(?P<year>{YEAR})\b(?![-/]\d){NO_MORE_DIGITS}{_COUNTED}"),
    re.compile(rf"\b(?P<year>{YEAR})(?:'s)?(?=\s+(?:best|top|sales|sellers|reviews|complaints)\b)"),
]  # fmt: skip
# "top customers 1997": a year the customer ids left after ranking words (ids.py). Only the
# year is taken: "top customers" stays in the text to embed.
RANKED_YEAR = re.compile(
    rf"\b(?:cust[a-z]*|clients?|buyers?|spenders?|shoppers?)\s+(?P<year>{YEAR})\b(?![-/]\d)"
    rf"{NO_MORE_DIGITS}"
)
# "sales by month 1998": a year after the unit its months or quarters are ranked by is their
# period, as "sales by month in 1998" is; only the year is taken, "by month" stays to rank by.
UNIT_YEAR = re.compile(
    rf"\b(?:by|per|each|every)\s+(?:the\s+)?(?:month|quarter)s?\s+(?:of\s+)?(?P<year>{YEAR})\b"
    rf"(?![-/]\d){NO_MORE_DIGITS}"
)
# A month or year written by number that the names above do not cover, in range or not ("in
# month 13", "in 1998-13", "in 1850"): handed over as written, so the tool takes it or refuses
# it by name, where a period not read would answer for the default days without a word.
NUMBERED_MONTH = [
    re.compile(rf"\b(?:in|during|for|over|throughout)\s+(?:the\s+)?month\s+(?:(?:number|no\.?|#)"
               rf"\s*)?(?P<month>\d{{1,2}})\b(?![-/.,]\d){_OF_YEAR}{NO_MORE_DIGITS}"),
    re.compile(r"\b(?:in|during|throughout)\s+(?P<year>[12]\d{3})-(?P<month>\d{1,2})\b"
               rf"(?![-/.,]\d){NO_MORE_DIGITS}"),
]  # fmt: skip
# Not after "for" or "of": "plan for 1500" and "a campaign of 1500" are money.
OTHER_YEAR = [
    re.compile(rf"\b(?:in|during|throughout)\s+(?:the\s+year\s+)?(?P<year>[12]\d{{3}})\b"
               rf"(?![-/]\d){NO_MORE_DIGITS}{_COUNTED}"),
]  # fmt: skip
# A year after money or planning words, joined by "for" or "of", is an amount: "a budget for
# 2024", "spend of 2000", "plan for 2000", "plan a campaign for 2000". Only there: money
# elsewhere in the message leaves the year one ("who spent over $1,000 in 1997").
AMOUNT_BEFORE = re.compile(
    r"(?:\b(?:budget\w*|spend|spending|allocat\w*|invest\w*|plan|planning|dollars?|euros?)\b|"
    r"[$\u20ac\u00a3][\d.,]*\s*k?)(?:\s+[\w'-]+){0,3}?\s+(?:for|of)\s+$"
)
# A day or a month written with slashes and no word before it ("sales 3/5/98", "orders in
# 2/98"): that day, or that month; a two-digit year only above 31, which is no day.
SLASHED = [
    re.compile(r"(?<![\w/.-])(?P<slasha>[0-3]?\d/[0-3]?\d/(?:(?:19|20)\d\d|\d\d))(?![/\d])"),
    re.compile(r"(?<![\w/.-])(?P<month>[01]?\d)/(?P<year>(?:19|20)\d\d|3[2-9]|[4-9]\d)(?![/\d])"),
]
# "last month" alone is the month before this one; "the last month" and "the past month" are
# the last 30 days (the horizon finder reads those).
LAST = re.compile(rf"(?<!the\s)\b(?:{_BEFORE})\s+(?P<unit>month|quarter|year)(?:'?s)?\b")
THIS = re.compile(r"\bthis\s+(?P<unit>week|month|quarter|year)\b")
# What is to come has no sales yet: "what will sell best in Q3" asks for a forecast.
FUTURE = re.compile(r"\b(?:will|going\s+to|gonna|expect(?:ed)?|forecast\w*|predict\w*)\b")


def read(reader: Reader) -> Calendar:
    """The calendar period the message names, taken from the reader (but for "last month"
    and "this quarter", see the module docstring)."""
    if FUTURE.search(reader.text):
        return Calendar()
    readers = (
        _since, _after_or_before, _named_day, _to_date, _in_month, _numbered_month, _quarter,
        _in_year, _slashed,
    )  # fmt: skip
    for find in (read_span, *readers):
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


def _since(reader: Reader) -> Calendar | None:
    return first(reader, DATED, _from_day)


def _from_day(groups: Groups) -> Calendar | None:
    if groups.get("ya"):
        return Calendar(since=f"{groups['ya']}-01-01")
    day = written(groups, "a")
    return None if day is None else Calendar(since=day.text())


def _after_or_before(reader: Reader) -> Calendar | None:
    """'after <day>' as since, 'before <day>' as until: either, or both."""

    def since(groups: Groups) -> Calendar | None:
        day = _next_to(groups, after=True)
        return None if day is None else Calendar(since=day)

    def until(groups: Groups) -> Calendar | None:
        day = _next_to(groups, after=False)
        return None if day is None else Calendar(until=day)

    after, before = first(reader, AFTER, since), first(reader, BEFORE, until)
    if after is None and before is None:
        return None
    return Calendar(
        since=None if after is None else after.since,
        until=None if before is None else before.until,
    )


def _next_to(groups: Groups, after: bool) -> str | None:
    """The first day after (or the last before) the day, month or year written."""
    if groups.get("yb"):
        year = int(groups["yb"] or 0)
        return f"{year + 1}-01-01" if after else f"{year - 1}-12-31"
    day = written(groups, "b")
    if day is None:
        return None
    return day.after() if after else day.before()


def _named_day(reader: Reader) -> Calendar | None:
    """ "since yesterday" (to the last day), or "yesterday" / "today" alone (that one day): the
    data's last day is its today."""

    def named(groups: Groups) -> Calendar:
        day = groups["day"] or "today"
        return Calendar(since=day) if groups.get("since") else Calendar(since=day, until=day)

    return first(reader, NAMED_DAYS, named)


def _to_date(reader: Reader) -> Calendar | None:
    for value, pattern in TO_DATE.items():
        match = pattern.search(reader.text)
        if match is not None:
            reader.take(*match.span(), "period")
            return Calendar(since=value)
    return None


def _in_month(reader: Reader) -> Calendar | None:
    def month(groups: Groups) -> Calendar:
        number, year = MONTHS[groups["month"] or ""], groups.get("year")
        if groups.get("lastyear"):
            return Calendar(month=f"{number:02d}", year="last")
        return Calendar(month=f"{year}-{number:02d}" if year else f"{number:02d}")

    return first(reader, IN_MONTH, month)


def _quarter(reader: Reader) -> Calendar | None:
    def quarter(groups: Groups) -> Calendar:
        number = QUARTERS[groups["ord"] or ""] if groups.get("ord") else int(groups["q"] or 1)
        year = groups.get("year")
        if groups.get("lastyear"):
            return Calendar(quarter=f"Q{number}", year="last")
        return Calendar(quarter=f"{year}-Q{number}" if year else f"Q{number}")

    return first(reader, QUARTER, quarter)


def _numbered_month(reader: Reader) -> Calendar | None:
    def month(groups: Groups) -> Calendar:
        number, year = int(groups["month"] or 0), groups.get("year")
        if groups.get("lastyear"):
            return Calendar(month=f"{number:02d}", year="last")
        return Calendar(month=f"{year}-{number:02d}" if year else f"{number:02d}")

    return first(reader, NUMBERED_MONTH, month)


def _slashed(reader: Reader) -> Calendar | None:
    def slashed(groups: Groups) -> Calendar | None:
        if groups.get("slasha"):
            day = written(groups, "a")
            return None if day is None else Calendar(since=day.text(), until=day.text())
        month, year = int(groups["month"] or 0), groups["year"] or ""
        full = year if len(year) == 4 else str(int(year) + (1900 if int(year) >= 69 else 2000))
        return Calendar(month=f"{full}-{month:02d}") if 1 <= month <= 12 else None

    return first(reader, SLASHED, slashed)


def _in_year(reader: Reader) -> Calendar | None:
    """The year named, but not a number that money words before it make an amount."""
    year_alone = (RANKED_YEAR, UNIT_YEAR)  # the words before it are read again
    for pattern in (*IN_YEAR, *year_alone, *OTHER_YEAR):
        for match in pattern.finditer(reader.text):
            before = reader.text[: match.start("year")]
            if LAPSED.search(reader.text[: match.start()]):
                break  # as `first` reads it: "not bought in 1997" asks about lapsed customers
            if AMOUNT_BEFORE.search(before):
                continue
            start = match.start("year") if pattern in year_alone else match.start()
            reader.take(start, match.end(), "period")
            return Calendar(year=match.group("year"))
    return None
