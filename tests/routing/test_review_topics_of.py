"""What reviews are asked about, said with "of" or "reviewed": "negative reviews of earl grey"
searched every negative review, the product dropped; "who reviewed earl grey negatively" read
no sentiment. "How negative are reviews of tea" stays the category's summary."""

import pytest

from assistant.routing import Memory, Router, Vocabulary, extract
from assistant.routing.phrases import search_topic


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("negative reviews of earl grey", "earl grey"),
        ("bad feedback for the dog food", "dog food"),
        ("who reviewed earl grey negatively", "earl grey"),
        ("how negative are reviews of tea", None),  # no list of reviews asked: the summary's
        ("how positive are the reviews overall", None),
    ],
)
def test_the_topic_said_with_of(text: str, topic: str | None) -> None:
    assert search_topic(text) == topic


def test_negative_reviews_of_a_product_search_it(known_router: Router) -> None:
    route = known_router.route("negative reviews of earl grey", Memory(), "support")
    assert (route.tool, route.args) == (
        "search_reviews",
        {"sentiment": "negative", "query": "earl grey"},
    )
    summary = known_router.route("how negative are reviews of tea", Memory(), "support")
    assert (summary.tool, summary.args) == ("review_sentiment", {"category": "Tea"})


def test_how_it_was_reviewed_is_the_sentiment(vocabulary: Vocabulary) -> None:
    assert extract("who reviewed earl grey negatively", vocabulary).sentiment == "negative"
    assert extract("who reviewed the coffee positively", vocabulary).sentiment == "positive"


def test_products_ranked_by_reviews_name_no_topic() -> None:
    assert search_topic("best reviewed products with 3+ reviews") is None
