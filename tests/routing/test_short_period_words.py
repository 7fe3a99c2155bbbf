""" "yr", "yrs", "mo" and "mos" are read as "year", "years", "month" and "months" wherever
periods are read: "best sellers this yr" is the year to date, not the default 90 days; so is
a two-digit year after a month ("march 98"); and a negation typed without its apostrophe
("havent") is read as one."""

import pytest

from assistant.routing import Memory, Router
from assistant.routing.spelling import spelled_out


@pytest.mark.parametrize(
    ("question", "args"),
    [
        ("best sellers this yr", {"since": "year_start"}),
        ("best sellers last yr", {"year": "last"}),
        ("sales over the last 2 yrs", {"days": 730}),
        ("top customers last Yr", {"year": "last"}),
        ("best sellers this mo", {"since": "month_start"}),
        ("customers with no order in 6 mo", {"quiet_days": 180}),
        ("sales over the last 2 mos", {"days": 60}),
        ("how much did we sell in march 98", {"month": "1998-03"}),
        ("top products in dec '97", {"month": "1997-12"}),
    ],
)
def test_a_short_year_is_a_year(
    question: str, args: dict[str, object], minilm_router: Router
) -> None:
    route = minilm_router.route(question, Memory(), "operator")
    assert route.args == args


def test_only_a_short_form_placed_as_a_period_is_written_out() -> None:
    assert (
        spelled_out("this yr, last YR, 2 yrs, yrly, tyr")
        == "this year, last year, 2 years, yrly, tyr"
    )
    # Searched words and addresses stay as written.
    for kept in ("reviews saying 'yr welcome'", "look up yr.smith@example.com", "mentioning yr"):
        assert spelled_out(kept) == kept


def test_only_a_short_month_placed_as_a_period_is_written_out() -> None:
    assert spelled_out("in 6 mo, this MO, 2 mos, mo money, memo") == (
        "in 6 month, this month, 2 months, mo money, memo"
    )


def test_a_negation_without_its_apostrophe_gets_it_back() -> None:
    assert spelled_out("havent, Didnt, hasnt, dont; cant, wont, want, spent") == (
        "haven't, Didn't, hasn't, don't; cant, wont, want, spent"
    )


def test_a_two_digit_year_after_a_month_is_written_out_where_it_is_no_day() -> None:
    assert spelled_out("march 98, Dec. 97, jan '05, march 15, march 05, may 5 98, june 98th") == (
        "march 1998, Dec. 1997, jan 2005, march 15, march 05, may 5 98, june 98th"
    )
