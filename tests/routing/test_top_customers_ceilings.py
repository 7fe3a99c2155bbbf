"""Routing ceilings on spend and orders ("customers who spent under $20", "fewer than 2
orders", "one-time buyers"), both ends at once ("between $100 and $500", "2 to 4 orders") and
products by name ("who bought the most earl grey") to top_customers, with budgets, category
words and the best sellers' questions left where they were."""

import pytest

from assistant.routing import Memory, Router, Vocabulary, extract
from assistant.routing.reading import Reader
from assistant.routing.thresholds import Bounds, bounds


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # Strict words step down: a cent for money, one for orders.
        ("customers who spent under $20", Bounds(max_revenue=19.99, currency="$")),
        ("who spent less than 20 dollars", Bounds(max_revenue=19.99, currency="$")),
        ("customers that purchased fewer than 2 times", Bounds(max_orders=1)),
        ("customers with fewer than 2 orders", Bounds(max_orders=1)),
        # Inclusive words do not.
        ("customers with at most 3 orders", Bounds(max_orders=3)),
        ("customers with no more than 3 orders", Bounds(max_orders=3)),
        ("max 3 orders", Bounds(max_orders=3)),
        ("customers with maximum 2 purchases", Bounds(max_orders=2)),
        ("shoppers with 3 or fewer orders", Bounds(max_orders=3)),
        ("buyers with $50 or less in purchases", Bounds(max_revenue=50.0, currency="$")),
        ("who spent up to 2k", Bounds(max_revenue=2000.0)),
        ("customers who ordered at most twice", Bounds(max_orders=2)),
        ("one-time buyers", Bounds(max_orders=1)),
        ("customers who ordered only once", Bounds(max_orders=1)),
        ("who bought under $30 worth of tea", Bounds(max_revenue=29.99, currency="$")),
        # Both ends.
        ("customers who spent between $100 and $500",
         Bounds(min_revenue=100.0, currency="$", max_revenue=500.0)),
        ("customers who spent $100-$500",
         Bounds(min_revenue=100.0, currency="$", max_revenue=500.0)),
        ("customers with 2 to 4 orders", Bounds(min_orders=2, max_orders=4)),
        ("between 2 and 4 purchases", Bounds(min_orders=2, max_orders=4)),
        ("customers with exactly 3 orders", Bounds(min_orders=3, max_orders=3)),
        ("who spent at least $100 but under $500",
         Bounds(min_revenue=100.0, currency="$", max_revenue=499.99)),
        # A count of times is no money, either side.
        ("customers who purchased more than 3 times", Bounds(min_orders=4)),
        # Not bounds: no money word or mark, our money, or a plan.
        ("customers under 50", Bounds()),
        ("spend up to $500 on at-risk customers", Bounds()),
        ("we can't spend more than $2000", Bounds()),
    ],
)  # fmt: skip
def test_ceilings_and_ranges_are_read_inclusive(text: str, found: Bounds) -> None:
    assert bounds(Reader(text)) == found


def test_a_ceiling_is_no_count_and_no_budget(vocabulary: Vocabulary) -> None:
    x = extract("top 10 one-time buyers who spent under $20", vocabulary)
    assert (x.count, x.amount, x.max_orders, x.max_revenue) == (10, None, 1, 19.99)


@pytest.mark.parametrize(
    ("text", "args"),
    [
        ("customers that purchased fewer than 2 times", {"max_orders": 1}),
        ("one-time buyers in 1997", {"max_orders": 1, "year": "1997"}),
        ("customers with at most 3 orders", {"max_orders": 3}),
        ("customers who spent under 20 dollars in 1998", {"max_revenue": 19.99, "year": "1998"}),
        ("customers who spent between $100 and $500",
         {"min_revenue": 100.0, "max_revenue": 500.0}),
        ("top 5 champions with 2 to 4 orders",
         {"limit": 5, "segment": "champions", "min_orders": 2, "max_orders": 4}),
    ],
)  # fmt: skip
def test_ceilings_go_to_top_customers_with_no_note(
    minilm_router: Router, text: str, args: dict[str, object]
) -> None:
    route = minilm_router.route(text, Memory(), "operator")
    assert (route.tool, route.args, route.reason) == ("top_customers", args, "")


def test_a_ceiling_that_cannot_be_applied_is_said(minilm_router: Router) -> None:
    euros = minilm_router.route("customers who spent under €20", Memory(), "operator")
    assert (euros.tool, euros.args) == ("top_customers", {})
    assert "the ceiling of €19.99 is not applied" in euros.reason
    # Asked with a risk, the at-risk list, which takes the ceiling on orders to date.
    risky = minilm_router.route("churn risk of one-time buyers", Memory(), "operator")
    assert (risky.tool, risky.args, risky.reason) == ("at_risk_customers", {"max_orders": 1}, "")


@pytest.mark.parametrize(
    ("text", "tool", "args"),
    [
        ("who bought the most earl grey", "top_customers", {"product_name": "earl grey"}),
        ("top buyers of jerky last year", "top_customers",
         {"product_name": "jerky", "year": "last"}),
        ("who spent the most on oolong in 1998", "top_customers",
         {"product_name": "oolong", "year": "1998"}),
        # Category words stay categories, ids stay ids, what sold stays the best sellers'.
        ("who bought the most tea", "top_customers", {"category": "Tea"}),
        ("top buyers of candy", "top_customers", {"category": "Candy & chocolate"}),
        ("who bought the most B000EYLDYE", "top_customers", {"product_id": "B000EYLDYE"}),
        ("what tea sold best", "top_products", {"category": "Tea"}),
        ("what sold best last year", "top_products", {"year": "last"}),
    ],
)  # fmt: skip
def test_a_product_named_as_what_customers_bought(
    known_router: Router, text: str, tool: str, args: dict[str, object]
) -> None:
    route = known_router.route(text, Memory(), "operator")
    assert (route.tool, route.args) == (tool, args)
