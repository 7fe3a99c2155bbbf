"""Star ratings in questions ("2-star reviews", "4+ star reviews", "reviews under 3 stars"):
read as min_rating / max_rating for a review search, never as a count or a sentiment."""

import pytest

from assistant.routing import Memory, Router, Vocabulary, extract


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("2-star reviews", 2, 2),
        ("two star reviews", 2, 2),
        ("1 and 2 star reviews", 1, 2),
        ("1-2 star reviews", 1, 2),
        ("reviews with 4 to 5 stars", 4, 5),
        ("reviews rated 4 or above", 4, None),
        ("reviews rated 4 stars or more", 4, None),
        ("4+ star reviews", 4, None),
        ("at least 4 stars", 4, None),
        ("reviews under 3 stars", None, 2),
        ("reviews rated below 3", None, 2),
        ("3 stars or less", None, 3),
        ("reviews above 3 stars", 4, None),
        ("5-star reviews of B000EYLDYE", 5, 5),
        ("reviews rated 1/5", 1, 1),
        ("show 7-star reviews", 7, 7),  # read as typed: the tool's bounds refuse it by name
    ],
)
def test_ratings_are_read(
    vocabulary: Vocabulary, text: str, low: int | None, high: int | None
) -> None:
    x = extract(text, vocabulary)
    assert (x.min_rating, x.max_rating) == (low, high)
    assert x.count is None and x.sentiment is None


@pytest.mark.parametrize(
    "text",
    ["top 5 customers", "over 3 customers", "show 5 reviews", "forecast 5 weeks", "rated item"],
)
def test_no_stars_no_rating(vocabulary: Vocabulary, text: str) -> None:
    x = extract(text, vocabulary)
    assert (x.min_rating, x.max_rating) == (None, None)


def test_a_count_beside_a_rating_stays_a_count(vocabulary: Vocabulary) -> None:
    x = extract("show 10 reviews rated 2 stars", vocabulary)
    assert (x.count, x.min_rating, x.max_rating) == (10, 2, 2)
    product = extract("5-star reviews of B000EYLDYE", vocabulary)
    assert product.product_id == "B000EYLDYE"


def test_the_real_router_searches_reviews_by_stars(minilm_router: Router) -> None:
    cases = {
        "2-star reviews": {"min_rating": 2, "max_rating": 2},
        "two star reviews": {"min_rating": 2, "max_rating": 2},
        "1 and 2 star reviews": {"min_rating": 1, "max_rating": 2},
        "reviews rated 4 or above": {"min_rating": 4},
        "4+ star reviews": {"min_rating": 4},
        "reviews under 3 stars": {"max_rating": 2},
        "5-star reviews of B000EYLDYE": {
            "min_rating": 5,
            "max_rating": 5,
            "product_id": "B000EYLDYE",
        },
    }
    for text, args in cases.items():
        route = minilm_router.route(text, Memory(), "operator")
        assert (route.kind, route.tool, route.args) == ("tool", "search_reviews", args), text
