""" "yr" and "yrs" are read as "year" and "years" wherever periods are read: "best sellers this
yr" is the year to date, not the default 90 days."""

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
