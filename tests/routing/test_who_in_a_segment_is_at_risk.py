"""Who in a segment is at risk is the at-risk list of that segment, not the segment's summary;
the at-risk segment itself, and a segment described, keep their summary."""

import pytest

from assistant.routing import Memory, Router


@pytest.mark.parametrize(
    ("question", "segment"),
    [
        ("who is at risk in the loyal segment?", "loyal"),
        ("at risk customers in loyal", "loyal"),
        ("who among the champions might churn", "champions"),
    ],
)
def test_who_is_at_risk_in_a_segment_is_the_list(
    question: str, segment: str, minilm_router: Router
) -> None:
    route = minilm_router.route(question, Memory(), "operator")
    assert (route.tool, route.args) == ("at_risk_customers", {"segment": segment})


@pytest.mark.parametrize(
    ("question", "segment"),
    [
        ("what's special about the at-risk segment?", "at risk"),
        ("who is in the at risk segment", "at risk"),
        ("describe the loyal segment", "loyal"),
    ],
)
def test_a_segment_described_keeps_its_summary(
    question: str, segment: str, minilm_router: Router
) -> None:
    route = minilm_router.route(question, Memory(), "operator")
    assert (route.tool, route.args) == ("segment_summary", {"segment": segment})
