"""What a user review (R23) found misrouted: store totals over all history ("how many orders
total" gave the last 90 days), retention asked by name ("what's our retention rate" asked for
a budget), the top customers' share in short ("top 5% share of revenue"), a segment's value at
risk, the one best customer, a customer's figure by id, a category "doing", "custs", "find" a
customer by name, and follow-ups that changed the wrong argument or lost their subject."""

import pytest

from assistant.routing import Memory, Router

PRODUCTS = {"rows": [{"product_id": "B00A"}, {"product_id": "B00B"}]}


@pytest.mark.parametrize(
    ("text", "tool", "args"),
    [
        ("how many orders total", "store_metrics", {}),
        ("whats our total revenue all time", "store_metrics", {}),
        ("how many orders in total in 1998", "top_products", {"year": "1998"}),
        ("what is the total value at risk", "at_risk_customers", {"lead": "total"}),
        (
            "whats the retention rate",
            "store_metrics",
            {"since": "year_start", "compare_to": "year before", "figure": "retention"},
        ),
        (
            "retention in 1998",
            "store_metrics",
            {"year": "1998", "compare_to": "year before", "figure": "retention"},
        ),
        ("plan a retention budget of 5k", "plan_budget", {"budget": 5000.0}),
        # a plan's number written alone is its budget, as it is after a plan
        ("plan a winback for 5000", "plan_budget", {"budget": 5000.0}),
        ("i have 5000 for win-back, plan it", "plan_budget", {"budget": 5000.0}),
        (
            "how many customers came back in 1998",
            "store_metrics",
            {"year": "1998", "compare_to": "year before", "figure": "retention"},
        ),
        (
            "what share of customers ordered again in 1998",
            "store_metrics",
            {"year": "1998", "figure": "repeat_rate"},
        ),
        ("top 5% share of revenue", "store_metrics", {"figure": "top_share", "top_pct": 5}),
        ("value at risk in loyal", "at_risk_customers", {"segment": "loyal", "lead": "total"}),
        (
            "what is the value at risk in the lost segment?",
            "at_risk_customers",
            {"segment": "lost", "lead": "total"},
        ),
        ("whos our best customer", "top_customers", {}),
        (
            "value at risk for customer 00042",
            "customer_profile",
            {"customer_id": "00042", "about": "value"},
        ),
        ("how is candy doing", "top_products", {"category": "Candy & chocolate"}),
        (
            "plan 5k for at-risk custs max 15 pct",
            "plan_budget",
            {"segment": "at risk", "budget": 5000.0, "max_discount_pct": 15.0},
        ),
    ],
)
def test_asked_alone(known_router: Router, text: str, tool: str, args: dict[str, object]) -> None:
    route = known_router.route(text, Memory(), "operator")
    assert (route.tool, route.args) == (tool, args)


def test_a_retention_offer_is_no_retention_figure(known_router: Router) -> None:
    route = known_router.route("retention offer for champions", Memory(), "marketer")
    assert route.tool == "draft_offer"


def test_find_and_a_known_name_is_that_customer(known_router: Router) -> None:
    route = known_router.route("find Ada Lovelace", Memory(), "support")
    assert (route.tool, route.args) == ("customer_profile", {"customer_id": "Ada Lovelace"})


def test_the_other_direction_of_a_trend_keeps_the_ranking(known_router: Router) -> None:
    asked = {"since": "year_start", "trend": "rising", "per": "category"}
    memory = Memory().after("top_products", asked, PRODUCTS)
    route = known_router.route("and declining?", memory, "operator")
    assert (route.tool, route.args) == ("top_products", {**asked, "trend": "falling"})


def test_rank_them_by_spend_ranks_by_revenue(known_router: Router) -> None:
    rows = {"rows": [{"customer_id": "00011"}, {"customer_id": "00012"}]}
    memory = Memory().after("top_customers", {"year": "1998", "by": "orders"}, rows)
    route = known_router.route("rank them by spend", memory, "operator")
    assert (route.tool, route.args) == ("top_customers", {"year": "1998", "by": "revenue"})


def test_a_product_of_the_list_and_its_reviews(known_router: Router) -> None:
    memory = Memory().after("top_products", {}, PRODUCTS)
    route = known_router.route("tell me about the second one", memory, "operator")
    assert (route.tool, route.args) == ("review_sentiment", {"product_id": "B00B"})
    memory = memory.after("review_sentiment", route.args, {})
    route = known_router.route("any reviews?", memory, "operator")
    assert (route.tool, route.args) == ("search_reviews", {"product_id": "B00B"})
