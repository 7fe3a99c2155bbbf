"""review_sentiment per product (or per category): the reviewed products ranked by the share of
their reviews that are negative ("which products have the worst reviews?") or positive ("best
reviewed products"), each with its counts, within the customer, segment and period filters.

Shares rank, not counts, so a product with many reviews is not worst for being popular; a
share of a handful of reviews says little, so only products with at least `min_reviews` are
ranked. Ratings may be missing or all alike (the demo's are 5 stars or none), so the sentiment
labels of the review index rank, and a mean rating is only said beside them where a product
has rated reviews.
"""

from dataclasses import dataclass
from typing import Annotated, Any, Literal

import pandas as pd
from pydantic import Field

from assistant.tools.base import ToolOutput
from assistant.tools.data import StoreData
from assistant.tools.format import count, output, pct
from assistant.tools.paging import ranked, span
from retrieval.sentiment import LABELS

MIN_REVIEWS = 5
MAX_SHOWN = 50
NO_CATEGORY = "(no category)"

RankedBy = Literal["negative", "positive"]
ReviewsPer = Literal["product", "category"]
_PLURALS: dict[str, str] = {"product": "products", "category": "categories"}
MinReviews = Annotated[
    int,
    Field(ge=1, le=1000, description="With per: only those with at least this many reviews."),
]
Shown = Annotated[int, Field(ge=1, le=MAX_SHOWN, description="With per: how many to show.")]
Catalogue = dict[str, dict[str, Any]]  # product id -> its row of data.products()


@dataclass(frozen=True)
class ItemReviews:
    """One product's (or category's) reviews among those chosen: how many, of each sentiment,
    the mean sentiment score, and the mean rating of those rated (None when none is)."""

    item: str
    reviews: int
    counts: dict[str, int]
    mean_score: float
    rated: int
    mean_rating: float | None

    def share(self, label: str) -> float:
        """The share of its reviews with this sentiment label."""
        return self.counts[label] / self.reviews


def item_reviews(chosen: pd.DataFrame, column: str) -> list[ItemReviews]:
    """Each product (or category: the `column` grouped by) the chosen review-index rows are
    about, with its counts."""
    if chosen.empty:
        return []
    # Whole-column group sums: a loop over 5,000 products' rows (the demo's one review each)
    # took 15 s on a busy machine and hit the chat's tool time limit.
    stats = chosen.groupby(column, sort=True).agg(
        reviews=("sentiment_score", "size"),
        mean_score=("sentiment_score", "mean"),
        rated=("rating", "count"),
        mean_rating=("rating", "mean"),
    )
    labels = (
        chosen.groupby([column, "sentiment_label"]).size().unstack(fill_value=0)
        .reindex(index=stats.index, columns=list(LABELS), fill_value=0)
    )  # fmt: skip
    return [
        ItemReviews(
            item=str(item),
            reviews=int(reviews),
            counts=dict(zip(LABELS, (int(n) for n in counts), strict=True)),
            mean_score=float(mean_score),
            rated=int(rated),
            mean_rating=float(mean_rating) if rated else None,
        )
        for item, reviews, mean_score, rated, mean_rating, counts in zip(
            stats.index,
            stats["reviews"].tolist(),
            stats["mean_score"].tolist(),
            stats["rated"].tolist(),
            stats["mean_rating"].tolist(),
            labels.to_numpy().tolist(),
            strict=True,
        )
    ]


def rank_items(items: list[ItemReviews], by: RankedBy, min_reviews: int) -> list[ItemReviews]:
    """Those with at least `min_reviews` reviews, the highest share of `by` reviews first;
    ties go to the one with more reviews (the surer share), then to the lower mean score for
    negative (higher for positive), then to the name."""
    sign = 1 if by == "negative" else -1
    kept = [i for i in items if i.reviews >= min_reviews]
    return sorted(kept, key=lambda i: (-i.share(by), -i.reviews, sign * i.mean_score, i.item))


def ranked_by_sentiment(
    data: StoreData,
    chosen: pd.DataFrame,
    per: ReviewsPer,
    by: RankedBy,
    min_reviews: int,
    shown: int,
    offset: int,
    scope: str,
    facts: dict[str, Any],
) -> ToolOutput:
    """The tool's answer, result and card for products (or categories) ranked by their
    reviews; `chosen` are the index rows within the filters, `scope` the filters in words
    (" from segment 'loyal' from 1998-05-01 to 1998-05-31"), `facts` the filters as the
    result reports them."""
    catalogue: Catalogue = {str(row["product_id"]): row for row in data.products()}
    if per == "category":
        of = {pid: row.get("category") or NO_CATEGORY for pid, row in catalogue.items()}
        chosen = chosen.assign(category=chosen["product_id"].map(of).fillna(NO_CATEGORY))
    items = item_reviews(chosen, "product_id" if per == "product" else "category")
    order = rank_items(items, by, min_reviews)
    page = order[offset : offset + shown]
    rows = ranked([_row(i, per, catalogue) for i in page], offset)
    most = max((i.reviews for i in items), default=0)
    floor = f"at least {count(min_reviews, 'review')}"
    if not items:
        answer = f"There are no reviews{scope}, so no {per} to rank."
    elif not order:
        answer = (
            f"No {per} has {floor}{scope}: the {count(len(chosen), 'review')} are of "
            f"{_many(len(items), per)}, at most {most:,} each. To rank them, ask for "
            f'"{_PLURALS[per]} with at least {count(most, "review")}"'
            f"{' or rank categories' if per == 'product' else ''}, or over a longer period."
        )
    elif not page:
        answer = (
            f"Only {_many(len(order), per)} {'has' if len(order) == 1 else 'have'} {floor}"
            f"{scope}, so none from rank {offset + 1:,} on."
        )
    else:
        # One rating given by every rated review (the demo's are all 5 stars) tells the items
        # apart no more than none: "mean rating 5.0" beside 26% negative reads as praise.
        ratings = chosen["rating"].dropna().unique()
        alike = f" Every rated review here gives {ratings[0]:g} stars." if len(ratings) == 1 else ""
        listed = "; ".join(_said(i, per, catalogue, by, rated=not alike) for i in page)
        ranks = span(offset, len(page), len(order), per, _PLURALS[per])
        answer = (
            f"By share of {by} reviews, {ranks} with "
            f"{floor}{scope} ({_many(len(items), per)} reviewed): {listed}.{alike}"
        )
    result = {"filters": facts, "per": per, "by": by, "min_reviews": min_reviews,
              "reviews": len(chosen), "reviewed": len(items), "most_reviews": most,
              "total": len(order), "offset": offset, "rows": rows}  # fmt: skip
    card = {"type": "review_ranking", "per": per, "by": by, "min_reviews": min_reviews,
            "total": len(order), "rows": rows,
            **{k: facts[k] for k in ("from", "to") if facts.get(k)}}  # fmt: skip
    return output(answer, result, [card], rows=len(rows))


def _row(item: ItemReviews, per: ReviewsPer, catalogue: Catalogue) -> dict[str, Any]:
    known = catalogue.get(item.item, {}) if per == "product" else {"category": item.item}
    named = {"product_id": item.item, "title": known.get("title")} if per == "product" else {}
    rating = None if item.mean_rating is None else round(item.mean_rating, 2)
    return {**named, "category": known.get("category"), "reviews": item.reviews,
            **item.counts, "negative_share": round(item.share("negative"), 4),
            "positive_share": round(item.share("positive"), 4),
            "mean_score": round(item.mean_score, 4), "rated": item.rated,
            "mean_rating": rating}  # fmt: skip


def _many(n: int, per: ReviewsPer) -> str:
    """'1 product', '12 categories'."""
    return count(n, per, _PLURALS[per])


def _said(
    item: ItemReviews, per: ReviewsPer, catalogue: Catalogue, by: RankedBy, rated: bool
) -> str:
    """'Tea product B00X: 7 of 12 reviews negative (58%), mean rating 4.2 of 9 rated' (no
    rating unless `rated`)."""
    name = item.item
    if per == "product":
        title = catalogue.get(name, {}).get("title")
        name = f"product {name}" if not title else title if name in title else f"{title} ({name})"
    said = (
        f"{name}: {item.counts[by]:,} of {count(item.reviews, 'review')} {by} "
        f"({pct(item.share(by))})"
    )
    if rated and item.mean_rating is not None:
        said += f", mean rating {item.mean_rating:.1f} of {item.rated:,} rated"
    return said
