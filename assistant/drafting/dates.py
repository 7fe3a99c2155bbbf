"""Dates as drafts write them: the patterns, in the order extract.py tries them, and the
(year, month, day) readings of a match.

A numeric date keeps both its month-first and day-first readings (03/05/1998), a relative one
(tomorrow, this weekend) has none: it names no date a fact could hold, so it is never grounded.
"""

import re

DateReading = tuple[int | None, int | None, int | None]  # (year, month, day); None: not said

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
# The end of a named day ("midnight on May 1", "May 1 at 11:59 pm") is that day: taken into
# the date's match, so it ends the offer with the date rather than reading as a claim of its
# own. Any other time of day stays a figure the facts do not hold.
_END_OF_DAY = r"(?:midnight|11:59\s*p\.?m\.?|23:59)"
_EOD_BEFORE = rf"(?i:\b{_END_OF_DAY}\s+(?:on\s+)?)?"
_EOD_AFTER = rf"(?i:,?\s+(?:at\s+)?{_END_OF_DAY}(?![\w:]))?"
DATE_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("ymd", re.compile(rf"{_EOD_BEFORE}\b({_YEAR})[-/.](\d{{1,2}})[-/.](\d{{1,2}})\b{_EOD_AFTER}")),
    (
        "numeric",
        re.compile(
            rf"{_EOD_BEFORE}\b(\d{{1,2}})[/.-](\d{{1,2}})[/.-](\d{{4}}|\d{{2}})\b{_EOD_AFTER}"
        ),
    ),
    (
        "mdy",
        re.compile(
            rf"{_EOD_BEFORE}(?i:\b{_WEEKDAY},?\s+)?\b({_MONTH})\s+(\d{{1,2}}){_ORD}\b"
            rf"(?:,?\s+({_YEAR})\b)?{_EOD_AFTER}"
        ),
    ),
    (
        "dmy",
        re.compile(
            rf"{_EOD_BEFORE}(?i:\b{_WEEKDAY},?\s+)?\b(?i:the\s+)?(\d{{1,2}}){_ORD}\s+"
            rf"(?i:of\s+)?({_MONTH})(?:,?\s+({_YEAR})\b)?{_EOD_AFTER}"
        ),
    ),
    ("my", re.compile(rf"\b({_MONTH}),?\s+({_YEAR})\b")),
    (
        "m",
        re.compile(
            rf"(?i:\b(?:in|of|since|during|from|until|till|by|this|next|last|early|late|mid|end of)"
            rf"\s+)({_MONTH})"
        ),
    ),
    (
        "relative",
        re.compile(
            rf"(?i)\b(?:tomorrow|tonight|midnight|{_WEEKDAY}s?|(?:this|next)\s+(?:weekend|week|month)"
            r"|end\s+of\s+(?:the\s+)?(?:week|month)|(?:this|the)\s+weekend)\b"
        ),
    ),
    ("y", re.compile(rf"(?<![$€£\d.,])\b({_YEAR})\b(?!\s?%|\.\d|,\d)")),
]

# "until", "valid", "expires", "ends", "by" just before a date: it is written as an end.
# "By" and "before" name an end only right before the date ("by May 1", "before midnight on
# May 1"): "stopped by on March 5" is a visit, and "from before March 5" an age.
_VISIT = "".join(
    rf"(?<!\b{verb}\s)"
    for verb in (
        *("stop", "stopped", "stopping", "drop", "dropped", "dropping", "come", "came"),
        *("coming", "pop", "popped", "swing", "swung", "pass", "passed", "call", "called"),
    )
)
DEADLINE = re.compile(
    r"(?i)(?:\b(?:until|till|til|through|thru|valid|expir\w*|ends?|ending|deadline)\b"
    r"[\s:,-]*(?:(?:on|at|is|to|the|of|midnight|through|until)\s+)*"
    rf"|{_VISIT}(?<!\bfrom\s)\b(?:by|before)\b[\s:,-]*(?:the\s+|midnight\s+(?:on\s+)?)?)$"
)


def readings(kind: str, groups: tuple[str | None, ...]) -> tuple[DateReading, ...] | None:
    """The (year, month, day) readings of one match; None when it is not a valid date."""
    if kind == "relative":
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


def _valid(reading: DateReading) -> bool:
    _, month, day = reading
    return (month is None or 1 <= month <= 12) and (day is None or 1 <= day <= 31)


def _month(name: str | None) -> int:
    return MONTHS.get((name or "").lower().rstrip(".")[:3], 0)


def _int(value: str | None) -> int | None:
    return int(value) if value else None
