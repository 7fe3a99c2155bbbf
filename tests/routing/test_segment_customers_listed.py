"""A segment's customers asked for as a list ("list customers in the champions segment", "list
hibernating customers") are the at-risk list of that segment, which ranks them; they got the
list of every segment. A segment shown with no customer anywhere ("show me lost customers")
is its summary, never a profile with nobody to show. Customers bounded by what they did and
by how long they have not ordered are the at-risk list, the one that takes both."""

import pytest

from assistant.routing import Memory, Router


@pytest.mark.parametrize(
    ("text", "segment"),
    [
        ("list customers in the champions segment", "champions"),
        ("list hibernating customers", "hibernating"),
        ("list the champions", "champions"),
    ],
)
def test_a_segments_customers_listed(minilm_router: Router, text: str, segment: str) -> None:
    route = minilm_router.route(text, Memory(), "operator")
    assert (route.tool, route.args) == ("at_risk_customers", {"segment": segment})


@pytest.mark.parametrize(
    ("text", "segment"),
    [("show me lost customers", "lost"), ("show me hibernating customers", "hibernating"),
     ("show me our champions", "champions")],
)  # fmt: skip
def test_a_segment_shown_is_its_summary(minilm_router: Router, text: str, segment: str) -> None:
    route = minilm_router.route(text, Memory(), "operator")
    assert (route.tool, route.args) == ("segment_summary", {"segment": segment})


def test_every_segment_is_still_the_segment_list(minilm_router: Router) -> None:
    for text in ("list segments", "list all segments", "show me the customer segments"):
        assert minilm_router.route(text, Memory(), "operator").tool == "list_segments"


@pytest.mark.parametrize(
    ("text", "args"),
    [
        ("show me customers who spent more than $500 but haven't ordered in 6 months",
         {"min_revenue": 500.01, "quiet_days": 180}),
        ("customers with more than 5 orders who haven't ordered in 90 days",
         {"min_orders": 6, "quiet_days": 90}),
    ],
)  # fmt: skip
def test_bounds_and_a_lapse_are_the_at_risk_lists(
    minilm_router: Router, text: str, args: dict[str, object]
) -> None:
    route = minilm_router.route(text, Memory(), "operator")
    assert (route.tool, route.args, route.reason) == ("at_risk_customers", args, "")
