"""Only words that look ahead ("will", "next", "expect") ask for a forecast: a period worded back
("what were sales last week", "how much did the champions spend last quarter") is the period's
sales totals, although "last week" is read as 7 days as a horizon is. Customers said to have
lapsed or gone quiet ("the lapsed big spenders i should call first") are the at-risk list, not
the all-time top spenders (a user's review, R22 1.1 and 3.1)."""

import pytest

from assistant.routing import Memory, Router


@pytest.mark.parametrize(
    ("question", "tool", "args"),
    [
        ("what were sales last week", "top_products", {"days": 7}),
        ("sales last week", "top_products", {"days": 7}),
        (
            "how much did the champions spend last quarter",
            "top_products",
            {"segment": "champions", "quarter": "last"},
        ),
        # A segment's revenue in a past period: its summary has no period and waits on the LLM.
        (
            "how much revenue did the loyal segment bring last year",
            "top_products",
            {"segment": "loyal", "year": "last"},
        ),
        (
            "what did the hibernating segment spend in q1 1998",
            "top_products",
            {"segment": "hibernating", "quarter": "1998-Q1"},
        ),
        # The same worded ahead stays a forecast.
        ("what will sales be next week", "forecast_demand", {"horizon_days": 7}),
        ("what sales do we expect next week", "forecast_demand", {"horizon_days": 7}),
        (
            "how much will the champions spend next quarter",
            "forecast_demand",
            {"segment": "champions", "horizon_days": 90},
        ),
    ],
)
def test_a_period_worded_back_is_its_sales_totals_and_ahead_a_forecast(
    question: str, tool: str, args: dict[str, object], minilm_router: Router
) -> None:
    route = minilm_router.route(question, Memory(), "operator")
    assert (route.tool, route.args) == (tool, args)


@pytest.mark.parametrize(
    "question",
    [
        "who are the lapsed big spenders i should call first",
        "inactive big spenders",
        "which of our big spenders have gone quiet",
        "lapsing customers",
    ],
)
def test_lapsed_spenders_are_the_at_risk_list(question: str, minilm_router: Router) -> None:
    assert minilm_router.route(question, Memory(), "operator").tool == "at_risk_customers"


@pytest.mark.parametrize("question", ["who are our biggest spenders", "top spenders in 1997"])
def test_spenders_not_said_to_lapse_stay_the_top_customers(
    question: str, minilm_router: Router
) -> None:
    assert minilm_router.route(question, Memory(), "operator").tool == "top_customers"
