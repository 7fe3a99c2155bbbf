"""Segments compared ("compare champions and loyal", "champions vs loyal") go to the segment
list, which gives every segment's size, churn risk and value at risk side by side; one
segment named is still its summary. An everyday name ("loyal") beside another segment's name
is a segment, as it is beside a group word."""

import pytest

from assistant.routing import Memory, Router, Vocabulary
from assistant.routing.delexicalise import delexicalise
from assistant.routing.extract import extract


@pytest.mark.parametrize(
    ("text", "segments", "embedded"),
    [
        ("compare champions and loyal", ("champions", "loyal"), "compare segments"),
        ("champions vs loyal", ("champions", "loyal"), "segments"),
        ("champs vs. loyal?", ("champions", "loyal"), "segments?"),
        ("how do the loyal and champions segments differ", ("champions", "loyal"),
         "how do the  segments differ"),
        ("champions, loyal and lost", ("champions", "loyal", "lost"), "segments"),
    ],
)  # fmt: skip
def test_segments_named_together_are_read_and_embedded_as_segments(
    vocabulary: Vocabulary, text: str, segments: tuple[str, ...], embedded: str
) -> None:
    x = extract(text, vocabulary)
    assert x.segments == segments
    assert delexicalise(text, x) == embedded


@pytest.mark.parametrize("text", ["what's new and improved", "loyal and true", "lost and found"])
def test_an_everyday_word_beside_no_segment_is_still_no_segment(
    vocabulary: Vocabulary, text: str
) -> None:
    assert extract(text, vocabulary).segments == ()


@pytest.mark.parametrize(
    "text",
    [
        "compare champions and loyal",
        "champions vs loyal",
        "how do the loyal and champions segments differ",
    ],
)
def test_segments_compared_go_to_the_segment_list(minilm_router: Router, text: str) -> None:
    route = minilm_router.route(text, Memory(), "marketer")
    assert (route.kind, route.tool) == ("tool", "list_segments")


def test_one_segment_summarised_is_still_its_summary(minilm_router: Router) -> None:
    route = minilm_router.route("summarise the champions segment", Memory(), "marketer")
    assert (route.tool, route.args) == ("segment_summary", {"segment": "champions"})
