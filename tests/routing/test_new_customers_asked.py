"""Customers new to the store in a period ("how many new customers in 1998", "first-time
buyers", "customers we acquired", "new vs returning") routed to store_metrics' figure
new_customers with the period (before: the RFM segment 'new' as of today, the sales totals, a
profile or the at-risk list); without a period, "new customers" is still the segment, and their
spend or a ranking of them stays with the tools that give those."""

import pytest

from assistant.routing import Memory, Router


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("how many new customers in 1998", {"year": "1998"}),
        ("new customers last month", {"month": "last"}),
        ("new customers in q1 1998", {"quarter": "1998-Q1"}),
        ("how many first-time buyers did we get in Q1 1998", {"quarter": "1998-Q1"}),
        ("how many customers did we acquire in 1997", {"year": "1997"}),
        ("new vs returning customers in 1998", {"year": "1998"}),
        ("how many customers ordered for the first time in march 1998", {"month": "1998-03"}),
        ("how many new customers in the last 90 days", {"days": 90}),
        ("how many new customers among champions in 1998",
         {"year": "1998", "segment": "champions"}),
    ],
)  # fmt: skip
def test_new_customers_of_a_period_are_store_metrics_figure(
    minilm_router: Router, text: str, period: dict[str, object]
) -> None:
    route = minilm_router.route(text, Memory(), "operator")
    assert (route.kind, route.tool) == ("tool", "store_metrics")
    assert route.args == {"figure": "new_customers", **period}


@pytest.mark.parametrize(
    ("text", "tool", "args"),
    [
        ("how many new customers do we have?", "list_segments", {}),
        ("show me the new segment", "segment_summary", {"segment": "new"}),
        ("new customers", "segment_summary", {"segment": "new"}),
        # The segment named as such: embedded, "new customers" reads the same without it.
        ("how many customers in the new segment in 1998", "segment_summary", {"segment": "new"}),
        ("top new customers in 1998", "top_customers", {"buyers": "new", "year": "1998"}),
        ("revenue from new customers last month", "top_products",
         {"segment": "new", "month": "last"}),
    ],
)  # fmt: skip
def test_new_customers_without_a_count_of_a_period_stay_where_they_were(
    minilm_router: Router, text: str, tool: str, args: dict[str, object]
) -> None:
    route = minilm_router.route(text, Memory(), "operator")
    assert (route.kind, route.tool, route.args) == ("tool", tool, args)


def test_a_follow_up_keeps_the_figure_and_changes_the_period(minilm_router: Router) -> None:
    asked = minilm_router.route("how many new customers in 1998", Memory(), "operator")
    memory = Memory().after("store_metrics", asked.args, {"figures": {}})
    then = minilm_router.route("and in 1997?", memory, "operator")
    assert (then.tool, then.args) == ("store_metrics", {"figure": "new_customers", "year": "1997"})


def test_new_customers_of_a_segment_are_no_second_segment(minilm_router: Router) -> None:
    route = minilm_router.route(
        "how many new customers among champions in 1998", Memory(), "operator"
    )
    assert route.args["segment"] == "champions" and "one segment only" not in route.reason
