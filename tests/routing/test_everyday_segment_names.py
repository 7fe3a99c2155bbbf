"""An everyday word that is a segment's name ("new", "lost") joined to another segment's name
is a segment ("champions and new"), but not where it says something of what is sold ("champions
and new arrivals": new products), so no note says the segment "new" was left out."""

import pytest

from assistant.routing import Memory, Router
from assistant.routing.fuzzy import segment_matches
from predictors.segments import SEGMENT_NAMES


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("top products for champions and new arrivals", {"champions"}),
        ("champions and lost orders", {"champions"}),
        ("compare champions and new", {"champions", "new"}),
        ("champions, loyal and lost?", {"champions", "loyal", "lost"}),
        ("top products for champions and new customers", {"champions", "new"}),
    ],
)
def test_an_everyday_name_before_what_is_sold_is_no_segment(text: str, names: set[str]) -> None:
    assert {match.name for match in segment_matches(text, SEGMENT_NAMES)} == names


def test_no_note_leaves_out_a_segment_not_named(minilm_router: Router) -> None:
    route = minilm_router.route("top products for champions and new arrivals", Memory(), "operator")
    assert (route.tool, route.args, route.reason) == ("top_products", {"segment": "champions"}, "")
