"""The time to a second order is store_metrics' days_to_second_order ("what's the average time
to second order" went to the best sellers): the period's new customers, how many came back
and when. "New customers" there are the period's, not the RFM segment 'new'; the time between
any two orders stays its own figure."""

import pytest

from assistant.routing import Memory, Router

SECOND = {"figure": "days_to_second_order"}


@pytest.mark.parametrize(
    ("text", "args"),
    [
        ("what's the average time to second order", SECOND),
        ("what is our second purchase rate", SECOND),
        ("time from first purchase to second", SECOND),
        ("how long until customers buy a second time", SECOND),
        ("how long does it take new customers to place a second order", SECOND),
        (
            "how long does it take new customers in 1997 to order a second time",
            {"year": "1997", **SECOND},
        ),
        ("what's the median time between orders", {"figure": "days_between_orders"}),
    ],
)
def test_the_second_order_is_its_own_figure(
    minilm_router: Router, text: str, args: dict[str, object]
) -> None:
    route = minilm_router.route(text, Memory(), "operator")
    assert (route.tool, route.args) == ("store_metrics", args)
