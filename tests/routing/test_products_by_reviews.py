"""Products (or categories) ranked by their reviews ("which products have the worst reviews?")
go to review_sentiment, the tool that ranks them per product; one product's reviews and the
sentiment of a period keep their tools."""

import pytest

from assistant.routing import Memory, Router, review_rankings
from assistant.routing.phrases import search_topic


@pytest.mark.parametrize(
    ("question", "args"),
    [
        ("which products have the worst reviews", {"per": "product"}),
        ("best reviewed products", {"per": "product", "by": "positive"}),
        ("products with the most complaints last month", {"per": "product", "month": "last"}),
        ("what are our most hated products", {"per": "product"}),
        ("top rated items by reviews", {"per": "product", "by": "positive"}),
        ("which categories have the worst reviews", {"per": "category"}),
        # The floor the answer suggests lowering when too few reviews reach it (R22).
        (
            "which products have the worst reviews with at least 1 review",
            {"per": "product", "min_reviews": 1},
        ),
        (
            "which products have the worst reviews, at least 2 reviews each",
            {"per": "product", "min_reviews": 2},
        ),
        (
            "best reviewed products with 3+ reviews",
            {"per": "product", "by": "positive", "min_reviews": 3},
        ),
        (
            "which categories have the worst reviews, 2 or more reviews",
            {"per": "category", "min_reviews": 2},
        ),
    ],
)
def test_products_ranked_by_reviews_are_review_sentiment(
    question: str, args: dict[str, str], minilm_router: Router
) -> None:
    route = minilm_router.route(question, Memory(), "operator")
    assert (route.tool, route.args) == ("review_sentiment", args)


@pytest.mark.parametrize(
    ("question", "tool", "args"),
    [
        ("reviews of product B000EYLDYE", "search_reviews", {"product_id": "B000EYLDYE"}),
        ("sentiment of reviews last month", "review_sentiment", {"month": "last"}),
        ("what are the top selling products last month", "top_products", {"month": "last"}),
    ],
)
def test_one_products_reviews_and_a_periods_sentiment_keep_their_tools(
    question: str, tool: str, args: dict[str, str], minilm_router: Router
) -> None:
    route = minilm_router.route(question, Memory(), "operator")
    assert (route.tool, route.args) == (tool, args)


@pytest.mark.parametrize(
    ("text", "found", "read"),
    [
        ("which products have the worst reviews", {}, {"per": "product"}),
        ("top products by reviews, worst first", {}, {"per": "product"}),
        ("our favourite items by ratings", {}, {"per": "product", "by": "positive"}),
        ("reviews of this product", {"product_id": "P1"}, {}),  # one product's reviews
        ("which categories have the worst reviews", {"per": "category"}, {"per": "category"}),
        (
            "which categories have the best reviews",
            {"per": "category"},
            {"per": "category", "by": "positive"},
        ),
        ("what do reviews say about shipping", {}, {}),  # no products ranked
        ("worst reviewed products, minimum 4 reviews", {}, {"per": "product", "min_reviews": 4}),
        (
            "which categories have the worst reviews, 3+ reviews",
            {"per": "category"},
            {"per": "category", "min_reviews": 3},
        ),
    ],
)
def test_a_ranking_of_products_by_reviews_is_read(
    text: str, found: dict[str, str], read: dict[str, str]
) -> None:
    assert review_rankings.ranked(text, found) == read


def test_reviews_searched_for_a_words_are_no_ranking() -> None:
    assert not review_rankings.asked("which products have reviews mentioning mold")
    assert not review_rankings.asked("which products have the most reviews?")
    assert not review_rankings.asked("for the top 5 products, what's the review sentiment?")
    assert review_rankings.asked("products customers complained about most in q1")


def test_how_often_is_no_topic() -> None:
    assert search_topic("what customers complained about most") is None
    assert search_topic("complaints about the most popular tea lately") == "popular tea"
