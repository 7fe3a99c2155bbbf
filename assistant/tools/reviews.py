"""Tools about reviews: search by meaning with filters, and sentiment with complaint themes.

Review text is data a customer wrote: it goes into `result` and cards verbatim, never into an
`answer`, since answers may be handed to the LLM as tool results.
"""

import re
from collections import Counter
from collections.abc import Collection
from typing import Annotated, Any

import numpy as np
from pydantic import Field

from assistant.tools.args import CustomerId, ProductId, SegmentName, Sentiment
from assistant.tools.base import ToolContext, ToolOutput
from assistant.tools.data import StoreData
from assistant.tools.format import count, listing, output, pct
from assistant.tools.paging import Offset, past_end, ranked, span
from commerce.errors import InvalidInput, NotFound
from retrieval.filters import ReviewFilter, matching_rows
from retrieval.reviews import ReviewHit, ReviewIndex
from retrieval.sentiment import LABELS, analyse_one
from retrieval.themes import Theme, complaint_themes

STOPWORDS = frozenset(
    "a an and are but for from how in is it my of on or that the their this to was what who why "
    "with about any did do does reviews review".split()
)
MAX_QUERY_CHARS = 500
Stars = Annotated[int, Field(ge=1, le=5, description="A star rating, 1 (worst) to 5 (best).")]
THEME_EXAMPLES = 2


def search_reviews(
    ctx: ToolContext,
    query: Annotated[
        str | None,
        Field(max_length=MAX_QUERY_CHARS, description="What to look for; omit for the latest."),
    ] = None,
    customer_id: CustomerId | None = None,
    product_id: ProductId | None = None,
    segment: SegmentName | None = None,
    sentiment: Sentiment | None = None,
    min_rating: Stars | None = None,
    max_rating: Stars | None = None,
    k: Annotated[int, Field(ge=1, le=50, description="How many reviews.")] = 5,
    offset: Offset = 0,
) -> ToolOutput:
    """Reviews found by meaning ("late delivery", "stale coffee"), optionally only those of a
    customer, a product, a segment, one sentiment or a star rating (min_rating to max_rating,
    1-5); without a query, the latest reviews. `offset` skips the first ranks, for the next page.

    For "what do customers say about shipping?", "show negative reviews of B000EYLDYE" or
    "2-star reviews about delivery".
    """
    if min_rating is not None and max_rating is not None and min_rating > max_rating:
        raise InvalidInput(
            f"min_rating {min_rating} is above max_rating {max_rating}: no review is rated both; "
            "give the lower number as min_rating"
        )
    index = ctx.data.review_index()
    cid, name, who = _customer_filter(ctx.data, customer_id, segment)
    products = [_product(ctx.data, product_id)] if product_id else None
    where = ReviewFilter(
        customer_ids=who,
        product_ids=products,
        sentiment=sentiment,
        min_rating=min_rating,
        max_rating=max_rating,
    )
    text = (query or "").strip() or None
    hits = index.search(text, ctx.embedder(), k=offset + k, where=where)[offset:]
    rows = ranked([_hit(hit, text) for hit in hits], offset)
    scope = rated(min_rating, max_rating) + _scope(cid, products, name)
    kind = f"{sentiment} " if sentiment else ""
    matching = f" match “{_short(text)}”" if text else ""
    if not rows and offset:
        total = len(matching_rows(index.metadata, where))
        answer = past_end(offset, total, f"{kind}review", scope) if total else ""
        answer = answer or f"No {kind}reviews{scope}{matching}."
    elif not rows:
        answer = f"No {kind}reviews{scope}{matching}."
    else:
        labels = Counter(r["sentiment_label"] for r in rows)
        mix = ", ".join(f"{labels[label]} {label}" for label in LABELS if labels[label])
        if offset:
            total = len(matching_rows(index.metadata, where))
            noun = span(offset, len(rows), total, f"{kind}review").capitalize()
        else:
            noun = f"{len(rows):,} {kind}review" + ("" if len(rows) == 1 else "s")
        # A later page ranks every review by meaning: "of 5,000" are searched, not matching.
        closest = f" ranked by closeness to “{_short(text)}”" if offset else matching
        head = f"{noun}{scope}" + (closest if text else ", the latest first")
        best = rows[0]
        stars = "" if best["rating"] is None else f", rated {best['rating']:g}/5"
        answer = (
            f"{head}: {mix}. The {'best match' if text else 'latest'} is review "
            f"{best['review_id']} by customer {best['customer_id']}{stars}."
        )
    filters = _filters(who, products, name, sentiment) | {
        "min_rating": min_rating,
        "max_rating": max_rating,
    }
    result = {"query": text, "filters": filters, "offset": offset, "hits": rows}
    return output(answer, result, [{"type": "reviews", "query": text, "hits": rows}], len(rows))


def rated(min_rating: int | None, max_rating: int | None) -> str:
    """The rating filter in words: ' rated 2 stars', ' rated 4 stars or more', ' rated 1-2
    stars'; '' without one."""
    if min_rating is None and max_rating is None:
        return ""
    if min_rating == max_rating:
        return f" rated {min_rating} star" + ("" if min_rating == 1 else "s")
    if max_rating is None:
        return f" rated {min_rating} stars or more"
    if min_rating is None:
        return f" rated {max_rating} star" + ("" if max_rating == 1 else "s") + " or less"
    return f" rated {min_rating}-{max_rating} stars"


def review_sentiment(
    ctx: ToolContext,
    text: Annotated[
        str | None, Field(max_length=5000, description="One text to score, instead of reviews.")
    ] = None,
    customer_id: CustomerId | None = None,
    product_id: ProductId | None = None,
    segment: SegmentName | None = None,
) -> ToolOutput:
    """Sentiment of reviews (all, or a customer's, a product's or a segment's): how many are
    negative, neutral and positive, and the complaint themes of the negative ones; or the
    sentiment of one given text.

    For "how do customers feel?", "what are at-risk customers complaining about?" or "is this
    message positive?".
    """
    if text is not None:
        if customer_id or product_id or segment:
            raise InvalidInput("give either text, or customer_id / product_id / segment, not both")
        found = analyse_one(text, ctx.embedder())
        answer = f"The text reads {found.label} (score {found.score:+.2f} on a scale of -1 to 1)."
        card = {"type": "sentiment", "counts": {found.label: 1}, "score": found.score, "themes": []}
        return output(answer, {"text": found.to_dict()}, [card], rows=1)

    index = ctx.data.review_index()
    cid, name, who = _customer_filter(ctx.data, customer_id, segment)
    products = [_product(ctx.data, product_id)] if product_id else None
    if cid or products:
        total, counts, mean = _breakdown(index, who, products)
        where = ReviewFilter(product_ids=products)
        themes = complaint_themes(index, who, where, examples=THEME_EXAMPLES)
    else:  # all reviews, or a segment's: the same every time until the index changes
        total, counts, mean = ctx.data.memo(
            f"breakdown:{name or '*'}",
            ("store", "review_index"),
            lambda: _breakdown(index, who, None),
        )
        themes = cached_themes(ctx.data, name)
    scope = _scope(cid, products, name)
    if total == 0:
        answer = f"There are no reviews{scope}."
    else:
        answer = (
            f"Of {count(total, 'review')}{scope}, {counts['negative']:,} are negative "
            f"({pct(counts['negative'] / total)}), {counts['neutral']:,} neutral and "
            f"{counts['positive']:,} positive."
        )
        if themes:
            named = [f"{t.name} ({count(t.count, 'review')})" for t in themes]
            answer += f" Top complaint themes: {listing(named)}."
    shown = [_theme(t) for t in themes]
    result = {"filters": _filters(who, products, name, None), "reviews": total,
              "counts": counts, "mean_score": mean, "themes": shown}  # fmt: skip
    card = {"type": "sentiment", "counts": counts, "mean_score": mean, "themes": shown}
    return output(answer, result, [card], rows=total)


def _breakdown(
    index: ReviewIndex, who: Collection[str] | None, products: list[str] | None
) -> tuple[int, dict[str, int], float | None]:
    """How many reviews pass the filter, how many of each sentiment, and the mean score."""
    rows = matching_rows(index.metadata, ReviewFilter(customer_ids=who, product_ids=products))
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


def highlights(text: str, query: str | None) -> list[list[int]]:
    """[start, end) character spans in `text` of the query's words (and words they begin),
    ignoring case and common words; merged where they touch."""
    if not query:
        return []
    words = {w for w in re.findall(r"\w+", query.lower()) if len(w) > 1 and w not in STOPWORDS}
    if not words:
        return []
    pattern = re.compile(
        r"\b(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + r")\w*",
        re.IGNORECASE,
    )
    spans: list[list[int]] = []
    for match in pattern.finditer(text):
        if spans and match.start() <= spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], match.end())
        else:
            spans.append([match.start(), match.end()])
    return spans


def _customer_filter(
    data: StoreData, customer_id: str | None, segment: str | None
) -> tuple[str | None, str | None, Collection[str] | None]:
    """The customer's id, the segment's name, and the customer ids a filter keeps: one
    customer, a segment's members, or both (the customer if a member, else nobody)."""
    cid = data.customers().resolve(customer_id) if customer_id else None
    name = data.segments().resolve(segment) if segment else None
    who: frozenset[str] | None = None if cid is None else frozenset({cid})
    if name is not None:
        members = data.segments().member_set(name)
        who = members if who is None else who & members
    return cid, name, who


def _product(data: StoreData, product_id: str) -> str:
    wanted = product_id.strip()
    catalogue = data.catalogue()
    reviewed = data.memo(
        "reviewed_products",
        ("store", "review_index"),
        lambda: frozenset(data.review_index().metadata["product_id"].astype(str)),
    )
    if wanted in catalogue or wanted in reviewed:
        return wanted
    example = next(iter(catalogue or reviewed), "B000EYLDYE")
    raise NotFound(f"no product '{wanted}'; ids look like '{example}'")


def _hit(hit: ReviewHit, query: str | None) -> dict[str, Any]:
    return {
        "review_id": hit.review_id,
        "customer_id": hit.customer_id,
        "product_id": hit.product_id,
        "ts": hit.ts.isoformat(),
        "rating": hit.rating,
        "text": hit.text,
        "sentiment_label": hit.sentiment_label,
        "sentiment_score": round(hit.sentiment_score, 4),
        "similarity": None if hit.similarity is None else round(hit.similarity, 4),
        "highlights": highlights(hit.text, query),
    }


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


def _scope(customer_id: str | None, products: list[str] | None, segment: str | None) -> str:
    parts = []
    if customer_id:
        parts.append(f" by customer {customer_id}")
    if segment:
        parts.append(f" from segment '{segment}'")
    if products:
        parts.append(f" of product {products[0]}")
    return "".join(parts)


def _filters(
    who: Collection[str] | None,
    products: list[str] | None,
    segment: str | None,
    sentiment: str | None,
) -> dict[str, Any]:
    few = sorted(who) if who is not None and len(who) <= 10 else None
    return {"customer_ids": few, "customers": None if who is None else len(who),
            "product_ids": products, "segment": segment, "sentiment": sentiment}  # fmt: skip


def _short(text: str | None, limit: int = 80) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
