"""Gathering an offer's facts from the workspace: the store's tables and the latest scores.

Everything here is pandas over the store; nothing is worded. Scores are optional (a store that
was never scored still gets offers, without the risk and value context).
"""

from collections.abc import Sequence
from datetime import date, timedelta

import pandas as pd

from assistant.drafting.facts import Channel, OfferFacts, Product, SegmentFacts, safe_first_name
from assistant.drafting.grounding import Catalogue
from assistant.drafting.policy import OfferPolicy
from assistant.drafting.recency import gone_quiet
from commerce.errors import NotFound, RetainError
from commerce.workspace import Store, Workspace
from predictors.history import from_store
from predictors.pipeline import latest_scores
from predictors.segment_facts import customer_segments, segment_members, segment_table
from retrieval.build import open_review_index
from retrieval.themes import complaint_themes

MAX_PRODUCTS = 3  # products of the last order named to the model
MAX_REVIEW_CHARS = 300


def gather_offer_facts(
    workspace: Workspace,
    customer_id: str,
    policy: OfferPolicy,
    discount_pct: int | None = None,
    channel: Channel = "email",
    today: date | None = None,
    recommended: Sequence[Product] = (),
    recency: int | None = None,
) -> OfferFacts:
    """The facts of an offer to one customer; NotFound when the store has no such customer.
    `recommended`: the recommender's picks for them (the first MAX_PRODUCTS become facts).
    `recency`: their RFM recency score (1-5), when the caller holds it; else worked out here.

    The discount is checked against the policy here (InvalidInput above the maximum), so no
    draft is ever attempted for an offer the policy forbids.
    """
    store = workspace.store()
    discount = policy.discount(discount_pct)
    orders = store.table("orders", ["order_id", "customer_id", "ts", "amount"])
    mine = orders[orders["customer_id"].astype(str) == customer_id].sort_values("ts")
    if mine.empty:
        raise NotFound(f"customer '{customer_id}' has no orders in store {store.version}")
    last = mine.iloc[-1]
    items = _items(store, set(mine["order_id"].astype(str)))
    last_items = items[items["order_id"] == str(last["order_id"])] if not items.empty else items
    favourite = _favourite_category(items)
    scores = latest_scores(workspace)
    row = scores[scores["customer_id"] == customer_id] if scores is not None else None
    has_score = row is not None and not row.empty
    return OfferFacts(
        customer_id=customer_id,
        channel=channel,
        discount_pct=discount,
        offer_expires=(today or date.today()) + timedelta(days=policy.offer_valid_days),
        customer_name=safe_first_name(_customer_name(store, customer_id)),
        favourite_category=favourite,
        last_order_date=pd.Timestamp(last["ts"]).date(),
        last_order_amount=round(float(last["amount"]), 2),
        last_order_products=_last_order_products(last_items, favourite),
        recommended_products=tuple(recommended[:MAX_PRODUCTS]),
        recent_review=_recent_review(store, customer_id),
        churn_risk=float(row["churn_risk"].iloc[0]) if has_score and row is not None else None,
        predicted_value=float(row["clv"].iloc[0]) if has_score and row is not None else None,
        perks=policy.perks,
        gone_quiet=gone_quiet([recency if recency is not None else _recency(store, customer_id)]),
    )


def _last_order_products(items: pd.DataFrame, favourite: str | None) -> tuple[Product, ...]:
    """The last order's products, those of the favourite category first (the prompt names the
    first: copy that mentions the favourite category beside it is then true), else in order."""
    lines = items.drop_duplicates("product_id")
    lines = lines[[isinstance(t, str) and bool(t) for t in lines["title"]]]
    ranked = sorted(
        lines.itertuples(), key=lambda r: favourite is None or r.category != favourite
    )  # a stable sort: the order's own order within each group
    return tuple(
        Product(str(r.product_id), str(r.title), _text(r.category)) for r in ranked[:MAX_PRODUCTS]
    )


def _text(value: object) -> str | None:
    return (value.strip() or None) if isinstance(value, str) else None


def _recency(store: Store, customer_id: str) -> int:
    """The customer's RFM recency score (1-5) as the store stands at its last day."""
    history = from_store(store)
    recency = customer_segments(history, history.last_day)["r"]
    return int(recency[recency.index == customer_id].iloc[0])


def catalogue(workspace: Workspace) -> Catalogue:
    """Every product id with its title, for spotting products a draft names, the store's
    categories, for spotting one the facts lack, and each product's category, for spotting a
    product presented as one of another category; empty without products."""
    store = workspace.store()
    if not store.has("products"):
        return Catalogue({})
    products = store.table("products", ["product_id", "title", "category"])
    titled = products.dropna(subset=["product_id", "title"])
    titles = zip(titled["product_id"].astype(str), titled["title"].astype(str), strict=True)
    categories = products["category"].dropna().astype(str).str.strip()
    filed = {
        str(pid): category
        for pid, written in zip(products["product_id"], products["category"], strict=True)
        if pd.notna(pid) and (category := _text(written))
    }
    return Catalogue(dict(titles), sorted(set(categories[categories != ""])), filed)


def _items(store: Store, order_ids: set[str]) -> pd.DataFrame:
    """A customer's order lines with product title and category; empty without those tables."""
    columns = ["order_id", "product_id", "quantity", "title", "category"]
    if not (store.has("order_items") and store.has("products")):
        return pd.DataFrame(columns=columns)
    items = store.table("order_items", ["order_id", "product_id", "quantity"])
    items = items[items["order_id"].astype(str).isin(order_ids)].copy()
    items["order_id"] = items["order_id"].astype(str)
    products = store.table("products", ["product_id", "title", "category"])
    return items.merge(products, on="product_id", how="left")[columns]


def _favourite_category(items: pd.DataFrame) -> str | None:
    # The category bought in the largest quantity; ties go to the alphabetically first.
    known = items.dropna(subset=["category"])
    if known.empty:
        return None
    totals = known.groupby("category")["quantity"].sum().sort_index()
    return str(totals.idxmax())


def _customer_name(store: Store, customer_id: str) -> str | None:
    if not store.has("customers"):
        return None
    customers = store.table("customers")
    if "name" not in customers.columns:
        return None
    match = customers.loc[customers["customer_id"].astype(str) == customer_id, "name"].dropna()
    return str(match.iloc[0]) if not match.empty else None


def _recent_review(store: Store, customer_id: str) -> str | None:
    if not store.has("reviews"):
        return None
    reviews = store.table("reviews", ["customer_id", "ts", "text"])
    mine = reviews[reviews["customer_id"].astype(str) == customer_id].dropna(subset=["text"])
    if mine.empty:
        return None
    return str(mine.sort_values("ts").iloc[-1]["text"])[:MAX_REVIEW_CHARS]


def gather_segment_facts(workspace: Workspace, name: str) -> SegmentFacts:
    """The facts of one segment or cluster (predictors), with complaint themes when the review
    index is built and current."""
    history = from_store(workspace.store())
    segments = customer_segments(history, history.last_day)
    rows = [
        row
        for by in ("segment", "cluster")
        for row in segment_table(segments, latest_scores(workspace), history, by=by)
    ]
    row = next((r for r in rows if r["name"].lower() == name.strip().lower()), None)
    if row is None:
        raise NotFound(f"no segment '{name}'; known: {', '.join(r['name'] for r in rows)}")
    if "avg_clv" not in row:
        raise NotFound("the current store has no scores: run `retain train` and `retain score`")
    themes: list[str] = []
    try:
        index = open_review_index(workspace)
        members = set(segment_members(history, history.last_day, row["name"]))
        themes = [t.name for t in complaint_themes(index, customer_ids=members, examples=0)]
    except RetainError:
        pass  # no current review index: the summary goes without themes
    return SegmentFacts(
        name=row["name"],
        size=row["customers"],
        revenue_share=row["share_of_revenue"],
        avg_predicted_value=row["avg_clv"],
        avg_churn_risk=row["avg_churn_risk"],
        top_categories=tuple(row["top_categories"]),
        themes=tuple(themes),
    )
