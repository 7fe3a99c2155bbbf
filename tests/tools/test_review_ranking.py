"""review_sentiment per product or category: ranked by the share of negative (or positive)
reviews, with counts worked out here from the review index's rows, a floor on reviews, and the
customer, segment and period filters."""

import pandas as pd
import pytest

from assistant.tools.review_ranking import item_reviews, rank_items, ranked_by_sentiment
from assistant.tools.reviews import review_sentiment
from commerce.errors import InvalidInput
from tests.tools.conftest import MakeContext
from tests.tools.store import PRODUCTS, REVIEWER


def _rows(product_id: str, labels: str, rating: float | None = None) -> list[dict[str, object]]:
    """Index rows of one product: n, u, p for negative, neutral, positive."""
    names = {"n": ("negative", -0.5), "u": ("neutral", 0.0), "p": ("positive", 0.5)}
    return [
        {
            "product_id": product_id,
            "sentiment_label": names[c][0],
            "sentiment_score": names[c][1],
            "rating": rating,
        }
        for c in labels
    ]


def test_shares_rank_not_counts_and_the_floor_leaves_few_reviews_out() -> None:
    chosen = pd.DataFrame(
        _rows("A", "n" * 7 + "u" * 3 + "p" * 2)  # 7 of 12 negative (58%)
        + _rows("B", "nnnpu", rating=2.0)  # 3 of 5 (60%)
        + _rows("C", "nnnn")  # 4 of 4, but under 5 reviews
        + _rows("D", "pppppu")  # 5 of 6 positive
    )
    items = {i.item: i for i in item_reviews(chosen, "product_id")}
    assert items["A"].counts == {"negative": 7, "neutral": 3, "positive": 2}
    assert items["A"].mean_rating is None and items["B"].mean_rating == 2.0
    assert [i.item for i in rank_items(list(items.values()), "negative", 5)] == ["B", "A", "D"]
    assert rank_items(list(items.values()), "negative", 4)[0].item == "C"
    assert [i.item for i in rank_items(list(items.values()), "positive", 5)] == ["D", "B", "A"]


def test_equal_shares_put_the_one_with_more_reviews_first() -> None:
    chosen = pd.DataFrame(_rows("A", "nu") + _rows("B", "nnuu") + _rows("C", "nu"))
    ranked = rank_items(item_reviews(chosen, "product_id"), "negative", 1)
    assert [i.item for i in ranked] == ["B", "A", "C"]


def test_counts_of_partly_rated_products_and_of_no_rows() -> None:
    chosen = pd.DataFrame(
        _rows("A", "p", rating=4.0) + _rows("A", "p") + _rows("A", "n", rating=2.0)
        + _rows("B", "u")
    )  # fmt: skip
    items = {i.item: i for i in item_reviews(chosen, "product_id")}
    assert items["A"].counts == {"negative": 1, "neutral": 0, "positive": 2}
    assert (items["A"].reviews, items["A"].rated, items["A"].mean_rating) == (3, 2, 3.0)
    assert items["A"].mean_score == pytest.approx(0.5 / 3)
    assert (items["B"].rated, items["B"].mean_rating) == (0, None)
    assert item_reviews(chosen.iloc[:0], "product_id") == []


def _expected(make_ctx: MakeContext, **where: object) -> pd.DataFrame:
    """Per product, the reviews and negative ones, from the index rows (pandas, not the tool)."""
    rows = make_ctx().data.review_index().metadata
    for column, value in where.items():
        rows = rows[rows[column] == value]
    grouped = rows.groupby("product_id")["sentiment_label"]
    counts = pd.DataFrame(
        {"n": grouped.size(), "neg": grouped.agg(lambda s: (s == "negative").sum())}
    )
    counts["mean_rating"] = rows.groupby("product_id")["rating"].mean()
    return counts.assign(share=counts["neg"] / counts["n"])


def test_worst_reviewed_products_with_their_counts(make_ctx: MakeContext) -> None:
    expected = _expected(make_ctx)
    out = review_sentiment(make_ctx(), per="product")
    rows = out.result["rows"]
    assert [r["product_id"] for r in rows] == list(
        expected.sort_values(["share", "n"], ascending=False).index
    )
    first = rows[0]
    want = expected.loc[first["product_id"]]
    n, negative = int(want["n"]), int(want["neg"])
    assert (first["reviews"], first["negative"]) == (n, negative)
    title = PRODUCTS[first["product_id"]][0]
    said = (
        f"{title} ({first['product_id']}): {negative} of {n} reviews negative "
        f"({negative / n:.0%}), mean rating {want['mean_rating']:.1f} of {n} rated"
    )
    assert said in out.answer
    assert out.answer.startswith(
        f"By share of negative reviews, products 1-{len(rows)} of {len(rows)} with at least "
        "5 reviews"
    )
    assert out.result["min_reviews"] == 5 and out.cards[0]["type"] == "review_ranking"
    best = review_sentiment(make_ctx(), per="product", by="positive", k=1)
    assert best.result["rows"][0]["positive_share"] == max(r["positive_share"] for r in rows)
    assert "reviews positive" in best.answer and best.result["total"] == len(rows)


def test_a_rating_every_rated_review_gives_is_said_once_not_as_each_mean(
    make_ctx: MakeContext,
) -> None:
    """The demo's reviews are 5 stars or unrated: "mean rating 5.0" beside 26% negative read as
    praise, and told the products apart no more than no rating (R21)."""
    first, second = list(PRODUCTS)[:2]
    chosen = pd.DataFrame(_rows(first, "nnppp", rating=5.0) + _rows(second, "nnnpp", rating=5.0))
    data = make_ctx().data
    out = ranked_by_sentiment(data, chosen, "product", "negative", 1, 5, 0, "", {})
    assert "mean rating" not in out.answer
    assert out.answer.endswith(". Every rated review here gives 5 stars.")
    assert [r["mean_rating"] for r in out.result["rows"]] == [5.0, 5.0]  # the rows keep it
    mixed = chosen.assign(rating=[5.0] * 5 + [2.0] * 5)
    varied = ranked_by_sentiment(data, mixed, "product", "negative", 1, 5, 0, "", {})
    assert "mean rating 2.0 of 5 rated" in varied.answer and "Every rated" not in varied.answer


def test_too_few_reviews_per_product_gets_a_clear_answer(make_ctx: MakeContext) -> None:
    expected = _expected(make_ctx)
    floor = int(expected["n"].max()) + 1
    out = review_sentiment(make_ctx(), per="product", min_reviews=floor)
    assert out.result["rows"] == [] and out.result["total"] == 0
    assert out.answer == (
        f"No product has at least {floor} reviews: the {expected['n'].sum()} reviews are of "
        f"{len(expected)} products, at most {floor - 1} each. To rank them, ask for "
        f'"products with at least {floor - 1} reviews" or rank categories, or over a longer '
        "period."
    )
    late = review_sentiment(make_ctx(), per="product", offset=10)
    assert late.answer.startswith(f"Only {len(expected)} products have at least 5 reviews, so ")


def test_the_filters_still_apply(make_ctx: MakeContext) -> None:
    mine = review_sentiment(make_ctx(), per="product", customer_id=REVIEWER, min_reviews=1)
    expected = _expected(make_ctx, customer_id=REVIEWER)
    assert {r["product_id"]: r["reviews"] for r in mine.result["rows"]} == expected["n"].to_dict()
    assert f"with at least 1 review by customer {REVIEWER} (" in mine.answer
    last = make_ctx().data.review_index().metadata["ts"].max()
    recent = review_sentiment(make_ctx(), per="product", days=30, min_reviews=1)
    assert recent.result["reviews"] < review_sentiment(make_ctx(), per="product").result["reviews"]
    assert recent.result["filters"]["to"] == f"{last:%Y-%m-%d}"
    assert "in the 30 days to" in recent.answer


def test_categories_rank_too(make_ctx: MakeContext) -> None:
    out = review_sentiment(make_ctx(), per="category")
    reviewed = {PRODUCTS[p][1] for p in _expected(make_ctx).index}
    assert {r["category"] for r in out.result["rows"]} == reviewed
    assert f"categories 1-{len(reviewed)} of {len(reviewed)}" in out.answer


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ({"by": "positive"}, "by and min_reviews rank products: give per='product'"),
        ({"min_reviews": 3}, "give per='product' with them"),
        (
            {"offset": 5, "k": 10},
            r"^offset \(5\) pages products ranked by their reviews: give per=",
        ),
        ({"per": "product", "product_id": "B000COFFEE"}, "give one of them"),
        ({"per": "product", "text": "fine"}, "give either text, or .* / per, not both"),
    ],
)
def test_what_is_refused_is_named(
    make_ctx: MakeContext, args: dict[str, object], message: str
) -> None:
    with pytest.raises(InvalidInput, match=message):
        review_sentiment(make_ctx(), **args)  # type: ignore[arg-type]
