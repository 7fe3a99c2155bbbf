"""The last answer's period pointed back to from another tool's question ("how many customers
in that period?" after "sales in March 1998") is that period, for a tool that takes one; a
message naming its own period keeps it, and a tool without periods gets none."""

import pytest

from assistant.routing import Memory, Router, Vocabulary, extract
from assistant.routing.period_carried import with_last_period

MARCH = {"month": "1998-03"}
ROWS = [{"customer_id": "18847", "rank": 1}]


def after_sales() -> Memory:
    return Memory().after("top_products", MARCH, {"rows": []})


@pytest.mark.parametrize(
    ("text", "tool", "args"),
    [
        ("how many customers in that period?", "top_products", MARCH),
        ("how many new customers then?", "store_metrics", {**MARCH, "figure": "new_customers"}),
        ("and the top customers in that period?", "top_customers", MARCH),
    ],
)
def test_another_tool_asked_of_that_period_gets_it(
    minilm_router: Router, text: str, tool: str, args: dict[str, object]
) -> None:
    route = minilm_router.route(text, after_sales(), "operator")
    assert (route.tool, route.args) == (tool, args)


def test_a_tool_without_periods_gets_none(minilm_router: Router) -> None:
    route = minilm_router.route("which customers are at risk then?", after_sales(), "operator")
    assert (route.tool, route.args, route.reason) == ("at_risk_customers", {}, "")


def test_only_when_pointed_back_and_no_period_is_named(vocabulary: Vocabulary) -> None:
    def carried(text: str) -> tuple[object, object]:
        x = with_last_period(extract(text, vocabulary), text, after_sales())
        return x.month, x.year

    assert carried("how many customers in that period?") == ("1998-03", None)
    assert carried("how many customers in 1997 then?") == (None, "1997")  # its own
    assert carried("how many customers do we have?") == (None, None)  # not pointed back
    fresh = with_last_period(extract("what about then?", vocabulary), "what about then?", Memory())
    assert fresh.month is None  # nothing asked before
