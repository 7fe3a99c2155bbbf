"""A count asked of the sentiment summary: "the top 3 complaints" caps the complaint themes
(k), while "the sentiment of the 10 latest reviews" counts reviews, which the summary cannot:
k is dropped and the note says so (complaint_counts.py). Ranked products keep their count."""

import pytest

from assistant.routing import SIGNATURES, Memory, Router, Vocabulary, extract
from assistant.routing.args import build

REVIEW_COUNT = (
    "The sentiment summary counts every review asked about; it cannot be limited to 10 of "
    'them (a count limits the complaint themes listed, e.g. "the top 3 complaints").'
)


def _args(text: str, vocabulary: Vocabulary) -> tuple[dict[str, object], str]:
    tool = SIGNATURES["review_sentiment"]
    built = build(tool, extract(text, vocabulary), text.lower(), Memory())
    return built.values, built.reason


@pytest.mark.parametrize(
    ("text", "k"),
    [
        ("what are the top 3 complaints?", 3),
        ("top 5 complaint themes of champions", 5),
        ("top 4 issues in the reviews", 4),
    ],
)
def test_a_count_of_complaints_caps_the_themes(text: str, k: int, vocabulary: Vocabulary) -> None:
    values, reason = _args(text, vocabulary)
    assert values.get("k") == k and reason == ""


@pytest.mark.parametrize(
    "text", ["sentiment of the 10 latest reviews", "how do the last 10 reviews feel"]
)
def test_a_count_of_reviews_is_dropped_and_said(text: str, vocabulary: Vocabulary) -> None:
    values, reason = _args(text, vocabulary)
    assert "k" not in values and reason == REVIEW_COUNT


def test_ranked_products_keep_their_count(vocabulary: Vocabulary) -> None:
    values, reason = _args("the 10 worst reviewed products", vocabulary)
    assert values == {"per": "product", "k": 10} and reason == ""


def test_the_real_router_on_counts_of_the_summary(minilm_router: Router) -> None:
    top = minilm_router.route("what are the top 3 complaints?", Memory(), "operator")
    assert (top.tool, top.args, top.reason) == ("review_sentiment", {"k": 3}, "")
    latest = minilm_router.route("sentiment of the 10 latest reviews", Memory(), "operator")
    assert (latest.tool, latest.args, latest.reason) == ("review_sentiment", {}, REVIEW_COUNT)


def test_reviews_per_month_are_not_months_of_sales(minilm_router: Router) -> None:
    """No tool counts reviews per month: the summary answers, saying what it covers, and the
    months ranked by sales stay the sales'."""
    asked = minilm_router.route("which month had the most complaints", Memory(), "operator")
    assert (asked.tool, asked.args) == ("review_sentiment", {})
    assert asked.reason.startswith("Reviews are not counted month by month")
    assert '"complaints in March 1998"' in asked.reason
    sales = minilm_router.route("what was our best month", Memory(), "operator")
    assert (sales.tool, sales.args, sales.reason) == ("top_products", {"per": "month"}, "")


def test_reviews_per_quarter_are_said(vocabulary: Vocabulary) -> None:
    values, reason = _args("which quarter had the most negative reviews", vocabulary)
    assert "per" not in values and "quarter by quarter" in reason


def test_reviews_per_weekday_are_said(vocabulary: Vocabulary) -> None:
    values, reason = _args("which day of the week has the most complaints", vocabulary)
    assert "per" not in values and reason.startswith("Reviews are not counted by weekday")
