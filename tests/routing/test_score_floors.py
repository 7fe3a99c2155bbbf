"""Floors on the scores and idle customers, read for the at-risk list: "churn risk above 90%",
"risk > 0.9" and "more than 90% likely to churn" are min_churn_risk (a percent); "CLV over
$1000" or "predicted value over $1000" min_clv (past spend stays min_revenue); "quiet for /
inactive for / dormant for N days" quiet_days; "the 3 biggest spenders" keeps its count.
Before, each was dropped and the list came back unfiltered, reading as the answer."""

import pytest

from assistant.routing import Memory, Router
from assistant.routing.lapses import Lapse
from assistant.routing.lapses import read as read_lapse
from assistant.routing.reading import Reader
from assistant.routing.risk_bounds import ScoreFloors, read


@pytest.mark.parametrize(
    ("question", "floors"),
    [
        ("how many customers have churn risk above 90%?", ScoreFloors(min_churn_risk=90)),
        ("at-risk customers with risk > 0.9", ScoreFloors(min_churn_risk=90)),
        ("customers more than 90% likely to churn", ScoreFloors(min_churn_risk=90)),
        ("customers with a churn risk of 75% or more", ScoreFloors(min_churn_risk=75)),
        ("churn probability of at least 0.8", ScoreFloors(min_churn_risk=80)),
        ("customers with at least 92.5% churn risk", ScoreFloors(min_churn_risk=92.5)),
        ("how many customers have a CLV over 1000?", ScoreFloors(min_clv=1000.01)),
        ("customers with a predicted value over $1000", ScoreFloors(min_clv=1000.01)),
        ("lifetime value of at least $2k", ScoreFloors(min_clv=2000)),
        ("customers with a clv of 500 or more", ScoreFloors(min_clv=500)),
    ],
)
def test_a_floor_on_the_scores_is_read(question: str, floors: ScoreFloors) -> None:
    reader = Reader(question)
    assert read(reader) == floors


@pytest.mark.parametrize(
    "question",
    [
        "customers who spent over $1000",  # past spend: min_revenue
        "value at risk over 500",  # no churn risk, and no predicted value
        "at risk customers over 90%",
        "churn risk over 500",  # no percent
        "20% off for champions",
    ],
)
def test_no_floor_is_read_where_none_is_said(question: str) -> None:
    reader = Reader(question)
    assert read(reader) == ScoreFloors()
    assert reader.text == question


@pytest.mark.parametrize(
    ("question", "lapse"),
    [
        ("customers quiet for 200 days", Lapse(quiet_days=200)),
        ("customers inactive for 6 months", Lapse(quiet_days=180)),
        ("which have gone dormant for a year", Lapse(quiet_days=365)),
        ("silent for three weeks", Lapse(quiet_days=21)),
        ("quiet for more than 200 days", Lapse(quiet_days=201)),
    ],
)
def test_idle_customers_are_a_lapse(question: str, lapse: Lapse) -> None:
    assert read_lapse(Reader(question)) == lapse


def test_a_quiet_day_is_no_lapse() -> None:
    assert read_lapse(Reader("was yesterday a quiet day for sales")) == Lapse()


@pytest.mark.parametrize(
    ("question", "args"),
    [
        ("how many customers have churn risk above 90%?", {"min_churn_risk": 90.0}),
        ("at-risk customers with risk > 0.9", {"min_churn_risk": 90.0}),
        ("customers more than 90% likely to churn", {"min_churn_risk": 90.0}),
        ("how many customers have a CLV over 1000?", {"min_clv": 1000.01}),
        ("customers with a predicted value over $1000", {"min_clv": 1000.01}),
        ("customers quiet for 200 days", {"quiet_days": 200}),
        ("customers inactive for 200 days", {"quiet_days": 200}),
        # Past what the store holds: the tool refuses it, naming its span (lapsed.py).
        ("customers quiet for 1000 days", {"quiet_days": 1000}),
        ("who are the 3 biggest spenders at risk?", {"limit": 3}),
    ],
)
def test_the_at_risk_list_gets_the_floor_asked(
    question: str, args: dict[str, object], minilm_router: Router
) -> None:
    route = minilm_router.route(question, Memory(), "operator")
    assert (route.tool, route.args) == ("at_risk_customers", args)


def test_past_spend_stays_a_spend_floor(minilm_router: Router) -> None:
    route = minilm_router.route("customers who spent over $1000", Memory(), "operator")
    assert (route.tool, route.args) == ("top_customers", {"min_revenue": 1000.01})


def test_a_floor_asked_of_a_tool_without_it_is_said(minilm_router: Router) -> None:
    route = minilm_router.route("top customers in 1997 with a CLV over 1000", Memory(), "operator")
    assert (route.tool, route.args) == ("top_customers", {"year": "1997"})
    assert "cannot be limited by churn risk or predicted value" in route.reason


@pytest.mark.parametrize(
    "text", ["who has the highest predicted value over 12 months", "lifetime value over 1 year"]
)
def test_a_span_of_time_is_no_value_floor(text: str) -> None:
    assert read(Reader(text)).min_clv is None
