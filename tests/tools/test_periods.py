"""Which days a period covers on the data's calendar (tools/periods.py): every way of naming
one, placed before the data's last day, the days before it that it is compared with, and what
is refused, by name."""

import pandas as pd
import pytest

from assistant.tools.period_days import DayRange, first_day
from assistant.tools.periods import Asked, Period, period_asked
from commerce.errors import InvalidInput

# Orders from 2022-01-01 to 2024-05-15: May 2024 is under way, Q2 2024 too.
STORE = DayRange(pd.Timestamp("2022-01-01"), pd.Timestamp("2024-05-15"), "the last order day")


def _days(asked: Asked) -> tuple[str, str, int]:
    when = period_asked(STORE, asked, 90)
    return f"{when.start:%Y-%m-%d}", f"{when.end:%Y-%m-%d}", when.days


@pytest.mark.parametrize(
    ("asked", "first", "last", "days"),
    [
        (Asked(), "2024-02-16", "2024-05-15", 90),
        (Asked(days=7), "2024-05-09", "2024-05-15", 7),
        (Asked(since="03-05", until="04-10"), "2024-03-05", "2024-04-10", 37),
        # December is 2023's; January the first to come after it.
        (Asked(since="12-01", until="01-31"), "2023-12-01", "2024-01-31", 62),
        (Asked(since="11-01", until="02"), "2023-11-01", "2024-02-29", 121),  # a leap year
        (Asked(since="2023-03-01", until="2023-05"), "2023-03-01", "2023-05-31", 92),
        # Without years, the latest such span that has ended: July 31 is still to come.
        (Asked(since="05-01", until="07-31"), "2023-05-01", "2023-07-31", 92),
        (Asked(since="03-05", until="03-01"), "2023-03-05", "2024-03-01", 363),  # a year on
        (Asked(since="2024-05-01", until="07-31"), "2024-05-01", "2024-05-15", 15),  # cut
        (Asked(since=" Month_Start "), "2024-05-01", "2024-05-15", 15),
        (Asked(quarter="LAST"), "2024-01-01", "2024-03-31", 91),
        (Asked(since="04-01", until="04-01"), "2024-04-01", "2024-04-01", 1),
        (Asked(month="last"), "2024-04-01", "2024-04-30", 30),
        (Asked(month="05"), "2024-05-01", "2024-05-15", 15),
        (Asked(month="06"), "2023-06-01", "2023-06-30", 30),
        (Asked(quarter="Q1"), "2024-01-01", "2024-03-31", 91),
        (Asked(quarter="q2"), "2024-04-01", "2024-05-15", 45),
        (Asked(quarter="Q3"), "2023-07-01", "2023-09-30", 92),
        (Asked(quarter="2022-Q4"), "2022-10-01", "2022-12-31", 92),
        (Asked(quarter="last"), "2024-01-01", "2024-03-31", 91),
        (Asked(year="2023"), "2023-01-01", "2023-12-31", 365),
        (Asked(year="last"), "2023-01-01", "2023-12-31", 365),
        (Asked(year="2024"), "2024-01-01", "2024-05-15", 136),
        # The data's today is its last day.
        (Asked(since="yesterday", until="yesterday"), "2024-05-14", "2024-05-14", 1),
        (Asked(since="Today", until="today"), "2024-05-15", "2024-05-15", 1),
        (Asked(since="yesterday"), "2024-05-14", "2024-05-15", 2),
        (Asked(since="05-01", until="yesterday"), "2024-05-01", "2024-05-14", 14),
        # A year beside a month or a quarter is the year they are in.
        (Asked(month="03", year="2022"), "2022-03-01", "2022-03-31", 31),
        (Asked(quarter="Q2", year="last"), "2023-04-01", "2023-06-30", 91),
        (Asked(quarter="q4", year="2022"), "2022-10-01", "2022-12-31", 92),
        # Until alone, with its year, ends the whole history: "before March 2023".
        (Asked(until="2023-02"), "2022-01-01", "2023-02-28", 424),
        (Asked(until="2022-01-31"), "2022-01-01", "2022-01-31", 31),
        # Without a year, alone ("sales before March"): the latest such, not the data's first.
        (Asked(until="02"), "2022-01-01", "2024-02-29", 790),
        (Asked(until="04-10"), "2022-01-01", "2024-04-10", 831),
        (Asked(until="06"), "2022-01-01", "2023-06-30", 546),
    ],
)
def test_each_way_of_naming_a_period(asked: Asked, first: str, last: str, days: int) -> None:
    assert _days(asked) == (first, last, days)


def test_last_means_the_one_before_the_last_order_days_own() -> None:
    january = DayRange(pd.Timestamp("2022-01-01"), pd.Timestamp("2024-01-10"), "the last day")
    assert period_asked(january, Asked(month="last"), 90).start == pd.Timestamp("2023-12-01")
    assert period_asked(january, Asked(quarter="last"), 90).start == pd.Timestamp("2023-10-01")


def test_the_period_before_is_as_long_and_only_where_orders_reach() -> None:
    assert period_asked(STORE, Asked(year="2023"), 90) == Period(
        365, pd.Timestamp("2023-01-01"), pd.Timestamp("2023-12-31"), pd.Timestamp("2022-01-01")
    )
    assert period_asked(STORE, Asked(year="2022"), 90).before_start is None
    assert period_asked(STORE, Asked(quarter="Q1"), 90).before_start == pd.Timestamp("2023-10-02")


@pytest.mark.parametrize(
    ("asked", "message"),
    [
        (Asked(since="01-01", year="2023"), "not since ('01-01') and year ('2023')"),
        (Asked(until="02-30"), "until '02-30' is no day of the calendar"),
        (Asked(since="today", until="yesterday"), "until yesterday (2024-05-14) is before since"),
        (Asked(month="2023-03", year="2022"), "year ('2022') goes only with a month written"),
        (Asked(quarter="last", year="2022"), "not with quarter 'last'"),
        (Asked(month="03", year="soon"), "year 'soon' is not a year"),
        (Asked(month="13", year="1997"), "month '13' is not a month: give YYYY-MM, MM"),
        (Asked(quarter="Q1", year="1066"), "year '1066' is out of range"),
        (Asked(days=7, year="2022"), "not days (7) and year ('2022')"),
        (Asked(year="0000"), "year '0000' is out of range: give a year from 1900 to 2200"),
        (Asked(month="0000-01"), "month '0000-01' is out of range"),
        (Asked(since="1000-01-01"), "since '1000-01-01' is out of range"),
        (Asked(since="2020-01-01", until="0001-02"), "until '0001-02' is out of range"),
        (Asked(since="13-01", until="04-10"), "since '13-01' is no day of the calendar"),
        (
            Asked(since="2024-04-10", until="2024-03-05"),
            "until 2024-03-05 is before since, 2024-04-10",
        ),
        (Asked(since="01-01", until="13"), "until '13' is not a month: give a date (YYYY-MM-DD)"),
        (Asked(since="01-01", until="02-30"), "until '02-30' is no day of the calendar"),
        (Asked(since="01-01", until="soon"), "until 'soon' is not a day"),
        (Asked(quarter="Q5"), "quarter 'Q5' is not a quarter: give YYYY-Qn, Qn"),
        (Asked(quarter="2024-Q3"), "quarter 2024-Q3 begins after the last order day, 2024"),
        (Asked(year="2025"), "year 2025 begins after the last order day, 2024-05-15"),
        (Asked(year="24"), "year '24' is not a year: give YYYY or last"),
        (Asked(month="2024-06"), "month 2024-06 begins after the last order day"),
    ],
)
def test_what_is_refused_is_named(asked: Asked, message: str) -> None:
    with pytest.raises(InvalidInput, match=message.replace("(", r"\(").replace(")", r"\)")):
        period_asked(STORE, asked, 90)


@pytest.mark.parametrize(
    ("since", "message"),
    [
        ("march", r"^no_order_since 'march' is not a day: give a date"),
        ("1000-01-01", r"^no_order_since '1000-01-01' is out of range"),
        ("02-30", r"^no_order_since '02-30' is no day of the calendar$"),
        ("2024-05-16", r"^no_order_since 2024-05-16 is after the last order day, 2024-05-15$"),
    ],
)
def test_a_day_is_refused_under_the_callers_argument_name(since: str, message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        first_day(STORE, since, "no_order_since")
