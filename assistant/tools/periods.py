"""Which days a question's period covers, placed on the data's own calendar, and the period of
as many days just before it (what a change is measured against). top_products counts orders
in it, and the review tools read the reviews written in it.

A period is one of: the last `days` days; from a day (`since`) to the data's last day, or to
a day (`until`; alone, from the data's first day); one calendar month, quarter or year. The
router cannot know the data's calendar (a store's orders may end long before today), so a day
or month written without a year is the latest such one begun by the last day ("since January"
and "in March" work in any year), and "last" is the month, quarter or year before the last
day's own. A period is cut at the last day: what has not happened yet has no sales and no reviews.
"""

from dataclasses import dataclass, replace
from typing import Annotated

import pandas as pd
from pydantic import Field

from assistant.tools.format import count, day
from assistant.tools.period_days import (
    MONTH,
    QUARTER,
    YEAR,
    DayRange,
    checked_year,
    dated_until,
    last_day,
    not_after_last_day,
    quarter_start,
    relative_days,
    span,
    yearless,
)
from commerce.errors import InvalidInput

MAX_DAYS = 3_650  # ten years: "all time" for any store we serve
# `days` of a tool that looks at the whole history unless told (top_customers, bought_with).
DaysToDate = Annotated[
    int | None,
    Field(
        ge=1,
        le=MAX_DAYS,
        description="The period: this many days up to the store's last order. Default: "
        "the whole history, unless the calendar sets a period.",
    ),
]
WORDS = frozenset(
    {"last", "week_start", "month_start", "quarter_start", "year_start", "today", "yesterday"}
)
MONTH_FORMS = "give YYYY-MM, MM (03 is March) or last"


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
    year, and until beside since or, written with its year, alone (from the data's first
    day)."""

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
        """InvalidInput when two arguments set the period."""
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
    elif asked.until is not None:  # "sales before March 1998": from the data's first day
        when = between(data, data.first_day, _end_alone(data, asked.until))
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


def _end_alone(data: DayRange, until: str) -> pd.Timestamp:
    """The last day of a period that runs from the data's first day. One written without a
    year ("sales before March": until "02") is the latest such (dated_until): placed from the
    first day, as with a start, it would end in the data's first year."""
    named = relative_days(data).get(until)
    if named is not None:
        return named
    dated = dated_until(data, until) if yearless(until) else until
    return last_day(data, data.first_day, dated, "the store's first order day")


def _year_folded(data: DayRange, asked: Asked) -> Asked:
    """A month or quarter with the year beside it written into it: month "03" in year "1997"
    is "1997-03", quarter "Q1" in year "last" is Q1 of the year before the last day's."""
    part = "month" if asked.month is not None else "quarter" if asked.quarter is not None else ""
    if not part or asked.year is None:
        return asked
    value = str(getattr(asked, part))
    written = (MONTH if part == "month" else QUARTER).fullmatch(value)
    if written is None or written.group(1) is not None:
        form = "MM" if part == "month" else "Qn"
        raise InvalidInput(
            f"year ({asked.year!r}) goes only with a {part} written without one ({form}), "
            f"not with {part} {value!r}"
        )
    if part == "month" and not 1 <= int(written.group(2)) <= 12:
        raise InvalidInput(f"month '{value}' is not a month: {MONTH_FORMS}")
    year = _year_named(data, asked.year)
    if part == "month":
        return replace(asked, year=None, month=f"{year}-{value}")
    return replace(asked, year=None, quarter=f"{year}-{value}")


def period_words(when: Period, dated: bool) -> str:
    """The period as an answer says it: "from 1998-05-01 to 1998-05-31" when the calendar set
    it, "in the 30 days to 1998-06-30" when a number of days did."""
    if dated:
        return f"from {day(when.start)} to {day(when.end)}"
    return f"in the {count(when.days, 'day')} to {day(when.end)}"


def between(data: DayRange, start: pd.Timestamp, end: pd.Timestamp) -> Period:
    """The days from `start` to `end` (cut at the last day), both included, and as
    many just before (None when the store's orders do not reach back that far)."""
    end = min(end, data.last_day)
    days = (end - start).days + 1
    before = start - pd.Timedelta(days=days)
    return Period(days, start, end, before if data.first_day <= before else None)


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
        raise InvalidInput(f"month '{month}' is not a month: {MONTH_FORMS}")
    year = _year_of(data, written.group(1), number, month, "month")
    return _calendar(data, pd.Timestamp(year, number, 1), 1, "month")


def quarter_period(data: DayRange, quarter: str) -> Period:
    """A calendar quarter: YYYY-Qn, Qn (the latest begun by the last day), or last (the
    quarter before the last day's)."""
    last = data.last_day
    if quarter.strip() == "last":
        return _calendar(data, quarter_start(last) - pd.DateOffset(months=3), 3, "quarter")
    written = QUARTER.fullmatch(quarter.strip())
    if written is None:
        raise InvalidInput(
            f"quarter '{quarter}' is not a quarter: give YYYY-Qn, Qn (Q1 is January to March) "
            "or last"
        )
    first_month = 3 * int(written.group(2)) - 2
    year = _year_of(data, written.group(1), first_month, quarter, "quarter")
    return _calendar(data, pd.Timestamp(year, first_month, 1), 3, "quarter")


def year_period(data: DayRange, year: str) -> Period:
    """A calendar year: YYYY, or last (the year before the last day's)."""
    return _calendar(data, pd.Timestamp(_year_named(data, year), 1, 1), 12, "year")


def _year_named(data: DayRange, year: str) -> int:
    """The year `year` names: YYYY, or last (the one before the last day's)."""
    if year.strip() == "last":
        return int(data.last_day.year) - 1
    if YEAR.fullmatch(year.strip()) is None:
        raise InvalidInput(f"year '{year}' is not a year: give YYYY or last")
    return checked_year(year.strip(), year, "year")


def _year_of(data: DayRange, written: str | None, first_month: int, value: str, name: str) -> int:
    """The year of a month or quarter as written: its own, or the latest in which it had
    begun by the last day."""
    if written:
        return checked_year(written, value, name)
    last = data.last_day
    return int(last.year) if first_month <= last.month else int(last.year) - 1


def _calendar(data: DayRange, start: pd.Timestamp, months: int, unit: str) -> Period:
    """The `months` months from `start`, cut at the last day; refused when it begins
    after that day."""
    not_after_last_day(data, start, f"{unit} {_named(start, unit)} begins")
    return between(data, start, start + pd.DateOffset(months=months) - pd.Timedelta(days=1))


def _named(start: pd.Timestamp, unit: str) -> str:
    if unit == "month":
        return f"{start:%Y-%m}"
    return f"{start.year}-Q{(start.month + 2) // 3}" if unit == "quarter" else str(start.year)


def _word(text: str) -> str:
    text = text.strip()
    return text.lower() if text.lower() in WORDS else text
