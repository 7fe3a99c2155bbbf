"""A count of what the store took in over a period gone by ("how many orders did we get in
february 1998", "order count in Q1 1998", "how many transactions in 1997") goes to
top_products with that period: its answer opens with the period's revenue, orders and
customers. They ranked customers, forecast the next days or were "outside what I do". A
count of one customer's orders, of customers within bounds, of a segment or ahead stays
where it was. Asking for a reminder or a scheduled task is refused with what Retain does
instead (alerts from fixed rules): it was "not sure what you're asking"."""

from typing import Any

import pytest

from assistant.routing import Memory, Router
from assistant.routing.rules import refusal
from assistant.routing.sales_words import counted


@pytest.mark.parametrize(
    ("text", "args"),
    [
        ("how many orders did we get in february 1998", {"month": "1998-02"}),
        ("how many orders in 1997", {"year": "1997"}),
        ("how many orders did we get", {}),
        ("number of orders last month", {"month": "last", "by": "orders"}),
        ("order count in Q1 1998", {"quarter": "1998-Q1", "by": "orders"}),
        ("how many transactions in 1997", {"year": "1997"}),
        ("total orders this year", {"since": "year_start"}),
        ("how many orders in the last 30 days", {"days": 30}),
        ("how many buyers in 1997", {"year": "1997"}),
    ],
)
def test_a_past_count_gets_the_periods_totals(
    minilm_router: Router, text: str, args: dict[str, Any]
) -> None:
    route = minilm_router.route(text, Memory(), "operator")
    assert (route.kind, route.tool, route.args) == ("tool", "top_products", args)


@pytest.mark.parametrize(
    ("text", "tool", "args"),
    [
        ("number of purchases last month", "top_products", {"month": "last"}),
        # the customers counted: store_metrics' overview opens with them
        ("how many customers bought in 1997", "store_metrics", {"year": "1997"}),
        ("how much revenue in march 1998", "top_products", {"month": "1998-03"}),
        ("how many orders will we get next month", "forecast_demand", {"horizon_days": 30}),
        # the profile opening with their orders, which it counts
        (
            "how many orders did customer 123 place",
            "customer_profile",
            {"customer_id": "00123", "about": "orders"},
        ),
        ("customers with more than 5 orders", "top_customers", {"min_orders": 6}),
        ("top 15 customers by order count", "top_customers", {"limit": 15, "by": "orders"}),
        ("how many customers are at risk", "at_risk_customers", {}),
        ("how many shoppers does the loyal segment have?", "list_segments", {}),
    ],
)
def test_other_counts_stay(
    minilm_router: Router, text: str, tool: str, args: dict[str, Any]
) -> None:
    route = minilm_router.route(text, Memory(), "operator")
    assert (route.tool, route.args) == (tool, args)


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        ("how many orders did we get", True),
        ("total number of purchases in 1998", True),
        ("transaction count last quarter", True),
        ("how many buyers did we have in 1997", True),
        ("products by number of orders", False),
        ("customers by order count", False),
        ("which products had the highest number of orders", False),
        ("how many shoppers does the loyal segment have?", False),
        ("how many buyers are in the champions segment", False),
    ],
)
def test_a_count_that_ranks_or_sizes_a_segment_is_no_count_asked(text: str, asked: bool) -> None:
    assert counted(text) is asked


@pytest.mark.parametrize(
    "text",
    [
        "remind me tomorrow to call the champions",
        "remind me to call customer 42",
        "remind us about the lost segment next week",
        "set a reminder for friday",
        "schedule a weekly report",
        "send me the at-risk list every monday",
    ],
)
def test_reminders_and_scheduled_tasks_are_refused(text: str) -> None:
    reason = refusal(text)
    assert reason is not None and reason.startswith("I can't set reminders or schedule tasks")


@pytest.mark.parametrize(
    "text",
    [
        "remind me what we sold in 1997",
        "remind me who customer 42 is",
        "what if we only send reminders?",
        "set reminders only for loyal, budget 2000",
        "create a reminder email for at-risk customers",
    ],
)
def test_questions_and_plain_reminders_are_not(text: str) -> None:
    assert refusal(text) is None


def test_the_router_refuses_a_reminder_with_what_it_does_instead(minilm_router: Router) -> None:
    route = minilm_router.route("remind me tomorrow to call the champions", Memory(), "operator")
    assert route.kind == "refuse" and "alerts, raised by fixed rules" in route.reason
