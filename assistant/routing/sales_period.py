"""The period a sales question names by the calendar: since a day ("since January", "since
March 5th", "since 2024-03-01", "year to date", "so far this month") or one month ("in March",
"during March 1998").

The router does not know the store's calendar, so it hands top_products what was said, and
the tool places it before the store's last order day (tools/product_sales.py): `since` as an
ISO date as written, a month and day without a year as "MM-DD" (the latest such day), or the
start of the store's current month, quarter or year as `month_start`, `quarter_start`,
`year_start`; `month` as "YYYY-MM", or "MM" for the latest such month. Read before the
horizons, so "this year so far" is no 365 days, and dropped from what is embedded: "what did
champions buy since April" asks what "what did champions buy" asks (with "since" in it, it
read like "who has not bought since").
"""

import re

from assistant.routing.reading import Reader

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?:,?\s+(?P<year>(?:19|20)\d\d))?"
_SINCE = r"\b(?:since|from|starting|beginning)\s+"
_NO_MORE_DIGITS = r"(?![\s,]*\d)"  # "since May 40" names no day: not "since May"
DATED = [
    re.compile(rf"{_SINCE}(?P<iso>(?:19|20)\d\d-[01]\d-[0-3]\d)\b"),
    re.compile(rf"{_SINCE}(?P<month>{_MONTH})\.?(?:\s+{_DAY})?{_YEAR}\b{_NO_MORE_DIGITS}"),
    re.compile(rf"{_SINCE}(?:the\s+)?{_DAY}\s+(?:of\s+)?(?P<month>{_MONTH})\.?{_YEAR}\b"
               rf"{_NO_MORE_DIGITS}"),
]  # fmt: skip
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


# "customers who have not bought since January" asks who lapsed, not what sold since.
LAPSED = re.compile(r"(?:\bnot\b|n't\b|\bnever\b|\bno\b|\bstopped\b|\bquit\b)[\w\s']{0,30}$")


def since(reader: Reader) -> str | None:
    """The period's first day as top_products' `since` takes it, taken from the reader; None
    when the message names none. "Since May 40" names no day and is left unread, and so is a
    day after a negation ("have not bought since March": a question about lapsed customers)."""
    for value, pattern in TO_DATE.items():
        match = pattern.search(reader.text)
        if match is not None:
            reader.take(*match.span(), "period")
            return value
    for pattern in DATED:
        match = pattern.search(reader.text)
        if match is None or LAPSED.search(reader.text[: match.start()]):
            continue
        found = _written(match)
        if found is not None:
            reader.take(*match.span(), "period")
            return found
    return None


IN_MONTH = re.compile(
    rf"\b(?:in|during|for|over|throughout)\s+(?:the\s+month\s+of\s+)?(?P<month>{_MONTH})\b"
    rf"\.?(?:\s+(?P<year>(?:19|20)\d\d))?\b{_NO_MORE_DIGITS}"
)


def month(reader: Reader) -> str | None:
    """The calendar month the message asks about ("in March" is "03", "during March 1998"
    "1998-03"), taken from the reader; None when it names none."""
    match = IN_MONTH.search(reader.text)
    if match is None:
        return None
    reader.take(*match.span(), "period")
    number = MONTHS[match.group("month")]
    year = match.group("year")
    return f"{year}-{number:02d}" if year else f"{number:02d}"


def _written(match: re.Match[str]) -> str | None:
    groups = match.groupdict()
    if groups.get("iso"):
        return str(groups["iso"])
    month, day = MONTHS[groups["month"]], int(groups.get("day") or 1)
    if not 1 <= day <= 31:
        return None
    year = groups.get("year")
    return f"{year}-{month:02d}-{day:02d}" if year else f"{month:02d}-{day:02d}"
