"""How a category's reviews lean, asked as a degree ("how positive are reviews about coffee",
"how good are the reviews for tea"), is its sentiment summary: the first was a search for
positive reviews, whose answer lists some and says nothing of the share. Asked for the reviews
themselves ("find positive reviews about coffee"), it stays a search."""

import pytest

from assistant.routing import Memory, Router


@pytest.mark.parametrize(
    ("text", "tool", "args"),
    [
        ("how positive are reviews about coffee", "review_sentiment", {"category": "Coffee"}),
        ("how good are the reviews for tea", "review_sentiment", {"category": "Tea"}),
        ("how negative are the reviews of tea", "review_sentiment", {"category": "Tea"}),
        (
            "find positive reviews about coffee",
            "search_reviews",
            {"category": "Coffee", "sentiment": "positive", "query": "coffee"},
        ),
        ("how positive are reviews mentioning delivery", "review_sentiment", {"about": "delivery"}),
    ],
)
def test_a_degree_asked_of_reviews_is_their_summary(
    known_router: Router, text: str, tool: str, args: dict[str, object]
) -> None:
    route = known_router.route(text, Memory(), "operator")
    assert (route.tool, route.args) == (tool, args)
