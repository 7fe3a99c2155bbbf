""" "Which one ...?" after the segment list asks which segment, and that list answers it (the
largest, the riskiest, the most value at risk); it went to the at-risk customers."""

import pytest

from assistant.routing import Memory, Router

SEGMENTS = Memory().after("list_segments", {}, {})


@pytest.mark.parametrize(
    "message",
    ["which one has highest churn risk", "which of them holds the most value at risk?"],
)
def test_which_segment(minilm_router: Router, message: str) -> None:
    route = minilm_router.route(message, SEGMENTS, "operator")
    assert (route.tool, route.args) == ("list_segments", {})


def test_which_customers_is_still_the_at_risk_list(minilm_router: Router) -> None:
    route = minilm_router.route("which customers are at risk", SEGMENTS, "operator")
    assert route.tool == "at_risk_customers"
