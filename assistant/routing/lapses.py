"""How long customers have gone without ordering, as a question says it: the at-risk list's
`quiet_days` ("haven't ordered in 6 months" is 180, "in a year" 365, "stopped buying in the last
90 days" 90; "quiet for 200 days" or "inactive for 6 months" too) or `no_order_since` ("no
order since 1998-01-01", "since March 5" is "03-05", "not bought anything this year" is
year_start), as top_products' `since` takes a day
(written_days.py). "Stopped buying after March 5" is no order from March 6 on (said).

"Haven't ordered since 1997" says the last order was in 1997: a bare year or month after "since"
is read as the day after it ends ("1998-01-01"; "since March" is "04-01", the tool's latest
April 1), where a sales question's "since March" is its first day; so is "since the end of
1997" (or of March), and "since the start of 1998" (or of March) is no order from its first
day on ("since the end of last year" is this year's first day, as "this year"). A count of
months or years with a fraction is read in whole days ("in 1.5 years" is 547). These readings
are said in the answer's note (`Lapse.note`), and so is a count that cannot be read in whole
days ("in 2.5 days").

Only after words that say nobody ordered ("not", "n't", "never", "no", "stopped", "quit"), or
that say the customers were idle ("quiet", "inactive", "dormant", "silent" for a count), and
read before the sales periods and horizons: "since March" there is no sales period (periods.py
already leaves it, see written_days.LAPSED), and "6 months" no forecast horizon. "Not bought in
1997" names no cutoff (they may have ordered after it) and is left alone.
"""

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from assistant.routing.quantities import BACK, NUM, UNIT_DAYS, number
from assistant.routing.reading import Reader
from assistant.routing.written_days import (
    MONTH,
    MONTHS,
    NO_MORE_DIGITS,
    YEAR,
    day_pattern,
    written,
)

# The words that say nobody ordered: a negation, then an order word within a few words
# ("haven't ordered anything", "no orders", "stopped buying"). Without the order word the
# span is another tool's period: "top products with no returns in the last 6 months".
_ORDERED = (
    r"(?:order(?:s|ed|ing)?|b(?:ought|uys?|uying)|purchas(?:e|es|ed|ing)|shop(?:s|ped|ping)?|"
    r"sold|sell(?:s|ing)?|(?:come|came)\s+back)"  # "haven't come back since march"
)
_NOBODY = (
    rf"(?:\b(?:not|never|no|stopped|quit)\b|n't\b)(?:\s+[\w']+){{0,3}}?\s+{_ORDERED}\b"
    r"(?:\s+[\w']+){0,2}?\s+"
)
_UNIT = r"(?P<unit>day|week|fortnight|month|quarter|year)s?\b"
QUIET = re.compile(
    rf"{_NOBODY}(?P<span>(?:in|for|over|during|within)\s+(?:the\s+)?(?:(?:{BACK})\s+)?"
    rf"(?:{NUM}|(?P<one>a|an|one)\s+|)\s*{_UNIT})"
)
# "customers quiet for 200 days", "inactive for 6 months", "gone dormant for a year": the same
# count, said by how the customers are rather than by what they did not do. "For more than 200
# days" is 201: one day past it, as quiet_days counts whole days.
IDLE = re.compile(
    r"\b(?:quiet|inactive|dormant|silent|idle)\s+(?P<span>for\s+(?:(?P<more>over|more\s+than|"
    rf"longer\s+than)\s+|at\s+least\s+)?(?:the\s+(?:(?:{BACK})\s+)?)?(?:{NUM}|(?P<one>a|an|one)\s+|)"
    rf"\s*{_UNIT})"
)
# "Stopped buying after 12/31/97" is no order from the day after; "after 1997" or "after
# March" is read as "since 1997" or "since March" (their last order was in it).
_SINCE = r"(?P<word>since|after)"
# "customers lost since march 1998", "churned since 1997": gone, said in one word; the word is
# taken too, so that "lost" is not also read as the segment of that name.
_GONE = r"\b(?P<gone>lost|churned|lapsed|inactive|dormant)\s+"
SINCE = re.compile(
    rf"(?:{_NOBODY}|{_GONE})(?P<span>{_SINCE}\s+{day_pattern('l')}\b){NO_MORE_DIGITS}"
)
SINCE_YEAR = re.compile(
    rf"(?:{_NOBODY}|{_GONE})(?P<span>{_SINCE}\s+(?P<year>{YEAR})\b)(?![-/]\d){NO_MORE_DIGITS}"
)
# "since the end of 1997" is "since 1997"; "since the start of March" is its first day.
EDGE = re.compile(
    rf"{_NOBODY}(?P<span>since\s+(?:the\s+)?(?P<edge>end|start|beginning)\s+of\s+"
    rf"(?:(?P<month>{MONTH})\.?(?:,?\s+(?P<in>{YEAR}))?|(?P<year>{YEAR}))\b)(?![-/]\d)"
    rf"{NO_MORE_DIGITS}"
)
# "not bought anything this year", "no order since the start of the quarter" or "since the end
# of last year": the first day of this one; "customers we lost this year" too.
THIS = re.compile(
    rf"(?:{_NOBODY}|{_GONE})(?P<span>(?:(?:since|from)\s+(?:the\s+)?(?:(?:start|beginning)\s+of\s+"
    r"(?:the|this)|end\s+of\s+last)|this)\s+(?P<unit>year|quarter|month)\b)"
)


@dataclass(frozen=True)
class Lapse:
    """The cutoff asked, as at_risk_customers takes it; both None when none is asked. `note`
    says how the words were read where that is not plain ("(Read 'since 1997' as no order
    after 1997-12-31.)"), or that a count was not read."""

    quiet_days: int | None = None
    no_order_since: str | None = None
    note: str = ""

    @property
    def asked(self) -> bool:
        """Whether a cutoff was read."""
        return self.quiet_days is not None or self.no_order_since is not None


def read(reader: Reader) -> Lapse:
    """The lapse the message asks about, its words taken from the reader (the negation
    stays: it may be what another finder reads, "not" before a segment)."""
    readings = (
        (QUIET, _quiet),
        (IDLE, _idle),
        (EDGE, _edge),
        (SINCE, _since),
        (SINCE_YEAR, _year),
        (THIS, _this),
    )
    for pattern, lapse in readings:
        match = pattern.search(reader.text)
        if match is None:
            continue
        found = lapse(match)
        if found is not None:
            reader.take(*match.span("span"), "period")
            if match.groupdict().get("gone"):
                reader.take(*match.span("gone"))
            return found
    return Lapse()


def _quiet(match: re.Match[str]) -> Lapse | None:
    """'in 6 months' 180, 'in a year' and 'in the last year' 365, 'in 1.5 years' 547 (whole
    days, said); no count for 'in months', nor in whole days for 'in 2.5 days' (said)."""
    if match.group("n"):
        count = number(match.group("n"))
    elif match.group("one") or " the " in f" {match.group('span')} ":
        count = 1.0
    else:
        return None  # "haven't ordered in months": how many is not said
    if count is None:
        return None
    unit = match.group("unit")
    days = int(count * UNIT_DAYS[unit])  # 1.5 years are 547.5 days: none the 548th
    if count == int(count):
        return Lapse(quiet_days=days)
    said = match.group("span")
    if unit == "day" or days < 1:
        return Lapse(
            note=f"(Couldn't read '{said}' as whole days, so no bound on how long customers "
            'have not ordered was set; ask e.g. "haven\'t ordered in 90 days".)'
        )
    return Lapse(quiet_days=days, note=f"(Read '{said}' as {days:,} days.)")


def _idle(match: re.Match[str]) -> Lapse | None:
    """'quiet for 200 days' as 'not ordered in 200 days'; 'for more than 200 days' 201."""
    found = _quiet(match)
    if found is None or found.quiet_days is None or not match.group("more"):
        return found
    return Lapse(quiet_days=found.quiet_days + 1, note=found.note)


def _since(match: re.Match[str]) -> Lapse | None:
    """A day as written; a month alone ("since march 1997") from the day after it ends."""
    day = written(match.groupdict(), "l")
    if day is None:
        return None
    if day.iso is None and day.day is None:
        return _after_month(match, day.month, day.year)
    after = day.after() if match.group("word") == "after" else None
    if after is None:  # since that day; or no day of the calendar, which the tool refuses
        return Lapse(no_order_since=day.text())
    said = after if len(after) > 5 else f"{calendar.month_name[int(after[:2])]} {int(after[3:])}"
    return Lapse(no_order_since=after, note=_read_as(match, said, "from", " on"))


def _year(match: re.Match[str]) -> Lapse:
    """'since 1997': the last order was in 1997, so none from 1998-01-01 on."""
    year = int(match.group("year"))
    return Lapse(no_order_since=f"{year + 1}-01-01", note=_read_as(match, f"{year}-12-31"))


def _edge(match: re.Match[str]) -> Lapse:
    """'since the end of 1997' as 'since 1997', 'since the end of March' as 'since March';
    'since the start of 1998' (or of March 1998, or of March) from its first day on."""
    month = MONTHS[match.group("month")] if match.group("month") else None
    year = match.group("in")
    if match.group("edge") == "end":
        return _year(match) if month is None else _after_month(match, month, year)
    if month is None:
        first = said = f"{match.group('year')}-01-01"
    elif year is None:  # the tool places a day without a year at its latest
        first, said = f"{month:02d}-01", f"{calendar.month_name[month]} 1"
    else:
        first = said = f"{year}-{month:02d}-01"
    return Lapse(no_order_since=first, note=_read_as(match, said, "from", " on"))


def _after_month(match: re.Match[str], month: int, year: str | None) -> Lapse:
    """No order after `month` (of `year`; without one, the tool's latest such month)."""
    if year is None:  # the tool places a day without a year at its latest
        after = f"{month % 12 + 1:02d}-01"
        end = f"the end of {calendar.month_name[month]}"
        return Lapse(no_order_since=after, note=_read_as(match, end))
    next_month = date(int(year) + month // 12, month % 12 + 1, 1)
    end = (next_month - timedelta(days=1)).isoformat()
    return Lapse(no_order_since=next_month.isoformat(), note=_read_as(match, end))


def _read_as(match: re.Match[str], day: str, word: str = "after", then: str = "") -> str:
    return f"(Read '{match.group('span')}' as no order {word} {day}{then}.)"


def _this(match: re.Match[str]) -> Lapse:
    return Lapse(no_order_since=f"{match.group('unit')}_start")
