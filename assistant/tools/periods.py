"""Which days a question's period covers, placed on the data's own calendar, and the period of
as many days just before it (what a change is measured against). top_products counts orders
in it, and the review tools read the reviews written in it.

A period is one of: the last `days` days; from a day (`since`) to the data's last day, or to
a day (`until`); one calendar month, quarter or year. The router cannot know the data's
calendar (a store's orders may end long before today), so a day or month written without a
year is the latest such one begun by the last day ("since January" and "in March" work in any
year), and "last" is the month, quarter or year before the last day's own. A period is cut at
the last day: what has not happened yet has no sales and no reviews.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

import pandas as pd

from commerce.errors import InvalidInput

MAX_DAYS = 3_650  # ten years: "all time" for any store we serve
FIRST_YEAR, LAST_YEAR = 1900, 2200
WORDS = frozenset({"last", "month_start", "quarter_start", "year_start"})
DAY = re.compile(r"(?:(\d{4})-)?(\d{1,2})-(\d{1,2})")
MONTH = re.compile(r"(?:(\d{4})-)?(\d{1,2})")
QUARTER = re.compile(r"(?:(\d{4})-)?[qQ]([1-4])")
YEAR = re.compile(r"\d{4}")
SINCE_FORMS = (
    "a date (YYYY-MM-DD), a month and day (MM-DD), month_start, quarter_start or year_start"
)
UNTIL_FORMS = "a date (YYYY-MM-DD), a month and day (MM-DD), or a month (YYYY-MM or MM) to its end"


@dataclass(frozen=True)
class DayRange:
    """The first and last day of the data a period is placed in (the store's orders, or its
    reviews), and what errors call the last one ("the store's last order day")."""

    first_day: pd.Timestamp
    last_day: pd.Timestamp
    last_day_is: str


@dataclass(frozen=True)
class Period:
    """The period asked about, and the one of the same length before it (None when the
    store's orders do not reach back that far: no change can be computed then)."""

    days: int
    start: pd.Timestamp  # first day, inclusive
    end: pd.Timestamp  # last day, inclusive (never after the last day)
    before_start: pd.Timestamp | None


@dataclass(frozen=True)
class Asked:
    """A period as a tool's arguments give it: at most one of days, since, month, quarter and
    year, and until only beside since."""

    days: int | None = None
    since: str | None = None
    until: str | None = None
    month: str | None = None
    quarter: str | None = None
    year: str | None = None

    def given(self) -> dict[str, int | str]:
        """The arguments given, by name."""
        names = ("days", "since", "until", "month", "quarter", "year")
        return {name: value for name in names if (value := getattr(self, name)) is not None}

    def check(self) -> None:
        """InvalidInput when two arguments set the period, or until comes without since."""
        # A year beside a month or a quarter is the year they are in ("March of 1997").
        qualified = self.month is not None or self.quarter is not None
        setting = {
            name: value
            for name, value in self.given().items()
            if name != "until" and not (name == "year" and qualified)
        }
        if len(setting) > 1:
            named = " and ".join(f"{k} ({v!r})" for k, v in setting.items())
            raise InvalidInput(
                f"give one of days, since, month, quarter or year, not {named}: each sets the "
                "period"
            )
        if self.until is not None and self.since is None:
            raise InvalidInput(f"until ({self.until!r}) needs since: it ends a period from a day")

    def normalised(self) -> "Asked":
        """The same, each text stripped, and the words (last, month_start...) in lower case."""
        texts = {k: _word(v) for k, v in self.given().items() if isinstance(v, str)}
        return replace(self, **texts)  # type: ignore[arg-type]

    @property
    def dated(self) -> bool:
        """Whether the period is set by the calendar, not by a number of days."""
        return any(name != "days" for name in self.given())


def period_asked(data: DayRange, asked: Asked, default_days: int) -> Period:
    """The period `asked` names on the store's calendar (the last `default_days` days when it
    names none). InvalidInput names what is wrong: two ways of setting it (Asked.check), a
    malformed value, a period that begins after the last day or spans over ten years."""
    asked.check()
    asked = _year_folded(data, asked.normalised())
    if asked.since is not None:
        when = between(data, *span(data, asked.since, asked.until))
    elif asked.month is not None:
        when = month_period(data, asked.month)
    elif asked.quarter is not None:
        when = quarter_period(data, asked.quarter)
    elif asked.year is not None:
        when = year_period(data, asked.year)
    else:
        days = asked.days or default_days
        when = between(data, data.last_day - pd.Timedelta(days=days - 1), data.last_day)
    if when.days > MAX_DAYS:
        raise InvalidInput(
            f"since '{asked.since}' spans {when.days:,} days; at most {MAX_DAYS:,} (ten years)"
        )
    return when


def _year_folded(data: DayRange, asked: Asked) -> Asked:
    """A month or quarter with the year beside it written into it: month "03" in year "1997"
    is "1997-03", quarter "Q1" in year "last" is Q1 of the year before the last day's."""
    part = "month" if asked.month is not None else "quarter" if asked.quarter is not None else ""
    if not part or asked.year is None:
        return asked
    value = str(getattr(asked, part))
    written = (MONTH if part == "month" else QUARTER).fullmatch(value)
    if written is None or written.group(1) is not None:
        raise InvalidInput(
            f"year ({asked.year!r}) goes only with a {part} written without one (MM or Qn), "
            f"not with {part} {value!r}"
        )
    if asked.year == "last":
        year = data.last_day.year - 1
    elif YEAR.fullmatch(asked.year):
        year = _year(asked.year, asked.year, "year")
    else:
        raise InvalidInput(f"year '{asked.year}' is not a year: give YYYY or last")
    if part == "month":
        return replace(asked, year=None, month=f"{year}-{value}")
    return replace(asked, year=None, quarter=f"{year}-{value}")


def between(data: DayRange, start: pd.Timestamp, end: pd.Timestamp) -> Period:
    """The days from `start` to `end` (cut at the last day), both included, and as
    many just before (None when the store's orders do not reach back that far)."""
    end = min(end, data.last_day)
    days = (end - start).days + 1
    before = start - pd.Timedelta(days=days)
    return Period(days, start, end, before if data.first_day <= before else None)


def span(data: DayRange, since: str, until: str | None) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The first and last day from `since` to `until` (to the last day without it). Both
    written without a year: the latest such span that has ended by the last day, so "from
    March 5 to April 10" is this year's once April 10 is past, and "from November to
    February" or "from March 5 to March 1" cross a year's end. Otherwise `since` as
    first_day places it, and `until` the first such day from it on (cut at the last day)."""
    if until is None:
        return first_day(data, since), data.last_day
    day = DAY.fullmatch(since)
    if day is not None and day.group(1) is None and _yearless(until):
        return _latest_span(data, (int(day.group(2)), int(day.group(3))), since, until)
    start = first_day(data, since)
    return start, last_day(data, start, until)


def _latest_span(
    data: DayRange, month_day: tuple[int, int], since: str, until: str
) -> tuple[pd.Timestamp, pd.Timestamp]:
    month, day = month_day
    if _first_real_day(list(range(2000, 1992, -1)), month, day, lambda _: True) is None:
        raise InvalidInput(f"since '{since}' is no day of the calendar")
    last = data.last_day
    for year in range(last.year, last.year - 9, -1):
        end = _until_in(until, year)
        if end is None or end > last:
            continue
        earlier = list(range(year, year - 9, -1))
        start = _first_real_day(earlier, month, day, _not_after(end))
        if start is not None:
            return start, end
    raise InvalidInput(f"until '{until}' is no day of the calendar")


def _not_after(end: pd.Timestamp) -> Callable[[pd.Timestamp], bool]:
    return lambda day: day <= end


def _yearless(until: str) -> bool:
    written = DAY.fullmatch(until) or MONTH.fullmatch(until)
    return written is not None and written.group(1) is None


def _until_in(until: str, year: int) -> pd.Timestamp | None:
    """`until` (MM-DD, or MM to its end) in `year`; None when that year has no such day."""
    day = DAY.fullmatch(until)
    if day is not None:
        return _first_real_day([year], int(day.group(2)), int(day.group(3)), lambda _: True)
    number = int(until)
    if not 1 <= number <= 12:
        raise InvalidInput(f"until '{until}' is not a month: give {UNTIL_FORMS}")
    return pd.Timestamp(year, number, 1) + pd.offsets.MonthEnd(0)


def first_day(data: DayRange, since: str) -> pd.Timestamp:
    """The day `since` names, on or before the last day: a date (YYYY-MM-DD), a
    month and day (MM-DD: the latest such day), or the first day of the last day's
    month, quarter or year (month_start, quarter_start, year_start)."""
    last = data.last_day
    starts = {
        "month_start": pd.Timestamp(last.year, last.month, 1),
        "quarter_start": _quarter_start(last),
        "year_start": pd.Timestamp(last.year, 1, 1),
    }
    if since in starts:
        return starts[since]
    written = DAY.fullmatch(since.strip())
    if written is None:
        raise InvalidInput(f"since '{since}' is not a day: give {SINCE_FORMS}")
    year, month, day = written.groups()
    # Without a year, the latest such day: this year's, or last year's if still to come
    # (February 29 looks back to the last leap year).
    years = [_year(year, since, "since")] if year else list(range(last.year, last.year - 8, -1))
    start = _first_real_day(years, int(month), int(day), lambda d: bool(year) or d <= last)
    if start is None:
        raise InvalidInput(f"since '{since}' is no day of the calendar")
    _not_after_last_day(data, start, f"since {start:%Y-%m-%d} is")
    return start


def last_day(data: DayRange, start: pd.Timestamp, until: str) -> pd.Timestamp:
    """The day `until` names, on or after `start`: a date, a month and day (the first such
    day from `start` on), or a month (YYYY-MM or MM: the first to end from `start` on) to its
    last day."""
    text = until.strip()
    if (month := MONTH.fullmatch(text)) is not None:
        year, number = month.groups()
        if not 1 <= int(number) <= 12:
            raise InvalidInput(f"until '{until}' is not a month: give {UNTIL_FORMS}")
        years = [_year(year, until, "until")] if year else [start.year, start.year + 1]
        ends = [pd.Timestamp(y, int(number), 1) + pd.offsets.MonthEnd(0) for y in years]
        end = next((e for e in ends if e >= start), ends[-1])
    elif (day := DAY.fullmatch(text)) is not None:
        year, number, of_month = day.groups()
        years = [_year(year, until, "until")] if year else list(range(start.year, start.year + 5))
        fits = (lambda d: True) if year else (lambda d: d >= start)
        found = _first_real_day(years, int(number), int(of_month), fits)
        if found is None:
            raise InvalidInput(f"until '{until}' is no day of the calendar")
        end = found
    else:
        raise InvalidInput(f"until '{until}' is not a day: give {UNTIL_FORMS}")
    if end < start:
        raise InvalidInput(f"until {end:%Y-%m-%d} is before since, {start:%Y-%m-%d}")
    return pd.Timestamp(end)


def month_period(data: DayRange, month: str) -> Period:
    """A calendar month: YYYY-MM, MM (the latest begun by the last day), or last (the
    month before the last day's)."""
    last = data.last_day
    if month.strip() == "last":
        this_month = pd.Timestamp(last.year, last.month, 1)
        return _calendar(data, this_month - pd.DateOffset(months=1), 1, "month")
    written = MONTH.fullmatch(month.strip())
    number = int(written.group(2)) if written else 0
    if written is None or not 1 <= number <= 12:
        raise InvalidInput(
            f"month '{month}' is not a month: give YYYY-MM, MM (03 is March) or last"
        )
    year = (
        _year(written.group(1), month, "month")
        if written.group(1)
        else (last.year if number <= last.month else last.year - 1)
    )
    return _calendar(data, pd.Timestamp(year, number, 1), 1, "month")


def quarter_period(data: DayRange, quarter: str) -> Period:
    """A calendar quarter: YYYY-Qn, Qn (the latest begun by the last day), or last (the
    quarter before the last day's)."""
    last = data.last_day
    if quarter.strip() == "last":
        return _calendar(data, _quarter_start(last) - pd.DateOffset(months=3), 3, "quarter")
    written = QUARTER.fullmatch(quarter.strip())
    if written is None:
        raise InvalidInput(
            f"quarter '{quarter}' is not a quarter: give YYYY-Qn, Qn (Q1 is January to March) "
            "or last"
        )
    first_month = 3 * int(written.group(2)) - 2
    year = (
        _year(written.group(1), quarter, "quarter")
        if written.group(1)
        else (last.year if first_month <= last.month else last.year - 1)
    )
    return _calendar(data, pd.Timestamp(year, first_month, 1), 3, "quarter")


def year_period(data: DayRange, year: str) -> Period:
    """A calendar year: YYYY, or last (the year before the last day's)."""
    last = data.last_day
    if year.strip() == "last":
        return _calendar(data, pd.Timestamp(last.year - 1, 1, 1), 12, "year")
    if YEAR.fullmatch(year.strip()) is None:
        raise InvalidInput(f"year '{year}' is not a year: give YYYY or last")
    return _calendar(data, pd.Timestamp(_year(year, year, "year"), 1, 1), 12, "year")


def _calendar(data: DayRange, start: pd.Timestamp, months: int, unit: str) -> Period:
    """The `months` months from `start`, cut at the last day; refused when it begins
    after that day."""
    _not_after_last_day(data, start, f"{unit} {_named(start, unit)} begins")
    return between(data, start, start + pd.DateOffset(months=months) - pd.Timedelta(days=1))


def _named(start: pd.Timestamp, unit: str) -> str:
    if unit == "month":
        return f"{start:%Y-%m}"
    return f"{start.year}-Q{(start.month + 2) // 3}" if unit == "quarter" else str(start.year)


def _not_after_last_day(data: DayRange, start: pd.Timestamp, what: str) -> None:
    if start > data.last_day:
        raise InvalidInput(f"{what} after {data.last_day_is}, {data.last_day:%Y-%m-%d}")


def _word(text: str) -> str:
    text = text.strip()
    return text.lower() if text.lower() in WORDS else text


def _year(text: str, value: str, name: str) -> int:
    """A year as written, refused by name outside 1900-2200 (pandas has no day for year 0)."""
    year = int(text)
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise InvalidInput(
            f"{name} '{value}' is out of range: give a year from {FIRST_YEAR} to {LAST_YEAR}"
        )
    return year


def _quarter_start(day: pd.Timestamp) -> pd.Timestamp:
    return pd.Timestamp(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def _first_real_day(
    years: list[int], month: int, day: int, fits: Callable[[pd.Timestamp], bool]
) -> pd.Timestamp | None:
    """The first of these years' `month`-`day` that exists and `fits`; None when none does."""
    for year in years:
        try:
            candidate = pd.Timestamp(year, month, day)
        except ValueError:
            continue
        if fits(candidate):
            return candidate
    return None
