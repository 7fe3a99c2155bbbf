"""The review_sentiment tool: how many reviews are negative, neutral and positive, with the
complaint themes of the negative ones, or the sentiment of one given text, or (per product,
review_ranking.py) the products ranked by their reviews; and the themes kept per index version
(segment summaries show them too).
"""

from collections.abc import Collection
from dataclasses import replace
from typing import Annotated, Any

import numpy as np
from pydantic import Field

from assistant.tools.args import (
    CustomerId,
    Month,
    ProductId,
    Quarter,
    SegmentName,
    Since,
    Until,
    Year,
)
from assistant.tools.base import ToolContext, ToolOutput
from assistant.tools.data import StoreData
from assistant.tools.format import count, listing, output, pct
from assistant.tools.paging import Offset
from assistant.tools.periods import Asked
from assistant.tools.review_filters import (
    ReviewAbout,
    ReviewCategory,
    ReviewDays,
    category_products,
    customer_filter,
    filter_facts,
    known_product,
    mentioned,
    period_card,
    period_phrase,
    product_filter,
    review_period,
    scope_phrase,
    written_in,
)
from assistant.tools.review_ranking import (
    MAX_SHOWN,
    MIN_REVIEWS,
    MinReviews,
    RankedBy,
    ReviewsPer,
    ranked_by_sentiment,
)
from commerce.errors import InvalidInput
from retrieval.filters import ReviewFilter, matching_rows
from retrieval.reviews import ReviewIndex
from retrieval.sentiment import LABELS, analyse_one
from retrieval.themes import Theme, complaint_themes

THEME_EXAMPLES = 2
RANKED_SHOWN = 5  # products ranked per page when k is not given
# One count, two meanings: products per page when ranked, else the complaint themes listed.
Shown = Annotated[
    int | None,
    Field(
        ge=1,
        le=MAX_SHOWN,
        description="With per: how many to show (5 unless given). Without per: list at most "
        "this many complaint themes, largest first (all found unless given).",
    ),
]


def review_sentiment(
    ctx: ToolContext,
    text: Annotated[
        str | None, Field(max_length=5000, description="One text to score, instead of reviews.")
    ] = None,
    customer_id: CustomerId | None = None,
    product_id: ProductId | None = None,
    segment: SegmentName | None = None,
    category: ReviewCategory | None = None,
    about: ReviewAbout | None = None,
    days: ReviewDays | None = None,
    since: Since | None = None,
    until: Until | None = None,
    month: Month | None = None,
    quarter: Quarter | None = None,
    year: Year | None = None,
    per: Annotated[
        ReviewsPer | None,
        Field(description="product (or category): rank them by their reviews, not one sum."),
    ] = None,
    by: Annotated[
        RankedBy | None,
        Field(description="With per: negative (worst reviewed first, the default) or positive."),
    ] = None,
    min_reviews: MinReviews | None = None,
    k: Shown = None,
    offset: Offset = 0,
) -> ToolOutput:
    """Sentiment of reviews (all, or a customer's, a product's, a product category's (or
    several's together) or a segment's, of a period: the last days, or by the calendar as
    top_products takes it; only those mentioning the words `about` gives, when given): how
    many are negative, neutral and positive, and the complaint
    themes of the negative ones; or the sentiment of one given text. With per="product" (or
    "category"), the products ranked by the share of their reviews that are negative
    (by="positive": positive), each with its counts, of those with at least min_reviews reviews
    (5 unless given); k of them from rank offset + 1.
    Without per, k caps the complaint themes listed ("the top 3 complaints": k=3); it never
    limits the reviews counted.

    For "how do customers feel?", "what are at-risk customers complaining about?", "what did
    customers complain about last month?", "what are the top 3 complaints?", "what do people
    think of the tea?" (category Tea), "complaints about tea or coffee" (category "Tea,
    Coffee"), "what's the sentiment of earl grey reviews?" (about "earl grey"), "is this
    message positive?", or (per product) "which
    products have the worst reviews?" and "best reviewed products".
    """
    asked = Asked(days, since, until, month, quarter, year)
    if per is None and (by is not None or min_reviews is not None):
        raise InvalidInput("by and min_reviews rank products: give per='product' with them")
    if per is None and offset:
        # A summary of reviews has no next page: repeating it would read as one.
        raise InvalidInput(
            f"offset ({offset:,}) pages products ranked by their reviews: give per='product' "
            "with it (a summary of reviews has no pages)"
        )
    if text is not None:
        if customer_id or product_id or segment or category or about or asked.given() or per:
            raise InvalidInput(
                "give either text, or customer_id / product_id / segment / a period / category "
                "/ about / per, not both"
            )
        found = analyse_one(text, ctx.embedder())
        answer = f"The text reads {found.label} (score {found.score:+.2f} on a scale of -1 to 1)."
        card = {"type": "sentiment", "counts": {found.label: 1}, "score": found.score, "themes": []}
        return output(answer, {"text": found.to_dict()}, [card], rows=1)

    if per and product_id:
        raise InvalidInput(
            f"per='{per}' ranks the reviews of every {per} and product_id asks about one "
            "product's: give one of them"
        )
    index = ctx.data.review_index()
    cid, name, who = customer_filter(ctx, customer_id, segment)
    products = [known_product(ctx.data, product_id)] if product_id else None
    read_as, in_category, reading = category_products(ctx.data, category)
    when = review_period(ctx.data, asked)
    words = None if about is None else mentioned(about)
    if per is not None:
        kept = ReviewFilter(customer_ids=who, product_ids=in_category, mentions=words)
        chosen = index.metadata.iloc[matching_rows(index.metadata, written_in(kept, when))]
        scope = scope_phrase(cid, None, name, read_as, words) + period_phrase(when, asked)
        facts = filter_facts(who, None, name, None, when, read_as) | {
            "mentions": None if words is None else list(words)
        }
        floor = MIN_REVIEWS if min_reviews is None else min_reviews
        ranked_by = by or "negative"
        page = RANKED_SHOWN if k is None else k
        ranking = ranked_by_sentiment(
            ctx.data, chosen, per, ranked_by, floor, page, offset, scope, facts
        )
        return replace(ranking, answer=reading + ranking.answer)
    if cid or products or read_as or when is not None or words:
        kept = ReviewFilter(product_ids=product_filter(products, in_category), mentions=words)
        where = written_in(kept, when)
        total, counts, mean = _breakdown(index, who, where)
        themes = complaint_themes(index, who, where, examples=THEME_EXAMPLES)
    else:  # all reviews, or a segment's: the same every time until the index changes
        total, counts, mean = ctx.data.memo(
            f"breakdown:{name or '*'}",
            ("store", "review_index"),
            lambda: _breakdown(index, who, ReviewFilter()),
        )
        themes = cached_themes(ctx.data, name)
    themes_found = len(themes)
    themes = themes[:k]  # largest first: "the top 3 complaints" are the 3 largest themes
    scope = scope_phrase(cid, products, name, read_as, words) + period_phrase(when, asked)
    if total == 0:
        answer = f"There are no reviews{scope}."
    else:
        answer = (
            f"Of {count(total, 'review')}{scope}, {counts['negative']:,} "
            f"{'is' if counts['negative'] == 1 else 'are'} negative "
            f"({pct(counts['negative'] / total)}), {counts['neutral']:,} neutral and "
            f"{counts['positive']:,} positive."
        )
        if themes:
            named = [f"{t.name} ({count(t.count, 'review')})" for t in themes]
            of = f" {len(themes)} of {themes_found}" if len(themes) < themes_found else ""
            answer += f" Top{of} complaint themes: {listing(named)}."
    answer = reading + answer
    shown = [_theme(t) for t in themes]
    facts = filter_facts(who, products, name, None, when, read_as) | {
        "mentions": None if words is None else list(words)
    }
    result = {"filters": facts, "reviews": total,
              "counts": counts, "mean_score": mean, "themes": shown,
              "themes_found": themes_found}  # fmt: skip
    card = {"type": "sentiment", "counts": counts, "mean_score": mean, "themes": shown,
            "mentions": facts["mentions"], **period_card(when)}  # fmt: skip
    return output(answer, result, [card], rows=total)


def _breakdown(
    index: ReviewIndex, who: Collection[str] | None, where: ReviewFilter
) -> tuple[int, dict[str, int], float | None]:
    """How many reviews of `who` pass the filter, how many of each sentiment, and the mean
    score."""
    rows = matching_rows(index.metadata, replace(where, customer_ids=who))
    chosen = index.metadata.iloc[rows]
    counts: dict[str, int] = {
        label: int((chosen["sentiment_label"] == label).sum()) for label in LABELS
    }
    mean = float(np.mean(chosen["sentiment_score"])) if len(rows) else None
    return len(rows), counts, mean


def cached_themes(data: StoreData, segment: str | None) -> list[Theme]:
    """Complaint themes of a segment's reviews (all reviews for None), kept per index version:
    clustering thousands of reviews takes about a second."""

    def compute() -> list[Theme]:
        index = data.review_index()
        members = data.segments().member_set(segment) if segment else None
        return complaint_themes(index, customer_ids=members, examples=THEME_EXAMPLES)

    return data.memo(f"themes:{segment or '*'}", ("store", "review_index"), compute)


def _theme(theme: Theme) -> dict[str, Any]:
    return {
        "name": theme.name,
        "terms": theme.terms,
        "count": theme.count,
        "share": round(theme.share, 4),
        "examples": [
            {"review_id": h.review_id, "customer_id": h.customer_id, "text": h.text}
            for h in theme.examples
        ],
    }
