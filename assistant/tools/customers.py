"""Tools about customers: one customer's profile and lookalikes of a customer. The most
valuable at-risk customers are at_risk.py's, re-exported here for the catalogue and callers
that import the customer tools from this module."""

from typing import Annotated, Any

from pydantic import Field

from assistant.roles import sees_contacts
from assistant.tools.args import CustomerId
from assistant.tools.at_risk import at_risk_customers
from assistant.tools.base import ToolContext, ToolOutput
from assistant.tools.format import chance, count, day, listing, money, output, pct
from assistant.tools.lookalike_words import alike_words, trait_values
from assistant.tools.paging import Offset, past_end, ranked, span
from predictors.predictor import INTERVAL

__all__ = ["at_risk_customers", "customer_profile", "similar_customers"]

MAX_ORDERS = 200  # orders drawn on a profile's timeline (the most recent)
MAX_REVIEWS = 5
MAX_REASONS = 3
MAX_PRODUCTS = 10  # most bought products on a profile's card and result
PRODUCTS_SAID = 3  # of which the answer names these
INTERVAL_LABEL = f"{round((INTERVAL[1] - INTERVAL[0]) * 100)}% interval"


def customer_profile(ctx: ToolContext, customer_id: CustomerId) -> ToolOutput:
    """One customer's profile: churn risk, predicted value (CLV) with its interval, value at
    risk and the reasons, segment, order history, the products they bought most and recent
    reviews.

    For questions such as "tell me about customer 00042", "why is 00042 at risk?" or "what has
    00042 bought?".
    """
    data, symbol = ctx.data, ctx.settings.currency_symbol
    customers = data.customers()
    cid = ctx.customer(customer_id)
    contact = customers.contacts.get(cid, {})
    segments = data.segments()
    segment, cluster = segments.segment_of.get(cid), segments.cluster_of.get(cid)
    scores = data.scores()
    score = scores.row(cid) if scores is not None else None
    summary = customers.order_summary(cid)
    orders = customers.orders(cid, limit=MAX_ORDERS)
    reviews = data.reviews().of(cid, limit=MAX_REVIEWS)
    reviews_total = data.reviews().count(cid)
    purchases = data.purchases()
    bought = purchases.bought(cid, MAX_PRODUCTS)
    # null, not 0, where the store has no order lines to tell what anyone bought
    products_bought = purchases.products_bought(cid) if purchases.has_order_lines else None

    who = f"Customer {cid}" + (f" ({contact['name']})" if "name" in contact and
                                sees_contacts(ctx.role) else "")  # fmt: skip
    if score is not None:
        facts = (
            f"{who}: churn risk {chance(score['churn_risk'])}, predicted value "
            f"{money(score['clv'], symbol)} ({_interval(score, symbol)}), value at risk "
            f"{money(score['value_at_risk'], symbol)}"
        )
    elif summary["orders"]:
        facts = f"{who}: no predictions yet (run `retain train` and `retain score`)"
    else:
        facts = f"{who} has no orders yet"
    sentences = [facts + (f"; segment '{segment}'." if segment else ".")]
    signed_up = None
    if sees_contacts(ctx.role):  # a marketer gets nothing of what is on file about the person
        signed_up = customers.signed_up.get(cid)
        sentences.append(_on_file(contact, signed_up))
    if summary["orders"]:
        sentences.append(
            f"{count(summary['orders'], 'order')} totalling "
            f"{money(summary['spend_total'], symbol)}, the last on {day(summary['last_order'])} "
            f"for {money(summary['last_order_amount'], symbol)}."
        )
    if bought and products_bought:
        sentences.append(_most_bought(bought, products_bought))
    reasons = score["reasons"][:MAX_REASONS] if score else []
    if reasons:
        sentences.append("Top reasons: " + "; ".join(reasons) + ".")

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
        "order_summary": summary,
        "orders": orders,
        "products": bought,
        "products_bought": products_bought,
        "reviews": reviews,
        "reviews_total": reviews_total,
    }
    return output(" ".join(sentences), result, [card], rows=1)


def _on_file(contact: dict[str, str], signed_up: str | None) -> str:
    """What the store holds to reach the customer, for a role that sees contacts: 'E-mail on
    file: ada@example.com; no phone on file; signed up on 1997-01-02.'"""
    email = f"E-mail on file: {contact['email']}" if "email" in contact else "No e-mail on file"
    phone = f"phone on file: {contact['phone']}" if "phone" in contact else "no phone on file"
    joined = f"; signed up on {signed_up}" if signed_up else ""
    return f"{email}; {phone}{joined}."


def _most_bought(bought: list[dict[str, Any]], products: int) -> str:
    """The sentence on what the customer bought most: 'Most bought of 14 products: Green tea
    (Tea): 12 units, last 1998-05-01; ...; and 11 more.'"""
    said = [
        f"{_product_name(p)}: {count(p['units'], 'unit')}, last {p['last_bought']}"
        for p in bought[:PRODUCTS_SAID]
    ]
    more = f"; and {products - len(said):,} more" if products > len(said) else ""
    # "Most bought" only when some were bought more than others: one unit each is a list.
    ranked = len({p["units"] for p in bought}) > 1
    head = (
        f"{'Most bought of' if ranked else 'Bought'} {count(products, 'product')}"
        if more
        else "Bought"
    )
    return f"{head}: {'; '.join(said)}{more}."


def _product_name(product: dict[str, Any]) -> str:
    """A product as people read it: its title (else its id), with its category when known."""
    name = product["title"] or product["product_id"]
    return f"{name} ({product['category']})" if product["category"] else name


def _interval(score: dict[str, Any], symbol: str) -> str:
    """The CLV interval in words. An upper end of 0 means the customer will most likely buy
    nothing: the predicted value is then an average above the whole interval, which reads as a
    mistake unless said."""
    if score["clv_high"] <= 0:
        return f"an average: at least a {pct(INTERVAL[1])} chance of buying nothing"
    low, high = money(score["clv_low"], symbol), money(score["clv_high"], symbol)
    return f"{INTERVAL_LABEL} {low}-{high}"


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
