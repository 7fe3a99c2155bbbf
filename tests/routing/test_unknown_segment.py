"""A segment named that the store does not have ("summarize the VIP segment") goes to the tool
as written, which says there is no such segment and which there are, instead of a request to
name the segment the question named."""

import pytest

from assistant.routing import Memory, Router
from assistant.routing.segment_unknown import unknown_segment


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("summarize the vip segment", "vip"),
        ("summarise segment whales", "whales"),
        ("draft an offer for the gold tier segment", "gold tier"),
        ("summarize this segment", None),
        ("which segment has the highest churn", None),
        ("give me a segment summary", None),
        ("summarize the most valuable segment", None),
        ("the riskiest segment", None),
        ("tell me about the second segment", None),
        ("segment performance over time", None),
        ("the segment called gold", "gold"),
    ],
)
def test_the_segment_named_by_the_word_segment(text: str, name: str | None) -> None:
    assert unknown_segment(text) == name


def test_an_unknown_segment_reaches_the_tool(minilm_router: Router) -> None:
    route = minilm_router.route("summarize the VIP segment", Memory(), "operator")
    assert (route.tool, route.args, route.missing) == ("segment_summary", {"segment": "vip"}, ())


def test_a_known_segment_in_memory_still_answers_this_segment(minilm_router: Router) -> None:
    memory = Memory().after("segment_summary", {"segment": "champions"}, {"name": "champions"})
    route = minilm_router.route("summarize this segment", memory, "operator")
    assert route.args == {"segment": "champions"}
