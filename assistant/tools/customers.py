"""Tools about customers: one customer's profile and lookalikes of a customer. The most
valuable at-risk customers are at_risk.py's, re-exported here for the catalogue and callers
that import the customer tools from this module."""

from typing import Annotated, Any

from pydantic import Field

from assistant.roles import sees_contacts
from assistant.tools.args import CustomerId
from assistant.tools.at_risk import at_risk_customers
from assistant.tools.base import ToolContext, ToolOutput
from assistant.tools.format import listing, output
from assistant.tools.lookalike_words import alike_words, trait_values
from assistant.tools.paging import Offset, past_end, ranked, span
from assistant.tools.profile_answer import About, ProfileWords
from assistant.tools.score_horizons import horizons

__all__ = ["at_risk_customers", "customer_profile", "similar_customers"]

MAX_ORDERS = 200  # orders drawn on a profile's timeline (the most recent)
MAX_REVIEWS = 5
MAX_PRODUCTS = 10  # most bought products on a profile's card and result (the answer names 3)


def customer_profile(ctx: ToolContext, customer_id: CustomerId, about: About = None) -> ToolOutput:
    """One customer's profile: churn risk, predicted value (CLV) with its interval, value at
    risk and the reasons, segment, order history, the products they bought most and recent
    reviews, and what their last order held. `about` (orders, last_order, contact, risk,
    value, reviews or products) is the part asked about, which the answer opens with.

    For questions such as "tell me about customer 00042", "why is 00042 at risk?" (risk),
    "what has 00042 bought?" (products) or "what was in 00042's last order?" (last_order).
    """
    data = ctx.data
    customers = data.customers()
    cid = ctx.customer(customer_id)
    contact = customers.contacts.get(cid, {})
    segments = data.segments()
    segment, cluster = segments.segment_of.get(cid), segments.cluster_of.get(cid)
    scores = data.scores()
    score = scores.row(cid) if scores is not None else None
    summary = customers.order_summary(cid)
    orders = customers.orders(cid, limit=MAX_ORDERS)
    purchases = data.purchases()
    # What the latest order held ("what was in their last order?"): its lines as recorded.
    last_order = (
        {**orders[-1], "amount": round(orders[-1]["amount"], 2),
         "lines": purchases.order_lines(orders[-1]["order_id"])}
        if orders
        else None
    )  # fmt: skip
    reviews = data.reviews().of(cid, limit=MAX_REVIEWS)
    reviews_total = data.reviews().count(cid)
    bought = purchases.bought(cid, MAX_PRODUCTS)
    # null, not 0, where the store has no order lines to tell what anyone bought
    products_bought = purchases.products_bought(cid) if purchases.has_order_lines else None
    # A marketer gets nothing of what is on file about the person.
    signed_up = customers.signed_up.get(cid) if sees_contacts(ctx.role) else None

    joined = {"signup_date": signed_up} if signed_up else {}
    card: dict[str, Any] = {
        "type": "customer",
        "customer_id": cid,
        **contact,
        **joined,
        "segment": segment,
        "cluster": cluster,
        **_score_fields(score),
        "reasons": score["reasons"] if score else [],
        "orders": [{"ts": o["ts"], "amount": round(o["amount"], 2)} for o in orders],
        "orders_total": summary["orders"],
        "last_order": last_order,
        "products": bought,
        "products_bought": products_bought,
        "reviews": reviews,
        "reviews_total": reviews_total,
    }
    result = {
        "customer_id": cid,
        **contact,
        **joined,
        "segment": segment,
        "cluster": cluster,
        "scores": score,
        "horizons": horizons(data, ctx.settings) if score is not None else None,
        "order_summary": summary,
        "orders": orders,
        "last_order": last_order,
        "products": bought,
        "products_bought": products_bought,
        "reviews": reviews,
        "reviews_total": reviews_total,
    }
    first = None
    if about == "orders" and orders:  # the timeline holds the latest: the first may be older
        first = (orders if len(orders) == summary["orders"] else customers.orders(cid))[0]
    words = ProfileWords(result, ctx.role, ctx.settings.currency_symbol,
                         first["amount"] if first else None)  # fmt: skip
    return output(words.answer(about), result, [card], rows=1)


def similar_customers(
    ctx: ToolContext,
    customer_id: CustomerId,
    k: Annotated[int, Field(ge=1, le=50, description="How many lookalikes.")] = 5,
    offset: Offset = 0,
) -> ToolOutput:
    """Customers who behave most like one customer (lookalikes from the customer index), each
    with the behaviour they share, nearest first; `offset` skips the nearest, for the next page.

    For "who else is like 00042?" or "find customers similar to 00042".
    """
    data, symbol = ctx.data, ctx.settings.currency_symbol
    cid = ctx.customer(customer_id)
    index = data.customer_index()
    found = index.similar(cid, k=offset + k)[offset:]
    segment_of = data.segments().segment_of
    rows = ranked(
        [
            {
                "customer_id": n.customer_id,
                "distance": round(n.distance, 3),
                "shared": [trait_values(trait, symbol) for trait in n.shared],
                "segment": segment_of.get(n.customer_id),
            }
            for n in found
        ],
        offset,
    )
    others = len(index.features) - 1
    if rows:
        names = [f"{r['customer_id']} (distance {r['distance']:.2f})" for r in rows]
        who = "" if offset == 0 else f", {span(offset, len(rows), others, 'lookalike')}"
        answer = f"The customers who behave most like {cid}{who}: {listing(names)}."
        first = found[0].customer_id
        alike = alike_words(index, cid, first, found[0].shared, symbol)
        if alike:
            closest = "The closest" if offset == 0 else "The first of these"
            answer += f" {closest}, {first}, is, {alike}."
    elif offset and others > 0:
        answer = past_end(offset, others, "other customer", " to compare with")
    else:
        answer = f"No other customers to compare {cid} with."
    card = {"type": "similar", "customer_id": cid, "rows": rows}
    return output(answer, {"customer_id": cid, "offset": offset, "rows": rows}, [card], len(rows))


def _score_fields(score: dict[str, Any] | None) -> dict[str, Any]:
    keys = ("churn_risk", "clv", "clv_low", "clv_high", "value_at_risk")
    return {key: score.get(key) if score else None for key in keys}
