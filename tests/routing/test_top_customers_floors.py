"""Routing floors on spend and orders ("customers who spent over $1,000", "5 orders or more")
and rankings of what customers bought of one category ("who bought the most tea") to
top_customers, with the best sellers' questions left to top_products."""

import pytest

from assistant.routing import Memory, Router, Vocabulary, extract
from assistant.routing.reading import Reader
from assistant.routing.thresholds import Bounds, bounds


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("customers who spent over $1000", Bounds(1000.01, None, "$")),
        ("who spent at least $500 last year", Bounds(500.0, None, "$")),
        ("who spent $1,000 or more", Bounds(1000.0, None, "$")),
        ("spending of more than 2.5k", Bounds(2500.01, None, None)),
        ("with over $2k in purchases", Bounds(2000.01, None, "$")),
        ("customers over €1,000", Bounds(1000.01, None, "€")),
        ("customers with more than 10 orders", Bounds(None, 11, None)),
        ("customers with 5 orders or more", Bounds(None, 5, None)),
        ("customers with 5+ orders", Bounds(None, 5, None)),
        ("at least three orders", Bounds(None, 3, None)),
        ("who ordered more than 3 times", Bounds(None, 4, None)),
        ("spent over $100 with at least 2 orders", Bounds(100.01, 2, "$")),
        # Money bought of something, marked as money: "bought" is then a spend word.
        ("who bought over $100 worth of coffee", Bounds(100.01, None, "$")),
        ("customers who ordered $50 or more of tea", Bounds(50.0, None, "$")),
        # A count said plainly is both ends: exactly 10 (ceilings.exact_orders).
        ("customers with 10 orders", Bounds(None, 10, None, None, 10)),
        # No comparison, or money not said to be money: no floor.
        ("customers over 1000", Bounds()),
        ("who spent $1000 last year", Bounds()),
        ("spend $5k on the top 100 customers", Bounds()),
        ("who bought more than 5 of the mugs", Bounds()),  # mugs, not money
    ],
)
def test_floors_are_read_inclusive_and_strict_words_step_up(text: str, found: Bounds) -> None:
    assert bounds(Reader(text)) == found


def test_a_floor_is_no_budget_and_no_count(vocabulary: Vocabulary) -> None:
    x = extract("top 10 customers who spent over $1,000 with more than 4 orders", vocabulary)
    assert (x.amount, x.count, x.min_revenue, x.min_orders) == (None, 10, 1000.01, 5)


@pytest.mark.parametrize(
    ("text", "args"),
    [
        ("customers who spent over $1000", {"min_revenue": 1000.01}),
        ("customers with more than 10 orders", {"min_orders": 11}),
        ("who spent at least $500 last year", {"min_revenue": 500.0, "year": "last"}),
        ("customers with 5 orders or more", {"min_orders": 5}),
        ("top 10 champions with at least 3 orders in 1998",
         {"limit": 10, "segment": "champions", "min_orders": 3, "year": "1998"}),
    ],
)  # fmt: skip
def test_floors_go_to_top_customers(
    minilm_router: Router, text: str, args: dict[str, object]
) -> None:
    route = minilm_router.route(text, Memory(), "operator")
    assert (route.tool, route.args, route.reason) == ("top_customers", args, "")


def test_a_floor_that_cannot_be_applied_is_said(minilm_router: Router) -> None:
    euros = minilm_router.route("customers who spent over €1000", Memory(), "operator")
    assert (euros.tool, euros.args) == ("top_customers", {})
    assert "the floor of €1,000.01 is not applied" in euros.reason
    risky = minilm_router.route(
        "churn risk of customers with more than 3 orders", Memory(), "operator"
    )
    assert (risky.tool, risky.args, risky.reason) == ("at_risk_customers", {"min_orders": 4}, "")


@pytest.mark.parametrize(
    ("text", "tool", "args"),
    [
        ("who bought the most tea", "top_customers", {"category": "Tea"}),
        ("top customers for Coffee", "top_customers", {"category": "Coffee"}),
        ("who spent the most on snacks", "top_customers", {"category": "Snacks"}),
        ("who bought over $100 worth of coffee", "top_customers", {"min_revenue": 100.01,
                                                                   "category": "Coffee"}),
        ("top customers for coffee by units", "top_customers", {"category": "Coffee",
                                                                "by": "units"}),
        # Not a category of the demo's: a product's name to the tool, which names the
        # categories it has when no product is so named.
        ("biggest buyers of dog food last year", "top_customers", {"product_name": "dog food",
                                                                   "year": "last"}),
        ("who bought the most B000EYLDYE", "top_customers", {"product_id": "B000EYLDYE"}),
        # What sold is the best sellers'.
        ("what tea sold best", "top_products", {"category": "Tea"}),
        ("top tea products", "top_products", {"category": "Tea"}),
        ("who bought the most from us last year", "top_customers", {"year": "last"}),
    ],
)  # fmt: skip
def test_what_customers_bought_of_a_category(
    known_router: Router, text: str, tool: str, args: dict[str, object]
) -> None:
    route = known_router.route(text, Memory(), "operator")
    assert (route.tool, route.args) == (tool, args)
