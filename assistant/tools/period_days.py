"""The day a period's `since` or `until` names, placed on the data's calendar: a date, a month
and day without a year (the latest such day by the data's last day), a month to its end, or
the start of the last day's month, quarter or year; and a span from one to the other. Used by
periods.py, which turns them into a Period.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from commerce.errors import InvalidInput

FIRST_YEAR, LAST_YEAR = 1900, 2200
DAY = re.compile(r"(?:(\d{4})-)?(\d{1,2})-(\d{1,2})")
MONTH = re.compile(r"(?:(\d{4})-)?(\d{1,2})")
QUARTER = re.compile(r"(?:(\d{4})-)?[qQ]([1-4])")
YEAR = re.compile(r"\d{4}")
SINCE_FORMS = (
    "a date (YYYY-MM-DD), a month and day (MM-DD), week_start, month_start, quarter_start, "
    "year_start, "
    "today or yesterday"
)
UNTIL_FORMS = (
    "a date (YYYY-MM-DD), a month and day (MM-DD), a month (YYYY-MM or MM) to its end, today "
    "or yesterday"
)


@dataclass(frozen=True)
class DayRange:
    """The first and last day of the data a period is placed in (the store's orders, or its
    reviews), and what errors call the last one ("the store's last order day")."""

    first_day: pd.Timestamp
    last_day: pd.Timestamp
    last_day_is: str


def span(data: DayRange, since: str, until: str | None) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The first and last day from `since` to `until` (to the last day without it). Both
    written without a year: the latest such span that has ended by the last day, so "from
    March 5 to April 10" is this year's once April 10 is past, and "from November to
    February" or "from March 5 to March 1" cross a year's end. Otherwise `since` as
    first_day places it, and `until` the first such day from it on (cut at the last day)."""
    if until is None:
        return first_day(data, since), data.last_day
    day = DAY.fullmatch(since)
    if day is not None and day.group(1) is None and yearless(until):
        return _latest_span(data, (int(day.group(2)), int(day.group(3))), since, until)
    start = first_day(data, since)
    named = relative_days(data).get(until)
    if named is None:
        return start, last_day(data, start, until)
    if named < start:
        raise InvalidInput(f"until {until} ({named:%Y-%m-%d}) is before since, {start:%Y-%m-%d}")
    return start, named


def relative_days(data: DayRange) -> dict[str, pd.Timestamp]:
    """ "today" and "yesterday" of the data: its last day, and the one before."""
    return {"today": data.last_day, "yesterday": data.last_day - pd.Timedelta(days=1)}


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


def yearless(until: str) -> bool:
    """Whether a day (MM-DD) or month (MM) is written without its year."""
    written = DAY.fullmatch(until) or MONTH.fullmatch(until)
    return written is not None and written.group(1) is None


def dated_until(data: DayRange, until: str) -> str:
    """A day (MM-DD) or month (MM) written without its year, ending a period that has no start
    ("sales before March": until "02"), with the year of the latest such day reached, or
    month begun, by the last day: what "before March" means once March has come."""
    last = data.last_day
    day = DAY.fullmatch(until)
    for year in range(last.year, last.year - 9, -1):
        if day is not None:
            end = _first_real_day([year], int(day.group(2)), int(day.group(3)), _not_after(last))
            if end is not None:
                return f"{end:%Y-%m-%d}"
            continue
        month_end = _until_in(until, year)  # refuses a number that is no month
        if month_end is not None and month_end.replace(day=1) <= last:
            return f"{month_end:%Y-%m}"
    raise InvalidInput(f"until '{until}' is no day of the calendar")


def _until_in(until: str, year: int) -> pd.Timestamp | None:
    """`until` (MM-DD, or MM to its end) in `year`; None when that year has no such day."""
    day = DAY.fullmatch(until)
    if day is not None:
        return _first_real_day([year], int(day.group(2)), int(day.group(3)), lambda _: True)
    number = int(until)
    if not 1 <= number <= 12:
        raise InvalidInput(f"until '{until}' is not a month: give {UNTIL_FORMS}")
    return pd.Timestamp(year, number, 1) + pd.offsets.MonthEnd(0)


def first_day(data: DayRange, since: str, name: str = "since") -> pd.Timestamp:
    """The day `since` names, on or before the last day: a date (YYYY-MM-DD), a
    month and day (MM-DD: the latest such day), or the first day of the last day's
    week (Monday), month, quarter or year (week_start, month_start, quarter_start,
    year_start). Errors name the
    argument as `name`, the caller's ("no_order_since")."""
    last = data.last_day
    starts = {
        "week_start": last - pd.Timedelta(days=last.weekday()),  # the Monday
        "month_start": pd.Timestamp(last.year, last.month, 1),
        "quarter_start": quarter_start(last),
        "year_start": pd.Timestamp(last.year, 1, 1),
        **relative_days(data),
    }
    if since in starts:
        return starts[since]
    written = DAY.fullmatch(since.strip())
    if written is None:
        raise InvalidInput(f"{name} '{since}' is not a day: give {SINCE_FORMS}")
    year, month, day = written.groups()
    # Without a year, the latest such day: this year's, or last year's if still to come
    # (February 29 looks back to the last leap year).
    years = [checked_year(year, since, name)] if year else list(range(last.year, last.year - 8, -1))
    start = _first_real_day(years, int(month), int(day), lambda d: bool(year) or d <= last)
    if start is None:
        raise InvalidInput(f"{name} '{since}' is no day of the calendar")
    not_after_last_day(data, start, f"{name} {start:%Y-%m-%d} is")
    return start


def last_day(
    data: DayRange, start: pd.Timestamp, until: str, start_is: str = "since"
) -> pd.Timestamp:
    """The day `until` names, on or after `start`: a date, a month and day (the first such
    day from `start` on), or a month (YYYY-MM or MM: the first to end from `start` on) to its
    last day. An end before `start` is refused naming the start as `start_is`."""
    text = until.strip()
    if (month := MONTH.fullmatch(text)) is not None:
        year, number = month.groups()
        if not 1 <= int(number) <= 12:
            raise InvalidInput(f"until '{until}' is not a month: give {UNTIL_FORMS}")
        years = [checked_year(year, until, "until")] if year else [start.year, start.year + 1]
        ends = [pd.Timestamp(y, int(number), 1) + pd.offsets.MonthEnd(0) for y in years]
        end = next((e for e in ends if e >= start), ends[-1])
    elif (day := DAY.fullmatch(text)) is not None:
        year, number, of_month = day.groups()
        years = (
            [checked_year(year, until, "until")]
            if year
            else list(range(start.year, start.year + 5))
        )
        fits = (lambda d: True) if year else (lambda d: d >= start)
        found = _first_real_day(years, int(number), int(of_month), fits)
        if found is None:
            raise InvalidInput(f"until '{until}' is no day of the calendar")
        end = found
    else:
        raise InvalidInput(f"until '{until}' is not a day: give {UNTIL_FORMS}")
    if end < start:
        raise InvalidInput(f"until {end:%Y-%m-%d} is before {start_is}, {start:%Y-%m-%d}")
    return pd.Timestamp(end)


def not_after_last_day(data: DayRange, start: pd.Timestamp, what: str) -> None:
    if start > data.last_day:
        raise InvalidInput(f"{what} after {data.last_day_is}, {data.last_day:%Y-%m-%d}")


def checked_year(text: str, value: str, name: str) -> int:
    """A year as written, refused by name outside 1900-2200 (pandas has no day for year 0)."""
    year = int(text)
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise InvalidInput(
            f"{name} '{value}' is out of range: give a year from {FIRST_YEAR} to {LAST_YEAR}"
        )
    return year


def quarter_start(day: pd.Timestamp) -> pd.Timestamp:
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
