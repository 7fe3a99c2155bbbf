"""Past sales totals ("how much did we sell in 1997", "revenue last month") routed to
top_products with their period, while what is to come stays a forecast; a year beside a spend
floor kept ("who spent over $1000 in 1997"); and a number after plan or budget words read as
money, not a year ("plan for 2000")."""

import pytest

from assistant.routing import Memory, Router, Vocabulary, extract


@pytest.mark.parametrize(
    ("text", "year", "amount", "min_revenue"),
    [
        ("who spent over $1000 in 1997", "1997", None, 1000.01),
        ("top customers in 1997 with over $1000", "1997", None, 1000.01),
        ("plan for 2000", None, 2000.0, None),
        ("plan a campaign for 2000", None, 2000.0, None),
        ("a budget for 2024", None, 2024.0, None),
        ("best sellers in 2000", "2000", None, None),
        ("spend $5k on champions in 1998", "1998", 5000.0, None),
    ],
)
def test_a_year_is_a_year_unless_money_words_lead_to_it(
    vocabulary: Vocabulary, text: str, year: str | None, amount: float | None,
    min_revenue: float | None,
) -> None:  # fmt: skip
    x = extract(text, vocabulary)
    assert (x.year, x.amount, x.min_revenue) == (year, amount, min_revenue)


@pytest.mark.parametrize(
    ("text", "tool", "args"),
    [
        ("who spent over $1000 in 1997", "top_customers", {"min_revenue": 1000.01, "year": "1997"}),
        ("top customers in 1997 with over $1000", "top_customers",
         {"min_revenue": 1000.01, "year": "1997"}),
        ("plan for 2000", "plan_budget", {"budget": 2000.0}),
        ("plan a campaign for 2000", "plan_budget", {"budget": 2000.0}),
        ("best sellers in 2000", "top_products", {"year": "2000"}),
        ("how much did we sell in 1997", "top_products", {"year": "1997"}),
        ("revenue in 1997", "top_products", {"year": "1997"}),
        ("what were sales in 1997", "top_products", {"year": "1997"}),
        ("what were sales in Q1 1998", "top_products", {"quarter": "1998-Q1"}),
        ("how much did we sell last month", "top_products", {"month": "last"}),
        ("total sales last year", "top_products", {"year": "last"}),
        ("what was revenue last quarter", "top_products", {"quarter": "last"}),
        ("how much will we sell next month", "forecast_demand", {"horizon_days": 30}),
        ("top customers by revenue in 1997", "top_customers", {"year": "1997", "by": "revenue"}),
    ],
)  # fmt: skip
def test_past_sales_totals_go_to_top_products_and_what_is_ahead_to_the_forecast(
    minilm_router: Router, text: str, tool: str, args: dict[str, object]
) -> None:
    route = minilm_router.route(text, Memory(), "operator")
    assert (route.kind, route.tool, route.args) == ("tool", tool, args)
