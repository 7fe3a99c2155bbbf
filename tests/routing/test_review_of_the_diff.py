"""What a review of this session's routing found reading too much, each back to its earlier
route: a list of the top N% is no share, "by customer" is no average per customer, a span
with "both" stays one span, "from a year ago" compares nothing, a budget for retention is a
plan, "surgical" is no surge; and customers ranked in a category are customers."""

import pytest

from assistant.routing import Memory, Router
from assistant.routing.trends import trend


@pytest.mark.parametrize(
    ("text", "tool", "absent"),
    [
        ("who are the top 10% of customers by revenue", "top_customers", "figure"),
        ("revenue by customer in 1998", "top_customers", "figure"),
        ("sales of both tea and coffee from 1997 to 1998", "top_products", "compare_to"),
        ("what were sales from a year ago", "top_products", "compare_to"),
        ("how should i spend $5k on retention?", "plan_budget", "figure"),
        ("top customers in coffee", "top_customers", "figure"),
    ],
)
def test_read_as_before(known_router: Router, text: str, tool: str, absent: str) -> None:
    route = known_router.route(text, Memory(), "operator")
    assert route.tool == tool
    assert absent not in route.args


def test_customers_ranked_in_a_category(known_router: Router) -> None:
    route = known_router.route("top customers in pet food", Memory(), "operator")
    assert (route.tool, route.args) == ("top_customers", {"category": "Pet food"})


@pytest.mark.parametrize("text", ["which surgical products sold best", "shrink-wrap sales"])
def test_words_inside_words_are_no_movement(text: str) -> None:
    assert trend(text) is None
