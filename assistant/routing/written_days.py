"""Days, months and years as people write them, and the period arguments they become: the
grammar periods.py and period_spans.py share.

A period is handed to the tools as written (tools/periods.py places it on the data's
calendar): a day as an ISO date or "MM-DD", a month as "YYYY-MM" or "MM", a quarter as
"YYYY-Qn" or "Qn", a year as "YYYY", the one before the current one as "last".
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from assistant.routing.reading import Reader

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip
MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
YEAR = r"(?:19|20)\d\d"
ORDINAL = r"(?:st|nd|rd|th)?"
NO_MORE_DIGITS = r"(?![\s,]*\d)"  # "since May 40" names no day: not "since May"
# "customers who have not bought since January" asks who lapsed, not what sold since.
# Not after a negation of selling: "products not sold in 1998" asks about 1998's sales.
LAPSED = re.compile(
    r"(?:\bnot\b|n't\b|\bnever\b|\bno\b|\bstopped\b|\bquit\b)"
    r"(?![\w\s']*\b(?:sold|sell|sells|selling)\b)[\w\s']{0,30}$"
)

Groups = dict[str, str | None]  # a match's named groups


def day_pattern(tag: str) -> str:
    """A day as people write it, its groups named with `tag`: 2024-03-05, 3/5/2024 or 3/5/24,
    March 5th 2024, the 5th of March, or a month alone (its first or last day, by the
    caller)."""
    return (
        rf"(?:(?P<iso{tag}>{YEAR}-[01]\d-[0-3]\d)"
        rf"|(?P<slash{tag}>[0-3]?\d/[0-3]?\d/(?:{YEAR}|\d\d))(?![/\d])"
        rf"|(?:(?:last|this)\s+)?(?P<month{tag}>{MONTH})\.?(?:\s+(?P<day{tag}>[0-3]?\d){ORDINAL})?"
        rf"(?:,?\s+(?P<year{tag}>{YEAR}))?"
        rf"|(?:the\s+)?(?P<dday{tag}>[0-3]?\d){ORDINAL}\s+(?:of\s+)?(?P<dmonth{tag}>{MONTH})\.?"
        rf"(?:,?\s+(?P<dyear{tag}>{YEAR}))?)"
    )


@dataclass(frozen=True)
class Calendar:
    """A period as the tools' arguments take it; all None when none is named."""

    since: str | None = None
    until: str | None = None
    month: str | None = None
    quarter: str | None = None
    year: str | None = None


@dataclass(frozen=True)
class WrittenDay:
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

    def after(self) -> str | None:
        """The first day after it, as `text` writes a day: after a month alone, the next
        month's first ("after March" is "04-01"); a day without a year counted in one without
        February 29 ("02-28" is followed by "03-01"). None for no day of the calendar
        ("1998-02-30"), which the tool refuses as written."""
        if self.iso is None and self.day is None:
            month = self.month % 12 + 1
            if self.year is None:
                return f"{month:02d}-01"
            return f"{int(self.year) + self.month // 12}-{month:02d}-01"
        if self.iso is None and self.year is None:
            return self._yearless_shift(1)
        try:
            return (date.fromisoformat(self.text()) + timedelta(days=1)).isoformat()
        except ValueError:
            return None

    def _yearless_shift(self, days: int) -> str | None:
        """The day `days` away from a day written without a year: forward in a year without
        February 29 ("02-28" is followed by "03-01"), back in one with it (February 29 has a
        day before); None for no day of the calendar."""
        year = 2001 if days > 0 else 2000
        try:
            return f"{date.fromisoformat(f'{year}-{self.text()}') + timedelta(days=days):%m-%d}"
        except ValueError:
            return None

    def before(self) -> str | None:
        """The last day before it: before a month alone, the month before to its end ("before
        March 1998" is "1998-02"; "before March" is "02" and "before January" "12", without a
        year as "in March" is handed over; so is "before March 1st"). None for no day of the
        calendar."""
        if self.iso is None and self.year is None:
            if self.day is None or self.day == 1:  # the end of February, leap year or not
                return f"{(self.month - 2) % 12 + 1:02d}"
            return self._yearless_shift(-1)
        if self.iso is None and self.day is None:
            year, month = int(self.year or 0), self.month - 1
            return f"{year - 1}-12" if month == 0 else f"{year}-{month:02d}"
        try:
            return (date.fromisoformat(self.text()) - timedelta(days=1)).isoformat()
        except ValueError:
            return None


def written(groups: Groups, tag: str) -> WrittenDay | None:
    """One day's parts as written (a month alone has no day); None for no day of a month."""
    if groups.get(f"iso{tag}"):
        return WrittenDay(iso=groups[f"iso{tag}"])
    if groups.get(f"slash{tag}"):
        iso = slashed(groups[f"slash{tag}"] or "")
        return None if iso is None else WrittenDay(iso=iso)
    month = groups.get(f"month{tag}") or groups.get(f"dmonth{tag}")
    day = groups.get(f"day{tag}") or groups.get(f"dday{tag}")
    if month is None or (day is not None and not 1 <= int(day) <= 31):
        return None
    year = groups.get(f"year{tag}") or groups.get(f"dyear{tag}")
    return WrittenDay(None, MONTHS[month], int(day) if day else None, year)


def slashed(text: str) -> str | None:
    """A day written with slashes as an ISO date: month first ("2/1/98" is 1998-02-01, as
    US stores write it) unless the first number cannot be a month ("13/2/98" is 1998-02-13);
    a two-digit year as strptime's %y reads it (69-99 are 19xx). A day no month has
    ("2/30/98") is handed over all the same, for the tool to refuse by name; None where no
    month can be read ("13/13/98")."""
    first_part, second, year = text.split("/")
    month, day = (int(first_part), int(second))
    if month > 12:
        month, day = day, month
    full = int(year) if len(year) == 4 else int(year) + (1900 if int(year) >= 69 else 2000)
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{full:04d}-{month:02d}-{day:02d}"


def first(
    reader: Reader, patterns: list[re.Pattern[str]], read: Callable[[Groups], Calendar | None]
) -> Calendar | None:
    """The period the first pattern that matches (not after a negation: "have not bought
    since March" asks about lapsed customers) names, its text taken; None when none names
    one ("since May 40")."""
    for pattern in patterns:
        match = pattern.search(reader.text)
        if match is None or LAPSED.search(reader.text[: match.start()]):
            continue
        found = read(match.groupdict())
        if found is not None:
            reader.take(*match.span(), "period")
            return found
    return None
