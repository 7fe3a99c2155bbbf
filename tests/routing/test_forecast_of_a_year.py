"""A forecast asked for a year ("what will sales be in 1999?") runs from the day after the data
ends for a number of days, as the tool takes it: the answer's note says so, with the days the
result covered, rather than passing the next 30 days off as that year."""

import pytest

from assistant.routing import Memory, Router


@pytest.mark.parametrize(
    ("question", "year"),
    [("what will sales be in 1999?", "1999"), ("revenue forecast for 2000", "2000")],
)
def test_a_year_asked_of_the_forecast_is_said_not_forecast(
    question: str, year: str, minilm_router: Router
) -> None:
    route = minilm_router.route(question, Memory(), "operator")
    assert (route.tool, route.args) == ("forecast_demand", {})
    note = route.note({"horizon_days": 30, "as_of": "1998-06-30"})
    assert "runs from the day after the data ends for 30 days" in note
    assert f"does not forecast {year} on its own" in note


@pytest.mark.parametrize(
    ("question", "days"), [("sales next year", 365), ("what will revenue be next quarter?", 90)]
)
def test_a_relative_horizon_is_days_ahead_without_a_note(
    question: str, days: int, minilm_router: Router
) -> None:
    route = minilm_router.route(question, Memory(), "operator")
    assert (route.tool, route.args, route.reason) == ("forecast_demand", {"horizon_days": days}, "")


def test_what_is_left_of_a_span_is_no_category(minilm_router: Router) -> None:
    # "for the next 2 years" once the 2 years are read left "next", taken as a category
    route = minilm_router.route("forecast revenue for the next 2 years", Memory(), "operator")
    assert (route.tool, route.args) == ("forecast_demand", {"horizon_days": 730})
