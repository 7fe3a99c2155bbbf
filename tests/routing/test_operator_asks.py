"""Operators' questions the real router once sent elsewhere: money to plan with is a budget
plan's ("plan 2000 for at risk customers", not the at-risk list), "how much will loyal customers
spend" a segment's forecast, a breakdown by behaviour the cluster list; a minus sign reaches the
tool, which refuses it by name, rather than a plan nobody asked for."""

import pytest

from assistant.routing import Memory, Router


@pytest.mark.parametrize(
    ("text", "tool", "args"),
    [
        ("plan 500 for retention", "plan_budget", {"budget": 500.0}),
        ("plan 2,000 for the at-risk segment, at most 10% off", "plan_budget",
         {"segment": "at risk", "budget": 2000.0, "max_discount_pct": 10.0}),
        ("plan 2000 for at risk customers", "plan_budget",
         {"segment": "at risk", "budget": 2000.0}),
        ("we have 20k to spend on win-back for can't lose customers", "plan_budget",
         {"segment": "can't lose", "budget": 20000.0}),
        ("spend $5k on top 100 customers", "plan_budget", {"budget": 5000.0}),
        ("how should I split 1200 between discounts for at risk customers", "plan_budget",
         {"segment": "at risk", "budget": 1200.0}),
        ("plan a budget of -$500 for retention", "plan_budget", {"budget": -500.0}),
        ("how much will at risk customers spend next month?", "forecast_demand",
         {"segment": "at risk", "horizon_days": 30}),
        ("how many orders will loyal customers place next year?", "forecast_demand",
         {"segment": "loyal", "horizon_days": 365}),
        ("forecast orders for tomorrow", "forecast_demand", {"horizon_days": 1}),
        ("forecast next -7 days", "forecast_demand", {"horizon_days": -7}),
        ("segment breakdown by behaviour", "list_segments", {"by": "cluster"}),
        ("who will spend the most next year", "at_risk_customers", {"by": "clv"}),
    ],
)  # fmt: skip
def test_operators_are_routed_as_meant(
    minilm_router: Router, text: str, tool: str, args: dict[str, object]
) -> None:
    route = minilm_router.route(text, Memory(), "operator")
    assert (route.tool, route.args, route.missing) == (tool, args, ())
