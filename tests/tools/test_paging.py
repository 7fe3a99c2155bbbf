"""Pages of the list tools ("and the next 10?"): an offset skips ranks, rows carry their rank,
answers name the ranks shown, and a page past the end says so. Star ratings on review search."""

import pandas as pd
import pytest

from assistant.tools.catalogue import run_tool
from assistant.tools.customers import at_risk_customers, similar_customers
from assistant.tools.reviews import rated, search_reviews
from commerce.errors import InvalidInput
from predictors.pipeline import latest_scores
from tests.tools.conftest import MakeContext
from tests.tools.test_at_risk_wording import VALUE_AT_RISK_FIRST


def test_the_next_page_of_at_risk_customers_is_ranks_6_to_15(make_ctx: MakeContext) -> None:
    ctx = make_ctx()
    scores = latest_scores(ctx.data.workspace)
    assert scores is not None
    ranked = scores.nlargest(15, "value_at_risk")["customer_id"].tolist()
    page = at_risk_customers(ctx, limit=10, offset=5)
    rows = page.cards[0]["rows"]
    assert [r["customer_id"] for r in rows] == ranked[5:15]
    assert [r["rank"] for r in rows] == list(range(6, 16))
    assert page.result["offset"] == 5 and page.rows == 10
    assert page.answer.startswith(
        f"{VALUE_AT_RISK_FIRST}customers 6-15 of {len(scores):,} scored hold $"
    )
    assert " at risk. First: " in page.answer
    assert f"First: {ranked[5]}," in page.answer
    first = at_risk_customers(ctx, limit=5)
    assert [r["rank"] for r in first.cards[0]["rows"]] == [1, 2, 3, 4, 5]
    assert f" or more. {VALUE_AT_RISK_FIRST}the 5 customers with the most hold" in first.answer


def test_a_page_past_the_end_says_so(make_ctx: MakeContext) -> None:
    ctx = make_ctx()
    pool = at_risk_customers(ctx, limit=1).result["scored_customers"]
    out = at_risk_customers(ctx, limit=10, offset=pool)
    assert out.rows == 0 and out.cards[0]["rows"] == []
    assert out.answer == (
        f"There are only {pool:,} scored customers, so none from rank {pool + 1:,} on."
    )


def test_an_offset_beyond_the_bound_is_refused_by_name(make_ctx: MakeContext) -> None:
    with pytest.raises(InvalidInput, match="argument 'offset'"):
        run_tool(make_ctx(), "at_risk_customers", {"offset": 5000})
    with pytest.raises(InvalidInput, match="argument 'offset'"):
        run_tool(make_ctx(), "search_reviews", {"offset": -1})


def test_lookalikes_page_on(make_ctx: MakeContext) -> None:
    ctx = make_ctx()
    nearest = similar_customers(ctx, "42", k=6).result["rows"]
    page = similar_customers(ctx, "42", k=3, offset=3)
    rows = page.result["rows"]
    assert [r["customer_id"] for r in rows] == [r["customer_id"] for r in nearest[3:]]
    assert [r["rank"] for r in rows] == [4, 5, 6]
    assert "00042, lookalikes 4-6 of " in page.answer


def test_reviews_page_on_and_name_their_ranks(make_ctx: MakeContext) -> None:
    ctx = make_ctx()
    latest = search_reviews(ctx, k=6).result["hits"]
    page = search_reviews(ctx, k=3, offset=3)
    hits = page.result["hits"]
    assert [h["review_id"] for h in hits] == [h["review_id"] for h in latest[3:]]
    assert [h["rank"] for h in hits] == [4, 5, 6]
    total = len(ctx.data.review_index().metadata)
    assert page.answer.startswith(f"Reviews 4-6 of {total:,}, the latest first")
    beyond = search_reviews(ctx, k=3, offset=total)
    assert beyond.answer == f"There are only {total:,} reviews, so none from rank {total + 1:,} on."
    searched = search_reviews(ctx, query="coffee", k=3, offset=3)
    # every review is ranked by meaning: the total is what was searched, not what matched
    assert searched.answer.startswith(f"Reviews 4-6 of {total:,} ranked by closeness to “coffee”")


def test_reviews_by_star_rating(make_ctx: MakeContext) -> None:
    ctx = make_ctx()
    ratings = ctx.data.review_index().metadata["rating"]
    low = search_reviews(ctx, max_rating=2, k=50)
    assert low.result["hits"] and {h["rating"] for h in low.result["hits"]} <= {1.0, 2.0}
    assert len(low.result["hits"]) == min(50, int((ratings <= 2).sum()))
    total = int((ratings <= 2).sum())
    assert low.answer.startswith(f"The 50 latest of {total} reviews rated 2 stars or less: ")
    assert low.result["filters"]["max_rating"] == 2
    five = search_reviews(ctx, query="coffee", min_rating=5, max_rating=5, k=50)
    assert {h["rating"] for h in five.result["hits"]} <= {5.0}
    assert f"{five.rows} reviews rated 5 stars, the closest to “coffee” first" in five.answer
    assert five.cards[0]["hits"] == five.result["hits"]


def test_a_rating_range_upside_down_is_refused_by_name(make_ctx: MakeContext) -> None:
    with pytest.raises(InvalidInput, match="min_rating 4 is above max_rating 2"):
        search_reviews(make_ctx(), min_rating=4, max_rating=2)
    for bad in ({"min_rating": 0}, {"max_rating": 6}):
        with pytest.raises(InvalidInput, match=f"argument '{next(iter(bad))}'"):
            run_tool(make_ctx(), "search_reviews", bad)


@pytest.mark.parametrize(
    ("low", "high", "words"),
    [
        (2, 2, " rated 2 stars"),
        (1, 1, " rated 1 star"),
        (4, None, " rated 4 stars or more"),
        (None, 2, " rated 2 stars or less"),
        (1, 2, " rated 1-2 stars"),
        (None, None, ""),
    ],
)
def test_the_rating_in_words(low: int | None, high: int | None, words: str) -> None:
    assert rated(low, high) == words


def test_unrated_reviews_never_pass_a_rating(make_ctx: MakeContext) -> None:
    ctx = make_ctx()
    metadata = ctx.data.review_index().metadata
    unrated = set(metadata.loc[pd.isna(metadata["rating"]), "review_id"])
    found = search_reviews(ctx, min_rating=1, k=50).result["hits"]
    assert not {h["review_id"] for h in found} & unrated
