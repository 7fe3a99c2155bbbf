"""Follow-ups that narrow the last call with "only" or "just" ("and only for the at risk
segment" after a budget plan): the last tool again with the narrower argument, not a new ask
(the real router read it as a segment summary)."""

import pytest

from assistant.routing import Memory, Router
from assistant.routing.followup import is_bare
from tests.routing.chain import last_route

BUDGET = Memory().after("plan_budget", {"budget": 2000.0}, {})
FORECAST = Memory().after("forecast_demand", {"horizon_days": 90}, {})


@pytest.mark.parametrize("remainder", ["and only for the segment", "and just the ones", "only"])
def test_only_and_just_are_no_new_ask(remainder: str) -> None:
    assert is_bare(remainder)


def test_only_once_is_still_an_ask() -> None:
    assert not is_bare("and only once")


@pytest.mark.parametrize(
    ("message", "memory", "expected"),
    [
        (
            "and only for the at risk segment",
            BUDGET,
            ("plan_budget", {"budget": 2000.0, "segment": "at risk"}),
        ),
        (
            "and just the champions",
            BUDGET,
            ("plan_budget", {"budget": 2000.0, "segment": "champions"}),
        ),
        (
            "and only for champions",
            FORECAST,
            ("forecast_demand", {"horizon_days": 90, "segment": "champions"}),
        ),
    ],
)
def test_the_last_call_narrowed(
    minilm_router: Router, message: str, memory: Memory, expected: tuple[str, dict[str, object]]
) -> None:
    route = minilm_router.route(message, memory, "operator")
    assert (route.kind, route.tool, route.args) == ("tool", *expected)


@pytest.mark.parametrize(
    ("chain", "expected"),
    [
        (
            [
                "plan offers with a budget of $2000",
                "only for the at risk segment",
                "just 10% max discount",
            ],
            {"budget": 2000.0, "segment": "at risk", "max_discount_pct": 10.0},
        ),
        (
            [
                "who hasnt ordered since 01/03/1998",
                "only champions",
                "just the ones who spent over $1000",
            ],
            {"no_order_since": "1998-01-03", "segment": "champions", "min_revenue": 1000.01},
        ),
    ],
)
def test_narrowing_twice_keeps_the_first(
    minilm_router: Router, chain: list[str], expected: dict[str, object]
) -> None:
    route = last_route(minilm_router, chain)
    assert route.args == expected
