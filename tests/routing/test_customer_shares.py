"""How many customers, or what share, asked of what they did: the figure (`lead` "share"),
told from the list ("who ordered only once?"); after a figure, "list those customers" is the
list.
And bounds asked with a risk go to the at-risk list, which takes them on what customers did
to date, with no note."""

import pytest

from assistant.routing import Memory, Router
from assistant.routing.shares import asks_list, asks_share


@pytest.mark.parametrize(
    "text",
    [
        "what percentage of customers ordered only once?",
        "what share of our customers spent over $100 in 1997?",
        "how many customers ordered more than 5 times?",
        "how many of our one-time buyers spent over $20?",
        "what % of buyers placed 3 orders or more",
        "the number of customers with 5 orders or more",
        "how many champions spent over $500",
        "how many of them spent over $50?",
    ],
)
def test_a_figure_of_customers_is_a_share(text: str) -> None:
    assert asks_share(text) and not asks_list(text)


@pytest.mark.parametrize(
    "text",
    [
        "who ordered only once?",
        "customers who spent over $100",
        "what share of revenue comes from customers who spent over $1,000?",
        "what share of revenue do customers bring",
        "how many orders did customers place",
        "how many segments have more than 100 customers",
        "how many units were bought",
    ],
)
def test_a_list_or_a_figure_of_something_else_is_no_share(text: str) -> None:
    assert not asks_share(text)


@pytest.mark.parametrize(
    ("text", "args"),
    [
        ("what percentage of customers ordered only once?", {"max_orders": 1, "lead": "share"}),
        ("what share of our customers spent over $100 in 1997?",
         {"min_revenue": 100.01, "year": "1997", "lead": "share"}),
        ("how many customers ordered more than 5 times?", {"min_orders": 6, "lead": "share"}),
        ("who ordered only once?", {"max_orders": 1}),
    ],
)  # fmt: skip
def test_shares_and_lists_of_customers_route(
    minilm_router: Router, text: str, args: dict[str, object]
) -> None:
    route = minilm_router.route(text, Memory(), "operator")
    assert (route.tool, route.args, route.reason) == ("top_customers", args, "")


def test_after_a_figure_who_they_are_is_the_list(minilm_router: Router) -> None:
    asked = {"max_orders": 1, "lead": "share"}
    rows = [{"customer_id": "18847", "rank": 1}, {"customer_id": "15238", "rank": 2}]
    memory = Memory().after("top_customers", asked, {"rows": rows})
    for text in ("list those customers", "and who ordered only once?"):
        route = minilm_router.route(text, memory, "operator")
        assert (route.tool, route.args) == ("top_customers", {"max_orders": 1, "lead": "list"})
    again = minilm_router.route("and in 1998?", memory, "operator")
    assert again.args == {**asked, "year": "1998"}


@pytest.mark.parametrize(
    ("text", "args"),
    [
        ("at-risk customers who spent under $50", {"max_revenue": 49.99}),
        ("at risk customers who spent over $500", {"min_revenue": 500.01}),
        ("which one-time buyers are most likely to churn", {"max_orders": 1, "by": "churn_risk"}),
    ],
)
def test_bounds_with_a_risk_go_to_the_at_risk_list(
    minilm_router: Router, text: str, args: dict[str, object]
) -> None:
    route = minilm_router.route(text, Memory(), "operator")
    assert (route.tool, route.args, route.reason) == ("at_risk_customers", args, "")
