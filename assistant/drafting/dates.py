"""Dates as drafts write them: the patterns, in the order extract.py tries them, and the
(year, month, day) readings of a match.

A numeric date keeps both its month-first and day-first readings (03/05/1998). A relative date
counted from the day the copy is written ("today", "yesterday", "last week", "next year", "in
three days") has no reading of its own but a `Relative`, which `span` turns into days once that
day is known. Other relative words (this weekend, a weekday, end of the month) name no date a
fact could hold, so they are never grounded; a weekday or weekend as a kind of day ("a lazy
Sunday", "start the weekend") is no date at all, and is not read unless written as an end.
"""

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

DateReading = tuple[int | None, int | None, int | None]  # (year, month, day); None: not said
Unit = Literal["day", "week", "month", "quarter", "year"]


@dataclass(frozen=True)
class Relative:
    """A date counted from the day the copy is written: "in three days" is (day, 3, False),
    "last week" (week, -1, True): the whole calendar week before this one."""

    unit: Unit
    count: int
    period: bool  # True: the calendar period ("this month"); False: the day that far away


MONTHS = {m[:3]: i + 1 for i, m in enumerate(
    "january february march april may june july august september october november december".split()
)}  # fmt: skip
# "May" is a month only when capitalised: "you may" is a verb.
_MONTH = (
    r"(?:(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)|May|MAY)\b\.?"
)
_WEEKDAY = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
_ORD = r"(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d{2}"
# How many days, weeks or months away: digits, "a"/"an", or a number word.
COUNT_WORDS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty".split()
)} | {"a": 1, "an": 1, "thirty": 30}  # fmt: skip
# Counts that are one number in other words: "in a couple of weeks", "in a dozen days".
EXACT_COUNTS = {"couple of": 2, "dozen": 12, "half a dozen": 6}
_COUNT = r"(?:a\s+)?(?:couple\s+of|dozen)|half\s+a\s+dozen|\d{1,3}|" + "|".join(
    sorted(COUNT_WORDS, key=len, reverse=True)
)
# A fortnight is two weeks: "ends in a fortnight" is 14 days away.
_UNITS = r"(day|week|fortnight|month|year)s?"
_HEDGE = r"(?:over|under|more\s+than|less\s+than|about|around|roughly|nearly|almost|just)"
DATE_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("ymd", re.compile(rf"\b({_YEAR})[-/.](\d{{1,2}})[-/.](\d{{1,2}})\b")),
    ("numeric", re.compile(r"\b(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})\b")),
    (
        "mdy",
        re.compile(
            rf"(?i:\b{_WEEKDAY},?\s+)?\b({_MONTH})\s+(\d{{1,2}}){_ORD}\b(?:,?\s+({_YEAR})\b)?"
        ),
    ),
    (
        "dmy",
        re.compile(
            rf"(?i:\b{_WEEKDAY},?\s+)?\b(?i:the\s+)?(\d{{1,2}}){_ORD}\s+"
            rf"(?i:of\s+)?({_MONTH})(?:,?\s+({_YEAR})\b)?"
        ),
    ),
    ("my", re.compile(rf"\b({_MONTH}),?\s+({_YEAR})\b")),
    (
        "m",
        re.compile(
            r"(?i:\b(?:in|of|since|during|from|until|till|thru|through|by|this|next|last|early"
            r"|late|mid|end of)"
            rf"\s+)({_MONTH})"
        ),
    ),
    ("day", re.compile(r"(?i)\b(today|tomorrow|yesterday)\b")),
    # "Over the next year" is a span of time to come (the predicted value's), not a date.
    (
        "period",
        re.compile(r"(?i)\b(last|this|(?<!\bthe\s)next|past)\s+(week|month|quarter|year)\b"),
    ),
    # "In over a year" is read as "in a year": a hedge does not make a date the facts lack true.
    (
        "count",
        re.compile(
            rf"(?i)\b(?:in|within)\s+(?:{_HEDGE}\s+)?(?:the\s+next\s+)?({_COUNT})\s+{_UNITS}\b"
        ),
    ),
    (
        "relative",
        re.compile(
            rf"(?i)\b(?:tonight|{_WEEKDAY}s?|next\s+weekend"
            r"|end\s+of\s+(?:the\s+)?(?:week|month)|(?:this|the)\s+weekend)\b"
        ),
    ),
    ("y", re.compile(rf"(?<![$€£\d.,])\b({_YEAR})\b(?!\s?%|\.\d|,\d)")),
]

# A weekday or the weekend as a kind of day, not a day: "start the weekend with a fresh brew",
# "perfect for a lazy Sunday", "every Friday", "on Sundays". It names no date, so it claims
# none. One written as an end ("ends Sunday", "until the weekend") is still a deadline, and
# "this weekend", "on Sunday" or "last Sunday" still name one day.
_KIND_OF_DAY = re.compile(rf"(?i)the\s+weekend|{_WEEKDAY}s")
_KIND_OF_DAY_BEFORE = re.compile(r"(?i)\b(?:a|an|every|each|any|your|our)\s+(?:[\w-]+\s+)?$")


def kind_of_day(text: str, match: re.Match[str]) -> bool:
    """True for a "relative" match that names a kind of day, not a day (see _KIND_OF_DAY)."""
    if _KIND_OF_DAY.fullmatch(match.group(0)):
        return True
    before = text[max(0, match.start() - 25) : match.start()]
    weekday = re.fullmatch(rf"(?i){_WEEKDAY}", match.group(0)) is not None
    return weekday and _KIND_OF_DAY_BEFORE.search(before) is not None


# "until", "valid", "expires", "ends", "by" just before a date: it is written as an end.
# "By" and "before" name an end only right before the date ("by May 1", "before the end of day
# on May 1"): "stopped by on March 5" is a visit, and "from before March 5" an age.
_VISIT = "".join(
    rf"(?<!\b{verb}\s)"
    for verb in (
        *("stop", "stopped", "stopping", "drop", "dropped", "dropping", "come", "came"),
        *("coming", "pop", "popped", "swing", "swung", "pass", "passed", "call", "called"),
    )
)
# "Until the end of day on May 1": the day's end in words, which name no hour (a time of day,
# "until 11:59pm on May 1", is refused: times.py; extract.py has blanked it by now).
_DAYS_END = r"end\s+of\s+(?:the\s+)?day,?"
DEADLINE = re.compile(
    r"(?i)(?:\b(?:until|till|til|through|thru|valid|expir\w*|ends?|ending|deadline)\b"
    rf"[\s:,-]*(?:(?:on|at|is|to|the|of|through|until|{_DAYS_END})\s+)*"
    rf"|{_VISIT}(?<!\bfrom\s)\b(?:by|before)\b[\s:,-]*(?:the\s+)?(?:{_DAYS_END}\s+(?:on\s+)?)?"
    r"|\b(?:only|just)\s+(?:for\s+)?)$"
)
# "today only", "this week only": a deadline written after the date.
DEADLINE_AFTER = re.compile(r"(?i)\s*only\b")


def readings(kind: str, groups: tuple[str | None, ...]) -> tuple[DateReading, ...] | None:
    """The (year, month, day) readings of one match; None when it is not a valid date."""
    if kind in RELATIVE_KINDS:
        return ()
    g = list(groups)
    if kind == "ymd":
        options: list[DateReading] = [(int(g[0] or 0), int(g[1] or 0), int(g[2] or 0))]
    elif kind == "numeric":
        year = int(g[2] or 0)
        year += 1900 if year >= 50 and year < 100 else 2000 if year < 50 else 0
        a, b = int(g[0] or 0), int(g[1] or 0)
        options = [(year, a, b), (year, b, a)]  # month-first and day-first both possible
    elif kind == "mdy":
        options = [(_int(g[2]), _month(g[0]), int(g[1] or 0))]
    elif kind == "dmy":
        options = [(_int(g[2]), _month(g[1]), int(g[0] or 0))]
    elif kind == "my":
        options = [(_int(g[1]), _month(g[0]), None)]
    elif kind == "m":
        options = [(None, _month(g[0]), None)]
    else:
        options = [(_int(g[0]), None, None)]
    valid = tuple(dict.fromkeys(r for r in options if _valid(r)))
    return valid or None


RELATIVE_KINDS = {"day", "period", "count", "relative"}
_DAY_OFFSETS = {"yesterday": -1, "today": 0, "tomorrow": 1}
_PERIOD_OFFSETS = {"last": -1, "past": -1, "this": 0, "next": 1}


def relative(kind: str, groups: tuple[str | None, ...]) -> Relative | None:
    """What a relative match counts from the day the copy is written; None for other kinds."""
    g = [(x or "").lower() for x in groups]
    if kind == "day":
        return Relative("day", _DAY_OFFSETS[g[0]], False)
    if kind == "period":
        return Relative(_unit(g[1]), _PERIOD_OFFSETS[g[0]], True)
    if kind == "count":
        words = " ".join(g[0].split()).removeprefix("a ")
        count = int(words) if words.isdigit() else EXACT_COUNTS.get(words) or COUNT_WORDS[words]
        if g[1] == "fortnight":
            return Relative("week", 2 * count, False)
        return Relative(_unit(g[1]), count, False)
    return None


def span(when: Relative, today: date) -> tuple[date, date]:
    """The first and last day a relative date names, counted from `today`."""
    months = _MONTHS_IN[when.unit]
    if not when.period:  # one day: "tomorrow", "in three days", "in a month"
        if months:
            day = _add_months(today, months * when.count)
        else:
            day = today + timedelta(days=when.count * (7 if when.unit == "week" else 1))
        return day, day
    if not months:  # a calendar week, Monday to Sunday
        first = today - timedelta(days=today.weekday()) + timedelta(weeks=when.count)
        return first, first + timedelta(days=6)
    start = date(today.year, today.month - (today.month - 1) % months, 1)
    first = _add_months(start, months * when.count)
    return first, _add_months(first, months) - timedelta(days=1)


_MONTHS_IN: dict[Unit, int] = {"day": 0, "week": 0, "month": 1, "quarter": 3, "year": 12}


def _add_months(day: date, months: int) -> date:
    """The same day `months` later, or the month's last day where it is shorter."""
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def _unit(word: str) -> Unit:
    return next(unit for unit in _MONTHS_IN if unit == word)


def _valid(reading: DateReading) -> bool:
    _, month, day = reading
    return (month is None or 1 <= month <= 12) and (day is None or 1 <= day <= 31)


def _month(name: str | None) -> int:
    return MONTHS.get((name or "").lower().rstrip(".")[:3], 0)


def _int(value: str | None) -> int | None:
    return int(value) if value else None
