"""A few words asked of the sentiment summary ("what's the sentiment of earl grey reviews")
are its `about`: the reviews that mention them. "what's the sentiment of earl grey reviews"
summed every review with no note, and "sentiment of reviews about earl grey" was unclear. A
category asked is no topic of its own, a search keeps its query, and a long phrase keeps the
note that points to the search."""

import pytest

from assistant.routing import Memory, Router


@pytest.mark.parametrize(
    ("text", "args"),
    [
        ("what's the sentiment of earl grey reviews", {"about": "earl grey"}),
        ("sentiment of reviews about earl grey", {"about": "earl grey"}),
        ("what's the sentiment of chai reviews", {"about": "chai"}),
        ("how do customers feel about the packaging", {"about": "packaging"}),
        ("who reviewed earl grey negatively", {"about": "earl grey"}),
        # the summary's question of reviews a search's word describes (was the search)
        ("what's the tone of reviews mentioning delivery", {"about": "delivery"}),
        ("sentiment of reviews that mention shipping", {"about": "shipping"}),
    ],
)
def test_a_few_words_are_the_reviews_that_mention_them(
    known_router: Router, text: str, args: dict[str, object]
) -> None:
    route = known_router.route(text, Memory(), "operator")
    assert (route.kind, route.tool, route.args, route.reason) == (
        "tool", "review_sentiment", args, ""
    )  # fmt: skip


@pytest.mark.parametrize(
    ("text", "tool", "args"),
    [
        ("complaints about coffee", "review_sentiment", {"category": "Coffee"}),
        ("find reviews about earl grey", "search_reviews", {"query": "earl grey"}),
        ("reviews mentioning shipping", "search_reviews", {"query": "shipping"}),
        (
            "show me the sentiment of reviews about packaging",
            "search_reviews",
            {"query": "packaging"},
        ),
    ],
)
def test_categories_and_searches_are_no_mentions(
    known_router: Router, text: str, tool: str, args: dict[str, object]
) -> None:
    route = known_router.route(text, Memory(), "operator")
    assert (route.tool, route.args) == (tool, args)
