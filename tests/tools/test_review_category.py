"""search_reviews and review_sentiment of one product category ("what do people think of the
tea"): the reviews of that category's products, the category read as top_products reads one
(a close misspelling read and said, an unknown one refused with the store's categories)."""

import pytest

from assistant.tools.reviews import review_sentiment, search_reviews
from commerce.errors import NotFound
from tests.tools.conftest import MakeContext
from tests.tools.store import PRODUCTS


def _of(category: str) -> set[str]:
    return {pid for pid, (_, kind) in PRODUCTS.items() if kind == category}


def _labels(make_ctx: MakeContext, category: str) -> dict[str, int]:
    """Each sentiment's count among the category's reviews, from the index rows (pandas)."""
    rows = make_ctx().data.review_index().metadata
    labels = rows[rows["product_id"].isin(_of(category))]["sentiment_label"]
    return {str(label): int(n) for label, n in labels.value_counts().items()}


def test_sentiment_of_a_category_counts_only_its_products_reviews(make_ctx: MakeContext) -> None:
    expected = _labels(make_ctx, "Tea")
    out = review_sentiment(make_ctx(), category="tea")
    assert {k: v for k, v in out.result["counts"].items() if v} == expected
    total = sum(expected.values())
    assert 0 < total < len(make_ctx().data.review_index().metadata)
    assert out.answer.startswith(f"Of {total} reviews in category Tea, ")
    assert out.result["filters"]["category"] == "Tea" and out.result["reviews"] == total


def test_search_of_a_category_returns_only_its_products_reviews(make_ctx: MakeContext) -> None:
    out = search_reviews(make_ctx(), query="stale", category="Coffee", k=50)
    hits = out.result["hits"]
    assert hits and {h["product_id"] for h in hits} <= _of("Coffee")
    assert out.result["total"] == sum(_labels(make_ctx, "Coffee").values()) > len(hits) == 50
    assert " in category Coffee" in out.answer
    assert out.result["filters"]["category"] == "Coffee"


def test_products_ranked_within_a_category(make_ctx: MakeContext) -> None:
    out = review_sentiment(make_ctx(), category="Tea", per="product", min_reviews=1)
    rows = out.result["rows"]
    assert rows and {r["product_id"] for r in rows} <= _of("Tea")
    assert " in category Tea " in out.answer


def test_a_product_outside_the_category_has_no_reviews_in_it(make_ctx: MakeContext) -> None:
    out = search_reviews(make_ctx(), category="Tea", product_id="B000COFFEE")
    assert out.answer == "No reviews of product B000COFFEE in category Tea."
    assert out.result["total"] == 0


def test_a_misspelt_category_is_read_and_said(make_ctx: MakeContext) -> None:
    ctx = make_ctx()
    summary = review_sentiment(ctx, category="cofee")
    assert summary.answer.startswith("(Read 'cofee' as Coffee.) Of ")
    assert summary.result["filters"]["category"] == "Coffee"
    found = search_reviews(ctx, category="cofee")
    assert found.answer.startswith("(Read 'cofee' as Coffee.) ")
    assert {h["product_id"] for h in found.result["hits"]} <= _of("Coffee")


def test_an_unknown_category_is_refused_by_name(make_ctx: MakeContext) -> None:
    ctx = make_ctx()
    with pytest.raises(NotFound, match="no category 'Shoes'; known: Coffee, Snacks, Tea"):
        review_sentiment(ctx, category="Shoes")
    with pytest.raises(NotFound, match="no category 'Shoes'"):
        search_reviews(ctx, query="stale", category="Shoes")
