"""A retention operator's store figures routed to store_metrics with the figure to open with
and the period (before: a profile, the top customers' share, the sales totals or a clarifying
question), the total value at risk to the at-risk list opening with it, and the neighbours
that stay where they were: the average order value alone (the sales totals open with it),
customers counted by their orders (top_customers' share) and two periods' sales compared."""

import pytest

from assistant.routing import Memory, Router
from assistant.routing.figures_asked import figure_asked


@pytest.mark.parametrize(
    ("text", "args"),
    [
        ("what's the average revenue per customer", {"figure": "revenue_per_customer"}),
        ("how many orders does a customer place on average", {"figure": "orders_per_customer"}),
        ("what is our repeat purchase rate", {"figure": "repeat_rate"}),
        ("what share of customers bought more than once", {"figure": "repeat_rate"}),
        ("percentage of customers who ordered again", {"figure": "repeat_rate"}),
        ("what share of customers bought again in 1998", {"figure": "repeat_rate", "year": "1998"}),
        ("what share of revenue comes from the top 10% of customers",
         {"figure": "top_share", "top_pct": 10}),
        ("what share of revenue comes from the top 20% of customers",
         {"figure": "top_share", "top_pct": 20}),
        ("how many customers bought in both 1997 and 1998",
         {"figure": "retention", "year": "1998", "compare_to": "1997"}),
        ("how many customers came back in 1998 after buying in 1997",
         {"figure": "retention", "year": "1998", "compare_to": "1997"}),
        ("average spend per customer in 1997", {"figure": "revenue_per_customer", "year": "1997"}),
        ("revenue per customer last year", {"figure": "revenue_per_customer", "year": "last"}),
        ("how many orders per customer did champions place in 1997",
         {"figure": "orders_per_customer", "segment": "champions", "year": "1997"}),
        # The customers of a period counted (was: a profile asking for a customer id).
        ("how many customers ordered in 1998?", {"year": "1998"}),
        ("number of customers who placed orders last month", {"month": "last"}),
        ("how many customers ordered", {}),
        ("how many customers ordered more than once in 1998",
         {"figure": "repeat_rate", "year": "1998"}),
        # The top's share of revenue without "of customers": theirs is the only one here.
        ("what percentage of revenue comes from the top 10%?",
         {"figure": "top_share", "top_pct": 10}),
        ("how concentrated is our revenue?", {"figure": "top_share"}),
        ("revenue concentration in 1998", {"figure": "top_share", "year": "1998"}),
        # The days from one order to the next (were the best sellers).
        ("what's the median time between orders", {"figure": "days_between_orders"}),
        ("how often do customers order", {"figure": "days_between_orders"}),
        ("how long do customers take to order again", {"figure": "days_between_orders"}),
        ("average days between purchases in 1998",
         {"figure": "days_between_orders", "year": "1998"}),
        # "per customer 1997" is the year, not customer 01997.
        ("compare revenue per customer 1997 vs 1998",
         {"figure": "revenue_per_customer", "year": "1998", "compare_to": "1997"}),
    ],
)  # fmt: skip
def test_store_figures_go_to_store_metrics_with_the_figure_asked(
    minilm_router: Router, text: str, args: dict[str, object]
) -> None:
    route = minilm_router.route(text, Memory(), "operator")
    assert (route.kind, route.tool, route.args) == ("tool", "store_metrics", args)


@pytest.mark.parametrize(
    "text",
    [
        "what is the total value at risk",
        "what's the total value at risk across all customers",
        "how much value is at risk overall",
    ],
)
def test_the_total_value_at_risk_opens_the_at_risk_list(minilm_router: Router, text: str) -> None:
    route = minilm_router.route(text, Memory(), "operator")
    assert (route.tool, route.args) == ("at_risk_customers", {"lead": "total"})


@pytest.mark.parametrize(
    ("text", "tool", "args"),
    [
        ("average order value in 1998", "top_products", {"year": "1998"}),
        ("what percentage of customers ordered only once?", "top_customers",
         {"max_orders": 1, "lead": "share"}),
        ("compare sales in 1997 with 1998", "top_products", {"year": "1998", "compare_to": "1997"}),
        ("how many customers are at risk", "at_risk_customers", {}),
        ("what percentage of revenue comes from loyal customers?", "segment_summary",
         {"segment": "loyal"}),
    ],
)  # fmt: skip
def test_neighbouring_questions_stay_with_their_tools(
    minilm_router: Router, text: str, tool: str, args: dict[str, object]
) -> None:
    route = minilm_router.route(text, Memory(), "marketer")
    assert (route.kind, route.tool, route.args) == ("tool", tool, args)


def test_support_is_told_who_may_ask_for_store_figures(minilm_router: Router) -> None:
    route = minilm_router.route("what is our repeat purchase rate", Memory(), "support")
    assert (route.kind, route.tool) == ("refuse", "store_metrics")
    assert route.reason == (
        "Support agents can't see the store's customer figures; ask an operator or a marketer."
    )


def test_a_follow_up_keeps_the_figure_and_changes_the_period_or_segment(
    minilm_router: Router,
) -> None:
    asked = minilm_router.route("what is our repeat purchase rate", Memory(), "operator")
    memory = Memory().after("store_metrics", asked.args, {"figures": {}})
    then = minilm_router.route("and in 1997?", memory, "operator")
    assert (then.tool, then.args) == ("store_metrics", {"figure": "repeat_rate", "year": "1997"})
    theirs = minilm_router.route("same for champions", memory, "operator")
    assert (theirs.tool, theirs.args) == (
        "store_metrics",
        {"figure": "repeat_rate", "segment": "champions"},
    )


def test_customers_of_a_category_counted_stay_with_its_sales(known_router: Router) -> None:
    route = known_router.route("how many customers bought tea in 1998", Memory(), "operator")
    assert (route.tool, route.args) == ("top_products", {"year": "1998", "category": "Tea"})


@pytest.mark.parametrize(
    "text",
    [
        "what share of revenue comes from the top 10% of our products",
        "how concentrated is our revenue across products",
    ],
)
def test_the_top_products_share_is_no_customers_share(text: str) -> None:
    assert figure_asked(text) is None
