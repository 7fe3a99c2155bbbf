"""Two periods joined by "than" with a comparative ("which customers spent less in 1998 than
1997") rank what changed between them: top_customers' (or top_products') `trend` with
`compare_to`. "than 1997" was read as a spend ceiling of $1,996.99, and "ordered less in 1998
than in 1997" as the sales totals. Joined by "than", the first period is the one asked
whichever is later; a bound ("more than $100 in 1997") stays a bound; customers ranked with
two periods but no change asked keep the period asked and say the other was left out."""

import pytest

from assistant.routing import Memory, Router


@pytest.mark.parametrize(
    ("text", "tool", "args"),
    [
        ("which customers spent less in 1998 than 1997", "top_customers",
         {"year": "1998", "compare_to": "1997", "trend": "falling"}),
        ("customers who ordered less in 1998 than in 1997", "top_customers",
         {"year": "1998", "compare_to": "1997", "trend": "falling", "by": "orders"}),
        ("who spent more in q2 1998 than in q1 1998", "top_customers",
         {"quarter": "1998-Q2", "compare_to": "1998-Q1", "trend": "rising"}),
        ("customers who spent more in 1997 than in 1998", "top_customers",
         {"year": "1997", "compare_to": "1998", "trend": "rising"}),
        ("who spent less on tea in 1998 than in 1997", "top_customers",
         {"year": "1998", "compare_to": "1997", "trend": "falling", "category": "Tea"}),
        ("which customers placed fewer orders in march 1998 than february 1998", "top_customers",
         {"month": "1998-03", "compare_to": "1998-02", "trend": "falling", "by": "orders"}),
        ("which products sold less in 1998 than 1997", "top_products",
         {"year": "1998", "compare_to": "1997", "trend": "falling"}),
    ],
)  # fmt: skip
def test_a_change_between_two_periods_is_a_trend_from_the_second(
    known_router: Router, text: str, tool: str, args: dict[str, object]
) -> None:
    route = known_router.route(text, Memory(), "operator")
    assert (route.kind, route.tool, route.args) == ("tool", tool, args)


@pytest.mark.parametrize(
    ("text", "tool", "args"),
    [
        ("customers who spent more than 100 in 1997", "top_customers",
         {"min_revenue": 100.01, "year": "1997"}),
        ("did we sell more in 1998 than in 1997", "top_products",
         {"year": "1998", "compare_to": "1997"}),
        ("which customers' orders fell the most", "top_customers",
         {"trend": "falling", "by": "orders"}),
    ],
)  # fmt: skip
def test_bounds_and_totals_are_no_customer_change(
    known_router: Router, text: str, tool: str, args: dict[str, object]
) -> None:
    route = known_router.route(text, Memory(), "operator")
    assert (route.kind, route.tool, route.args) == ("tool", tool, args)


def test_customers_ranked_beside_another_period_say_it_was_left_out(
    known_router: Router,
) -> None:
    route = known_router.route("top customers in 1998 vs 1997", Memory(), "operator")
    assert (route.tool, route.args) == ("top_customers", {"year": "1998"})
    assert route.reason.startswith("This answer is for the period asked alone, without 1997:")
