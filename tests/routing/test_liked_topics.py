"""What people think of a product, asked in several ways ("how do people feel about the earl
grey", "what do customers think of the earl grey", "what are people saying about earl grey"),
reads a topic for the reviews (phrases.liked_topic); questions about one customer, the store as
a whole, or what the conversation points to ("what do customers think of it") do not: the words
that name no topic are one list (phrases.GENERIC_TOPICS), for this, the search nudge and the
sentiment summary's note."""

import pytest

from assistant.routing import Memory, Router, Vocabulary, extract
from assistant.routing.phrases import liked_topic
from assistant.routing.reading import Reader


@pytest.mark.parametrize(
    "question",
    [
        "how do people feel about the earl grey",
        "what do customers think of the Earl Grey?",
        "what are our customers saying about earl grey tea",
        "do people like Earl Grey tea?",
    ],
)
def test_what_people_think_of_a_product_is_its_topic(question: str) -> None:
    assert liked_topic(Reader(question)) in ("earl grey", "earl grey tea")


@pytest.mark.parametrize(
    "question",
    [
        "what do we know about customer 00042",
        "how does customer 00042 feel about the earl grey",
        "what do people think of us",  # the store as a whole: no topic to search for
        "how do customers feel about our products",
        "what do customers think of it",  # what was talked about: no words to search for
        "how do people feel about everything",
    ],
)
def test_no_liked_topic_of_a_customer_or_the_store(question: str) -> None:
    reader = Reader(question)
    assert liked_topic(reader) is None
    assert reader.text == question.lower()


def test_a_customer_asked_about_is_still_the_customer(vocabulary: Vocabulary) -> None:
    assert extract("what do we know about customer 00042", vocabulary).customer_ids == ("00042",)


def test_the_reviews_are_searched_for_it(minilm_router: Router) -> None:
    route = minilm_router.route("what do customers think of the earl grey", Memory(), "operator")
    assert (route.tool, route.args) == ("search_reviews", {"query": "earl grey"})


def test_how_people_feel_sums_the_reviews_mentioning_it(minilm_router: Router) -> None:
    # "feel" is the summary's word: the reviews that mention it, counted (test_review_mentions)
    route = minilm_router.route("how do people feel about the earl grey", Memory(), "operator")
    assert (route.tool, route.args) == ("review_sentiment", {"about": "earl grey"})


def test_what_people_think_of_it_is_the_products_summary(minilm_router: Router) -> None:
    talked_about = Memory(product_id="B000ABC123", tool="search_reviews",
                          args={"product_id": "B000ABC123"}, subject="product")  # fmt: skip
    route = minilm_router.route("what do customers think of it", talked_about, "operator")
    assert (route.tool, route.args, route.reason) == (
        "review_sentiment",
        {"product_id": "B000ABC123"},
        "",
    )


def test_a_topic_that_names_nothing_gets_no_topic_note(minilm_router: Router) -> None:
    route = minilm_router.route("how do people feel about it", Memory(), "operator")
    assert (route.tool, route.reason) == ("review_sentiment", "")
