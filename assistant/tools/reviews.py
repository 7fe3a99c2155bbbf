"""Tools about reviews: search by meaning with filters, and sentiment with complaint themes.

Review text is data a customer wrote: it goes into `result` and cards verbatim, and into an
`answer` (which may be handed to the LLM as a tool result) only as the first hit's opening,
quoted as data (review_quote.py).

This file holds search_reviews; review_sentiment and the complaint themes are in sentiment.py,
and the customer, segment and product filters both tools share in review_filters.py.
"""

import re
from collections import Counter
from typing import Annotated, Any

from pydantic import Field

from assistant.tools.args import (
    CustomerId,
    Month,
    ProductId,
    Quarter,
    SegmentName,
    Sentiment,
    Since,
    Until,
    Year,
)
from assistant.tools.base import ToolContext, ToolOutput
from assistant.tools.format import count, output
from assistant.tools.paging import Offset, past_end, ranked, span
from assistant.tools.periods import Asked
from assistant.tools.review_filters import (
    ReviewCategory,
    ReviewDays,
    category_products,
    customer_filter,
    filter_facts,
    known_product,
    period_card,
    period_phrase,
    product_filter,
    review_period,
    scope_phrase,
    written_in,
)
from assistant.tools.review_quote import quoted_opening
from assistant.tools.sentiment import cached_themes as cached_themes
from assistant.tools.sentiment import review_sentiment as review_sentiment
from commerce.errors import InvalidInput
from retrieval.filters import ReviewFilter, matching_rows
from retrieval.reviews import ReviewHit
from retrieval.sentiment import LABELS

STOPWORDS = frozenset(
    "a an and are but for from how in is it my of on or that the their this to was what who why "
    "with about any did do does reviews review".split()
)
MAX_QUERY_CHARS = 500
Stars = Annotated[int, Field(ge=1, le=5, description="A star rating, 1 (worst) to 5 (best).")]


def search_reviews(
    ctx: ToolContext,
    query: Annotated[
        str | None,
        Field(max_length=MAX_QUERY_CHARS, description="What to look for; omit for the latest."),
    ] = None,
    customer_id: CustomerId | None = None,
    product_id: ProductId | None = None,
    segment: SegmentName | None = None,
    category: ReviewCategory | None = None,
    sentiment: Sentiment | None = None,
    min_rating: Stars | None = None,
    max_rating: Stars | None = None,
    days: ReviewDays | None = None,
    since: Since | None = None,
    until: Until | None = None,
    month: Month | None = None,
    quarter: Quarter | None = None,
    year: Year | None = None,
    k: Annotated[int, Field(ge=1, le=50, description="How many reviews.")] = 5,
    offset: Offset = 0,
) -> ToolOutput:
    """Reviews found by meaning ("late delivery", "stale coffee"), optionally only those of a
    customer, a product, a product category (or several: reviews of any of them), a segment,
    one sentiment, a star rating (min_rating to max_rating, 1-5) or a period (the last days,
    or by the calendar, as top_products takes it); without a query, the latest reviews.
    `offset` skips the first ranks, for the next page.

    For "what do customers say about shipping?", "show negative reviews of B000EYLDYE",
    "2-star reviews about delivery", "reviews of tea or coffee" (category "Tea, Coffee") or
    "complaints about packaging since March".
    """
    if min_rating is not None and max_rating is not None and min_rating > max_rating:
        raise InvalidInput(
            f"min_rating {min_rating} is above max_rating {max_rating}: no review is rated both; "
            "give the lower number as min_rating"
        )
    asked = Asked(days, since, until, month, quarter, year)
    index = ctx.data.review_index()
    cid, name, who = customer_filter(ctx, customer_id, segment)
    products = [known_product(ctx.data, product_id)] if product_id else None
    read_as, in_category, reading = category_products(ctx.data, category)
    when = review_period(ctx.data, asked)
    where = ReviewFilter(
        customer_ids=who,
        product_ids=product_filter(products, in_category),
        sentiment=sentiment,
        min_rating=min_rating,
        max_rating=max_rating,
    )
    where = written_in(where, when)
    text = (query or "").strip() or None
    hits = index.search(text, ctx.embedder(), k=offset + k, where=where)[offset:]
    rows = ranked([_hit(hit, text) for hit in hits], offset)
    scope = rated(min_rating, max_rating) + scope_phrase(cid, products, name, read_as)
    scope += period_phrase(when, asked)
    kind = f"{sentiment} " if sentiment else ""
    # Every review passing the filter is ranked by meaning, however far from the query: the
    # hits are the closest, never "matches". How many pass says whether a page is all of them.
    total = len(index.metadata) if where.is_empty else len(matching_rows(index.metadata, where))
    if not rows:
        answer = past_end(offset, total, f"{kind}review", scope) if offset and total else ""
        answer = answer or f"No {kind}reviews{scope}."
    else:
        labels = Counter(r["sentiment_label"] for r in rows)
        mix = ", ".join(f"{labels[label]} {label}" for label in LABELS if labels[label])
        shown, quoted = len(rows), f"“{_short(text)}”"
        if offset:  # a later page: which ranks, of how many
            head = span(offset, shown, total, f"{kind}review").capitalize() + scope
            head += f" ranked by closeness to {quoted}" if text else ", the latest first"
        elif shown < total:  # a first page of more: of how many
            head = f"The {shown:,}{'' if text else ' latest'} of {count(total, f'{kind}review')}"
            head += scope + (f" closest to {quoted}" if text else "")
        else:  # all of them
            head = count(shown, f"{kind}review") + scope
            head += f", the closest to {quoted} first" if text else ", the latest first"
        best = rows[0]
        stars = "" if best["rating"] is None else f", rated {best['rating']:g}/5"
        answer = (
            f"{head}: {mix}. The {'closest' if text else 'latest'} is review "
            f"{best['review_id']} by customer {best['customer_id']}{stars}: "
            f"{quoted_opening(best['text'], ctx.role)}"
        )
    answer = reading + answer
    filters = filter_facts(who, products, name, sentiment, when, read_as) | {
        "min_rating": min_rating,
        "max_rating": max_rating,
    }
    result = {"query": text, "filters": filters, "total": total, "offset": offset, "hits": rows}
    card = {"type": "reviews", "query": text, "total": total, "hits": rows, **period_card(when)}
    return output(answer, result, [card], len(rows))


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


def _short(text: str | None, limit: int = 80) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
