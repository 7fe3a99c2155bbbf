"""Which reviews a review tool reads, and how it says so: the customers a customer id and a
segment keep (both: the customer if a member), the product id checked against the catalogue
and the reviewed products, and the scope and filters said back in the answer and result.
Shared by reviews.py (search_reviews) and sentiment.py (review_sentiment).
"""

from collections.abc import Collection
from typing import Any

from assistant.tools.data import StoreData
from commerce.errors import NotFound


def customer_filter(
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
    example = next(iter(catalogue or reviewed), "B000EYLDYE")
    raise NotFound(f"no product '{wanted}'; ids look like '{example}'")


def scope_phrase(customer_id: str | None, products: list[str] | None, segment: str | None) -> str:
    """The filter in words for an answer: ' by customer 42 from segment 'loyal'', or ''."""
    parts = []
    if customer_id:
        parts.append(f" by customer {customer_id}")
    if segment:
        parts.append(f" from segment '{segment}'")
    if products:
        parts.append(f" of product {products[0]}")
    return "".join(parts)


def filter_facts(
    who: Collection[str] | None,
    products: list[str] | None,
    segment: str | None,
    sentiment: str | None,
) -> dict[str, Any]:
    """The filters as a result reports them (customer ids listed only when ten or fewer)."""
    few = sorted(who) if who is not None and len(who) <= 10 else None
    return {"customer_ids": few, "customers": None if who is None else len(who),
            "product_ids": products, "segment": segment, "sentiment": sentiment}  # fmt: skip
