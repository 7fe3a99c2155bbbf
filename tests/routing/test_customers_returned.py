"""Customers who ordered in two periods, or came back in one ("customers who ordered in march
and in april", "which customers came back in 1998"): top_customers' trend returned, the later
period asked and the earlier compare_to. "customers who ordered in march and in april" read
"and" as a product's name; "which customers came back in 1998" gave the retention figure,
which stays the answer when they are counted."""

import pytest

from assistant.routing import Memory, Router


@pytest.mark.parametrize(
    ("text", "args"),
    [
        (
            "customers who ordered in march and in april",
            {"month": "04", "compare_to": "03", "trend": "returned"},
        ),
        (
            "which customers ordered in both 1997 and 1998",
            {"year": "1998", "compare_to": "1997", "trend": "returned"},
        ),
        (
            "customers who bought tea in 1997 and again in 1998",
            {"year": "1998", "compare_to": "1997", "trend": "returned", "category": "Tea"},
        ),
        (
            "who came back in 1998 after buying in 1997",
            {"year": "1998", "compare_to": "1997", "trend": "returned"},
        ),
        ("which customers came back in 1998", {"year": "1998", "trend": "returned"}),
        ("list the customers who ordered again in 1998", {"year": "1998", "trend": "returned"}),
    ],
)
def test_who_bought_in_both_is_listed(
    known_router: Router, text: str, args: dict[str, object]
) -> None:
    route = known_router.route(text, Memory(), "operator")
    assert (route.tool, route.args) == ("top_customers", args)


@pytest.mark.parametrize(
    ("text", "args"),
    [
        (
            "how many customers bought in both 1997 and 1998",
            {"year": "1998", "compare_to": "1997", "figure": "retention"},
        ),
        (
            "how many customers ordered in march and in april",
            {"month": "04", "compare_to": "03", "figure": "retention"},
        ),
        (
            "how many customers came back in 1998",
            {"year": "1998", "compare_to": "year before", "figure": "retention"},
        ),
    ],
)
def test_counted_they_are_the_retention_figure(
    known_router: Router, text: str, args: dict[str, object]
) -> None:
    route = known_router.route(text, Memory(), "operator")
    assert (route.tool, route.args) == ("store_metrics", args)


def test_who_did_not_come_back_is_still_stopped(known_router: Router) -> None:
    route = known_router.route(
        "customers who ordered in 1997 but not in 1998", Memory(), "operator"
    )
    assert route.args == {"year": "1998", "compare_to": "1997", "trend": "stopped"}


def test_what_was_bought_in_two_periods_stays_one_span(known_router: Router) -> None:
    route = known_router.route("what did champions buy in 1997 and 1998", Memory(), "operator")
    assert (route.tool, route.args) == (
        "top_products", {"segment": "champions", "since": "1997-01-01", "until": "1998-12"}
    )  # fmt: skip


@pytest.mark.parametrize(
    ("text", "tool", "args"),
    [
        # came back, with no second period: against every day before the last days
        ("who are the customers that came back", "top_customers", {"trend": "returned"}),
        (
            "customers who ordered again last month",  # was a profile asking for an id
            "top_customers",
            {"month": "last", "trend": "returned"},
        ),
        # did not come back: who stopped (were the retention figure)
        ("customers who never came back", "top_customers", {"trend": "stopped"}),
        (
            "which customers didn't come back in 1998",
            "top_customers",
            {"year": "1998", "trend": "stopped"},
        ),
        # a lapse, as "haven't ordered since march" is
        (
            "customers who haven't come back since march",
            "at_risk_customers",
            {"no_order_since": "04-01"},
        ),
        ("how many customers bought again", "store_metrics", {"figure": "repeat_rate"}),
    ],
)
def test_came_back_or_not(
    known_router: Router, text: str, tool: str, args: dict[str, object]
) -> None:
    route = known_router.route(text, Memory(), "operator")
    assert (route.tool, route.args) == (tool, args)
