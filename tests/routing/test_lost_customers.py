"""Customers lost in a period gone by are those who ordered in the same span just before it and
not in it (top_customers' trend stopped against the unit before): "how many customers did we
lose last quarter" was the at-risk list with a note that it could not take the quarter.
Without a period, losing customers stays the at-risk list."""

import pytest

from assistant.routing import Memory, Router
from assistant.routing.lost_customers import against

STOPPED = {"trend": "stopped"}


@pytest.mark.parametrize(
    ("text", "args"),
    [
        (
            "how many customers did we lose last quarter",
            {"quarter": "last", **STOPPED, "compare_to": "quarter before"},
        ),
        (
            "which customers did we lose in 1998",
            {"year": "1998", **STOPPED, "compare_to": "year before"},
        ),
        (
            "customers we lost last month",
            {"month": "last", **STOPPED, "compare_to": "month before"},
        ),
        (
            "how many customers have we lost in the last 90 days",
            {"days": 90, **STOPPED, "compare_to": "before"},
        ),
        (
            "churned customers last quarter",
            {"quarter": "last", **STOPPED, "compare_to": "quarter before"},
        ),
    ],
)
def test_a_periods_lost_customers_stopped_after_the_span_before(
    minilm_router: Router, text: str, args: dict[str, object]
) -> None:
    route = minilm_router.route(text, Memory(), "operator")
    assert (route.tool, route.args, route.reason) == ("top_customers", args, "")


@pytest.mark.parametrize(
    "text", ["who have we lost", "customers we are about to lose", "which customers are we losing"]
)
def test_without_a_period_losing_customers_is_the_at_risk_list(
    minilm_router: Router, text: str
) -> None:
    assert minilm_router.route(text, Memory(), "operator").tool == "at_risk_customers"


def test_the_span_before_is_the_same_unit() -> None:
    assert against({"year": "1998"}) == "year before"
    assert against({"quarter": "last"}) == "quarter before"
    assert against({"since": "1998-03-01"}) == "before"
