"""After one customer's reviews, a filter alone ("any negative ones?", "only the 1 star ones")
narrows the same list, keeping the customer; and "negative reviews by customer 07592" asks for
the reviews, not a sentiment summary."""

import pytest

from assistant.routing import Memory, Router


@pytest.mark.parametrize(
    ("text", "added"),
    [
        ("any negative ones?", {"sentiment": "negative"}),
        ("only the negative ones", {"sentiment": "negative"}),
        ("just the positive ones", {"sentiment": "positive"}),
        ("any complaints?", {"sentiment": "negative"}),
        ("show me the 1 star ones", {"min_rating": 1, "max_rating": 1}),
    ],
)
def test_a_filter_alone_narrows_the_customers_reviews(
    minilm_router: Router, text: str, added: dict[str, object]
) -> None:
    memory = Memory().after("search_reviews", {"customer_id": "07592"}, {"hits": []})
    route = minilm_router.route(text, memory, "support")
    assert (route.tool, route.args) == ("search_reviews", {"customer_id": "07592"} | added)


def test_show_me_a_customer_is_still_their_profile(minilm_router: Router) -> None:
    memory = Memory().after("search_reviews", {"customer_id": "07592"}, {"hits": []})
    route = minilm_router.route("show me customer 42", memory, "support")
    assert (route.tool, route.args) == ("customer_profile", {"customer_id": "00042"})


@pytest.mark.parametrize(
    ("text", "tool"),
    [
        ("negative reviews by customer 07592", "search_reviews"),
        ("positive reviews from customer 300", "search_reviews"),
        ("how negative are customer 12's reviews", "review_sentiment"),
        ("what share of reviews is negative", "review_sentiment"),
    ],
)
def test_reviews_asked_for_are_listed_and_a_summary_summed_up(
    minilm_router: Router, text: str, tool: str
) -> None:
    assert minilm_router.route(text, Memory(), "support").tool == tool
