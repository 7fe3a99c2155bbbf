"""The calendar's months, quarters or weeks ranked ("best month in 1997", "which quarter was
best", "sales by month", "orders per week in March"), and the weekdays ("which day of the week
has the most orders"): top_products per month, quarter, week or weekday. They got the year's
totals, the last 90 days, the top customers (by orders, for the days of the week) or "outside
what I do"."""

import pytest

from assistant.routing import Memory, Router
from assistant.routing.sales_words import per_unit


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("best month in 1997", "month"),
        ("which quarter was best", "quarter"),
        ("sales by month", "month"),
        ("monthly revenue", "month"),
        ("month over month revenue", "month"),
        ("best sellers this month", None),  # a period
        ("which products sold best last month", None),
        ("top 5 products per month", None),  # products, not months
        ("revenue this quarter so far", None),
        ("weekly sales", "week"),
        ("which week had the most orders", "week"),
        ("what sold best last week", None),
        ("top 5 products per week", None),
        ("how many orders in the week of march 2 1998", None),  # one week is a period
        ("which day of the week has the most orders", "weekday"),
        ("busiest weekday", "weekday"),
        ("customers who order every week", None),  # how often, not the weeks ranked
        ("which day had the most orders", "day"),
        ("daily sales last month", "day"),
        ("what sold best yesterday", None),  # a period
        ("revenue in the last day", None),
        ("what day of the week", "weekday"),
    ],
)
def test_a_unit_ranked(text: str, unit: str | None) -> None:
    assert per_unit(text) == unit


@pytest.mark.parametrize(
    ("message", "args"),
    [
        ("best month in 1997", {"year": "1997", "per": "month"}),
        (
            "which month had the highest revenue in 1998",
            {"year": "1998", "by": "revenue", "per": "month"},
        ),
        ("busiest quarter of 1997", {"year": "1997", "per": "quarter"}),
        ("what was our best month", {"per": "month"}),
        ("which day of the week has the most orders", {"by": "orders", "per": "weekday"}),
        ("sales by weekday in 1998", {"year": "1998", "per": "weekday"}),
        (
            "how many orders did we get per week in march 1998",
            {"month": "1998-03", "per": "week", "by": "orders"},
        ),
        ("which day had the most orders", {"by": "orders", "per": "day"}),
        (
            "how many orders per day in march 1998",
            {"month": "1998-03", "per": "day", "by": "orders"},
        ),
        (
            "number of buyers per week this quarter",
            {"since": "quarter_start", "by": "customers", "per": "week"},
        ),
    ],
)
def test_months_go_to_top_products(
    minilm_router: Router, message: str, args: dict[str, str]
) -> None:
    route = minilm_router.route(message, Memory(), "operator")
    assert (route.tool, route.args) == ("top_products", args)


def test_a_category_by_month(known_router: Router) -> None:
    route = known_router.route("coffee sales by month in 1998", Memory(), "operator")
    assert route.args == {"year": "1998", "per": "month", "category": "Coffee"}


def test_how_often_customers_buy_ranks_them_by_orders(known_router: Router) -> None:
    # was the weeks ranked: no list filters on how often, so the most orders first, said
    route = known_router.route("which customers buy every week", Memory(), "operator")
    assert (route.tool, route.args) == ("top_customers", {"by": "orders"})
    assert route.reason.startswith("Customers are not filtered by how often they order")


def test_the_quietest_is_the_bottom(known_router: Router) -> None:
    route = known_router.route("which weekdays are quietest", Memory(), "operator")
    assert (route.tool, route.args) == ("top_products", {"per": "weekday", "order": "least"})
