"""Customers ranked by their largest single order (top_customers `by` largest_order): "who
placed the biggest single order" ranked them by spend before. The average order stays a bound
(average_orders.py), and the most orders a count."""

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
    ],
)
def test_the_largest_order_ranks_customers(
    minilm_router: Router, text: str, args: dict[str, object]
) -> None:
    route = minilm_router.route(text, Memory(), "operator")
    assert (route.tool, route.args) == ("top_customers", args)


def test_an_average_order_is_no_largest_one(vocabulary: Vocabulary) -> None:
    assert extract("who has the highest average order", vocabulary).measure is None
    assert extract("customers with the biggest order count", vocabulary).measure != "largest_order"
