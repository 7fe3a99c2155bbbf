"""What customers spend per order, bounded ("customers whose average order is over $50",
"spending more than $30 per order"): top_customers' (and the at-risk list's)
min_average_order and max_average_order.
They were the top spenders unbounded, or a total spend bound the note said was left out;
a total stays a total, and a count per order is no money."""

import pytest

from assistant.routing import Memory, Router
from assistant.routing.average_orders import AverageOrders, read
from assistant.routing.reading import Reader


@pytest.mark.parametrize(
    ("text", "bounds"),
    [
        ("which customers have an average order over $50", AverageOrders(50.01, None)),
        ("customers whose average basket is above 100 dollars", AverageOrders(100.01, None)),
        ("customers with an aov of at least 40", AverageOrders(40.0, None)),
        ("average order value under 15", AverageOrders(None, 14.99)),
        ("customers spending more than $30 per order", AverageOrders(30.01, None)),
        ("customers spending more than 30 per order", AverageOrders(30.01, None)),
        ("who spent at most $20 an order", AverageOrders(None, 20.0)),
        ("customers with an aov between $20 and $40", AverageOrders(20.0, 40.0)),
        ("customers who spent over $1,000", AverageOrders()),  # a total
        ("customers with more than 3 items per order", AverageOrders()),  # no money
    ],
)
def test_what_is_read(text: str, bounds: AverageOrders) -> None:
    assert read(Reader(text)) == bounds


@pytest.mark.parametrize(
    ("text", "args"),
    [
        ("which customers have an average order over $50", {"min_average_order": 50.01}),
        ("who spent under $20 on average in 1998", {"max_average_order": 19.99, "year": "1998"}),
        (
            "customers with an aov between $20 and $40",
            {"min_average_order": 20.0, "max_average_order": 40.0},
        ),
    ],
)
def test_they_bound_the_top_customers(
    known_router: Router, text: str, args: dict[str, object]
) -> None:
    route = known_router.route(text, Memory(), "operator")
    assert (route.tool, route.args, route.reason) == ("top_customers", args, "")


def test_the_at_risk_list_takes_them_too(known_router: Router) -> None:
    # was the segment's summary, "average" read as one of its figures
    route = known_router.route(
        "at-risk customers with an average order over $50", Memory(), "operator"
    )
    assert (route.tool, route.args) == ("at_risk_customers", {"min_average_order": 50.01})


def test_an_answer_without_them_says_so(known_router: Router) -> None:
    route = known_router.route(
        "best sellers among customers with an average order over $50", Memory(), "operator"
    )
    assert route.tool == "top_products"
    assert route.reason.startswith("This answer cannot be limited by what customers spend per")
