"""Which reviews a review tool reads, and how it says so: the customers a customer id and a
segment keep (both: the customer if a member), the product id checked against the catalogue
and the reviewed products, the products of one category or several (read as every tool reads
them: categories.py), the period they were written in (placed on the reviews' own calendar:
"last month" is the month before the last review's), and the scope and filters said back in
the answer and result. Shared by reviews.py (search_reviews) and sentiment.py
(review_sentiment).
"""

import re
from collections.abc import Collection
from dataclasses import replace
from typing import Annotated, Any

import pandas as pd
from pydantic import Field

from assistant.tools.base import ToolContext
from assistant.tools.categories import Categories, categories_fields, categories_named
from assistant.tools.data import StoreData
from assistant.tools.format import day
from assistant.tools.period_days import DayRange
from assistant.tools.periods import MAX_DAYS, Asked, Period, period_asked, period_words
from assistant.tools.product_sales import cached_sales, chosen_key
from commerce.errors import InvalidInput, NotFound
from commerce.id_rules import is_plain_id
from retrieval.filters import ReviewFilter

WORDS = re.compile(r"[\w'-]+")
NO_CATEGORIES = (
    "This store has no order lines (order_items), so its product categories are not read; ask "
    "without a category."
)
ReviewCategory = Annotated[
    str,
    Field(
        min_length=1,
        max_length=200,
        description="Only reviews of this product category, or of any of several separated by "
        'commas ("Tea, Coffee").',
    ),
]
ReviewAbout = Annotated[
    str,
    Field(
        min_length=1,
        max_length=100,
        description="Only reviews whose text mentions every word of this, any case, each as a "
        "word or its plural ('earl grey', 'shipping'): words as written, not their meaning "
        "(search_reviews finds reviews by meaning).",
    ),
]
# Words that name nothing a review mentions: "the packaging" is "packaging".
UNSAID = frozenset("a an the of and or about for with on in our my your their its".split())
MAX_MENTIONED = 6
ReviewDays = Annotated[
    int,
    Field(ge=1, le=MAX_DAYS, description="Only reviews of this many days, to the last review's."),
]


def customer_filter(
    ctx: ToolContext, customer_id: str | None, segment: str | None
) -> tuple[str | None, str | None, Collection[str] | None]:
    """The customer's id (typed as an id, or a name where the role may: ToolContext.customer),
    the segment's name, and the customer ids a filter keeps: one customer, a segment's
    members, or both (the customer if a member, else nobody)."""
    data = ctx.data
    cid = ctx.customer(customer_id) if customer_id else None
    name = data.segments().resolve(segment) if segment else None
    who: frozenset[str] | None = None if cid is None else frozenset({cid})
    if name is not None:
        members = data.segments().member_set(name)
        who = members if who is None else who & members
    return cid, name, who


def mentioned(about: str) -> tuple[str, ...]:
    """The words `about` asks reviews to mention, lower case, without UNSAID ones;
    InvalidInput naming `about` when none is left, or more than MAX_MENTIONED."""
    words = tuple(dict.fromkeys(w for w in WORDS.findall(about.lower()) if w not in UNSAID))
    if not words:
        raise InvalidInput(f"about ({about!r}) names no word a review could mention")
    if len(words) > MAX_MENTIONED:
        raise InvalidInput(
            f"about ({about!r}) has {len(words)} words; a review must mention every one, so "
            f"give at most {MAX_MENTIONED} (search_reviews finds reviews by meaning)"
        )
    return words


def known_product(data: StoreData, product_id: str) -> str:
    """The product id as typed, when the catalogue or a review knows it; NotFound otherwise."""
    wanted = product_id.strip()
    catalogue = data.catalogue()
    reviewed = data.memo(
        "reviewed_products",
        ("store", "review_index"),
        lambda: frozenset(data.review_index().metadata["product_id"].astype(str)),
    )
    if wanted in catalogue or wanted in reviewed:
        return wanted
    example = next((p for p in catalogue or reviewed if is_plain_id(p)), "B000EYLDYE")
    raise NotFound(f"no product '{wanted}'; ids look like '{example}'")


def category_products(
    data: StoreData, category: str | None
) -> tuple[Categories | None, frozenset[str] | None, str]:
    """The store's categories `category` names, one or several separated by commas, each read
    as every tool reads one (categories.py: any case, singular or plural, a close misspelling:
    'coffe' is Coffee), the ids of the products of any of them, and what the answer opens with
    where one was read from a close spelling ("(Read 'coffe' as Coffee.) "); (None, None, '')
    without one. NotFound naming the unknown one and the store's categories."""
    if category is None:
        return None, None, ""
    sales = cached_sales(data)
    if sales is None:
        raise NotFound(NO_CATEGORIES)
    chosen = categories_named(sales, category)
    products = data.memo(
        f"review_category:{chosen_key(chosen.names)}",
        ("store",),
        lambda: frozenset(sales.products.index[sales.products["category"].isin(chosen.names)]),
    )
    return chosen, products, chosen.misread


def product_filter(
    products: list[str] | None, in_category: frozenset[str] | None
) -> Collection[str] | None:
    """The product ids a filter keeps: the product asked (none when a category asked beside
    it does not hold it), the category's products, or None for every product."""
    if in_category is None:
        return products
    if products is None:
        return in_category
    return [p for p in products if p in in_category]


def review_period(data: StoreData, asked: Asked) -> Period | None:
    """The days `asked` names on the reviews' calendar; None when it names none (all
    reviews). InvalidInput names what is wrong (periods.py), or that no review is dated."""
    asked.check()
    if not asked.given():
        return None
    days: DayRange | None = data.memo(
        "review_days", ("store", "review_index"), lambda: _review_days(data)
    )
    if days is None:
        raise InvalidInput("no review carries a date, so there is no period to read them in")
    return period_asked(days, asked, MAX_DAYS)


def _review_days(data: StoreData) -> DayRange | None:
    """The first and last day a review was written (None: no review is dated)."""
    written = data.review_index().metadata["ts"].dropna()
    if written.empty:
        return None
    first, last = pd.Timestamp(written.min()), pd.Timestamp(written.max())
    return DayRange(first.normalize(), last.normalize(), "the last review's day")


def written_in(where: ReviewFilter, when: Period | None) -> ReviewFilter:
    """The filter, narrowed to the reviews written in the period (unchanged for None)."""
    return where if when is None else replace(where, since=when.start, until=when.end)


def period_phrase(when: Period | None, asked: Asked) -> str:
    """The period in words: ' from 1998-05-01 to 1998-05-31', ' in the 30 days to
    1998-06-30', or '' for all reviews."""
    return "" if when is None else f" {period_words(when, asked.dated)}"


def period_card(when: Period | None) -> dict[str, str]:
    """The period's first and last day for a card ({} for all reviews)."""
    return {} if when is None else {"from": day(when.start), "to": day(when.end)}


def scope_phrase(
    customer_id: str | None,
    products: list[str] | None,
    segment: str | None,
    chosen: Categories | None = None,
    mentions: tuple[str, ...] | None = None,
) -> str:
    """The filter in words for an answer: ' mentioning 'earl grey' by customer 42 from segment
    'loyal' in category Tea' (' in categories Tea and Coffee'), or ''."""
    parts = [f" mentioning '{' '.join(mentions)}'"] if mentions else []
    if customer_id:
        parts.append(f" by customer {customer_id}")
    if segment:
        parts.append(f" from segment '{segment}'")
    if products:
        parts.append(f" of product {products[0]}")
    if chosen is not None:
        parts.append(f" in {chosen.titled}")
    return "".join(parts)


def filter_facts(
    who: Collection[str] | None,
    products: list[str] | None,
    segment: str | None,
    sentiment: str | None,
    when: Period | None,
    chosen: Categories | None = None,
) -> dict[str, Any]:
    """The filters as a result reports them (customer ids listed only when ten or fewer; the
    categories as read: categories.categories_fields; the period's first and last day, null
    for all reviews)."""
    few = sorted(who) if who is not None and len(who) <= 10 else None
    return {"customer_ids": few, "customers": None if who is None else len(who),
            "product_ids": products, **categories_fields(chosen), "segment": segment,
            "sentiment": sentiment, "from": None, "to": None} | period_card(when)  # fmt: skip
