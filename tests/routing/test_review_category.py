"""Reviews asked of a product category the store has ("what do people think of the tea", "what
do people complain about in coffee") are that category's: the router passes the category to
review_sentiment and search_reviews, which take one, rather than summing up the whole store
with no word that the category was dropped."""

import pytest

from assistant.routing import Memory, Router


@pytest.mark.parametrize(
    ("question", "tool"),
    [
        ("what do people think of the tea", "review_sentiment"),
        ("waht do ppl think of the tea, good or bad", "review_sentiment"),
        ("sentiment of reviews about tea", "review_sentiment"),
    ],
)
def test_the_sentiment_of_a_category_is_of_its_reviews(
    question: str, tool: str, known_router: Router
) -> None:
    route = known_router.route(question, Memory(), "operator")
    assert (route.tool, route.args) == (tool, {"category": "Tea"})
    assert "cannot be limited" not in route.reason  # it is limited to the category


def test_complaints_about_a_category_search_its_reviews(known_router: Router) -> None:
    route = known_router.route("what do people complain about in coffee", Memory(), "operator")
    assert route.tool == "search_reviews"
    assert route.args["category"] == "Coffee" and route.args["sentiment"] == "negative"


def test_a_misspelt_category_is_passed_as_typed_with_no_topic_note(known_router: Router) -> None:
    # The tool reads 'cofee' as Coffee and says so; the router's topic note would be wrong.
    route = known_router.route("complaints about cofee", Memory(), "operator")
    assert (route.tool, route.args, route.reason) == ("review_sentiment", {"category": "cofee"}, "")
