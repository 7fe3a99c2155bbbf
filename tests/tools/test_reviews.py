"""search_reviews and review_sentiment over the hashing-embedder review index."""

import pytest

from assistant.tools.reviews import highlights, review_sentiment, search_reviews
from commerce.errors import InvalidInput, NotFound
from tests.tools.conftest import MakeContext
from tests.tools.store import LEAKY_REVIEW, REVIEWER


def test_highlights_are_spans_of_the_query_words() -> None:
    text = "The Coffee was STALE, stalest of all; coffee-ish."
    spans = highlights(text, "stale coffee?")
    assert [text[a:b] for a, b in spans] == ["Coffee", "STALE", "stalest", "coffee"]
    assert highlights(text, "the of") == [] and highlights(text, None) == []


def test_search_finds_reviews_by_meaning(make_ctx: MakeContext) -> None:
    out = search_reviews(make_ctx(), query="stale coffee beans", k=4)
    hits = out.cards[0]["hits"]
    assert len(hits) == 4 and out.rows == 4
    assert all("stale" in hit["text"].lower() for hit in hits)
    assert all(hit["highlights"] for hit in hits)
    first = hits[0]
    start, end = first["highlights"][0]
    assert first["text"][start:end].lower() in {"stale", "coffee"}
    assert set(first) == {"rank", "review_id", "customer_id", "product_id", "ts", "rating", "text",
                          "sentiment_label", "sentiment_score", "similarity",
                          "highlights"}  # fmt: skip
    total = len(make_ctx().data.review_index().metadata)
    # Every review is ranked by meaning: the hits are the closest, of all those searched.
    assert out.answer.startswith(f"The 4 of {total} reviews closest to “stale coffee beans”: ")
    assert "match" not in out.answer and out.result["total"] == total == out.cards[0]["total"]
    # The closest review's opening is quoted (test_review_quote.py); the others are not.
    assert [h["text"] in out.answer for h in hits] == [True, False, False, False]


def test_search_filters_by_customer_product_segment_and_sentiment(make_ctx: MakeContext) -> None:
    ctx = make_ctx()
    mine = search_reviews(ctx, customer_id="3", k=50).result["hits"]
    reviews = ctx.data.store().table("reviews")
    assert len(mine) == int((reviews["customer_id"] == REVIEWER).sum())
    assert {h["customer_id"] for h in mine} == {REVIEWER}
    assert mine[0]["text"] == LEAKY_REVIEW  # no query: the latest first
    tea = search_reviews(ctx, query="tea", product_id="B0000TEA01", k=50).result["hits"]
    assert tea and {h["product_id"] for h in tea} == {"B0000TEA01"}
    labels = ctx.data.review_index().metadata["sentiment_label"]
    label = labels.value_counts().index[0]
    found = search_reviews(ctx, sentiment=label, k=50)
    assert {h["sentiment_label"] for h in found.result["hits"]} == {label}
    assert found.answer.startswith(
        f"The 50 latest of {labels.value_counts()[label]} {label} reviews:"
    )
    segments = ctx.data.segment_frame()
    name = str(segments.loc[REVIEWER, "segment"])
    members = set(segments.index[segments["segment"] == name])
    in_segment = search_reviews(ctx, query="coffee", segment=name, k=50).result["hits"]
    assert in_segment and {h["customer_id"] for h in in_segment} <= members


def test_search_names_unknown_ids(make_ctx: MakeContext) -> None:
    ctx = make_ctx()
    with pytest.raises(NotFound, match="no product 'NOPE'; ids look like 'B0"):
        search_reviews(ctx, query="x", product_id="NOPE")
    with pytest.raises(NotFound, match="no customer '77777'"):
        search_reviews(ctx, customer_id="77777")
    with pytest.raises(NotFound, match="no segment 'gold'"):
        search_reviews(ctx, segment="gold")


def test_sentiment_breakdown_with_themes(make_ctx: MakeContext) -> None:
    ctx = make_ctx()
    out = review_sentiment(ctx)
    counts = out.cards[0]["counts"]
    total = len(ctx.data.store().table("reviews"))
    assert sum(counts.values()) == total == out.result["reviews"]
    assert f"Of {total} reviews, {counts['negative']} are negative" in out.answer
    themes = out.result["themes"]
    assert themes and sum(t["count"] for t in themes) == counts["negative"]
    assert all(t["name"] and t["examples"] for t in themes)
    assert review_sentiment(ctx).result == out.result  # kept, not clustered again


def test_sentiment_of_a_customer_and_of_one_text(make_ctx: MakeContext) -> None:
    ctx = make_ctx()
    mine = review_sentiment(ctx, customer_id=REVIEWER)
    reviews = ctx.data.store().table("reviews")
    assert mine.result["reviews"] == int((reviews["customer_id"] == REVIEWER).sum())
    assert f"by customer {REVIEWER}" in mine.answer
    one = review_sentiment(ctx, text="awful stale coffee")
    label = one.result["text"]["label"]
    assert one.cards[0]["counts"] == {label: 1} and one.answer.startswith(f"The text reads {label}")
    with pytest.raises(InvalidInput, match="either text, or customer_id"):
        review_sentiment(ctx, text="fine", customer_id=REVIEWER)


def test_one_negative_review_is_worded_in_the_singular(make_ctx: MakeContext) -> None:
    ctx = make_ctx()
    reviewers = ctx.data.store().table("reviews")["customer_id"].astype(str).unique()
    answers = [review_sentiment(ctx, customer_id=c) for c in reviewers[:40]]
    single = [a for a in answers if a.result["counts"]["negative"] == 1]
    assert single, "the fixture store should have a reviewer with one negative review"
    assert all(", 1 is negative (" in a.answer for a in single)


def test_a_first_page_says_of_how_many_reviews(make_ctx: MakeContext) -> None:
    ctx = make_ctx()
    reviews = ctx.data.store().table("reviews")
    mine = reviews[reviews["customer_id"] == REVIEWER]
    five = int((mine["rating"] == 5).sum())
    assert len(mine) > 2 and five > 2
    latest = search_reviews(ctx, customer_id=REVIEWER, k=2)
    assert latest.answer.startswith(f"The 2 latest of {len(mine)} reviews by customer {REVIEWER}: ")
    rated = search_reviews(ctx, customer_id=REVIEWER, min_rating=5, max_rating=5, k=2)
    assert rated.answer.startswith(f"The 2 latest of {five} reviews rated 5 stars by customer ")
    assert rated.result["total"] == five
    # All of them shown: no "of".
    every = search_reviews(ctx, customer_id=REVIEWER, k=50)
    assert every.answer.startswith(f"{len(mine)} reviews by customer {REVIEWER}, the latest first")


def test_far_reviews_are_the_closest_never_a_match(make_ctx: MakeContext) -> None:
    ctx = make_ctx()
    n = int((ctx.data.store().table("reviews")["customer_id"] == REVIEWER).sum())
    some = search_reviews(ctx, query="car tires", customer_id=REVIEWER, k=2)
    assert some.answer.startswith(
        f"The 2 of {n} reviews by customer {REVIEWER} closest to “car tires”: "
    )
    assert "The closest is review " in some.answer and "match" not in some.answer
    every = search_reviews(ctx, query="car tires", customer_id=REVIEWER, k=50)
    assert every.answer.startswith(
        f"{n} reviews by customer {REVIEWER}, the closest to “car tires” first: "
    )
    none = search_reviews(ctx, query="car tires", customer_id=REVIEWER, min_rating=3, max_rating=4)
    assert none.answer == f"No reviews rated 3-4 stars by customer {REVIEWER}."
