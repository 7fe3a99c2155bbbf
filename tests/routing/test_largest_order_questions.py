"""Customers ranked by their largest single order (top_customers `by` largest_order) or by
their average order (`by` average_order): "who placed the biggest single order" and "who has
the highest average order" ranked them by spend before. An average order with an amount stays
a bound (average_orders.py), and the most orders a count."""

import pytest

from assistant.routing import Memory, Router, Vocabulary, extract


@pytest.mark.parametrize(
    ("text", "args"),
    [
        ("who placed the biggest single order", {"by": "largest_order"}),
        ("which customers had the largest orders in 1998", {"year": "1998", "by": "largest_order"}),
        ("who made the most expensive purchase", {"by": "largest_order"}),
        (
            "who had the biggest orders among champions",
            {"segment": "champions", "by": "largest_order"},
        ),
        ("which customers placed the most orders", {"by": "orders"}),
        ("who has the highest average order", {"by": "average_order"}),
        (
            "customers with the highest average order value in 1998",
            {"year": "1998", "by": "average_order"},
        ),
        ("which customers spend the most per order", {"by": "average_order"}),
        ("customers whose average order is over $50", {"min_average_order": 50.01}),
    ],
)
def test_the_largest_order_ranks_customers(
    minilm_router: Router, text: str, args: dict[str, object]
) -> None:
    route = minilm_router.route(text, Memory(), "operator")
    assert (route.tool, route.args) == ("top_customers", args)


def test_an_average_order_is_no_largest_one(vocabulary: Vocabulary) -> None:
    assert extract("who has the highest average order", vocabulary).measure == "average_order"
    assert extract("customers with the biggest order count", vocabulary).measure != "largest_order"
