"""The recommend_products tool: the products a customer is likely to buy next, with reasons.

The recommender (retrieval/recs) ranks; this tool hands it the customer's purchase probability,
segment (cold start) and the store's order lines counted (so a re-order's reason gives the
orders and units the customer's profile gives), and words the answer from its rows.
"""

from typing import Annotated, Any

from pydantic import Field

from assistant.tools.args import CustomerId
from assistant.tools.base import ToolContext, ToolOutput
from assistant.tools.format import listing, output
from assistant.tools.paging import OFFSET_HELP, past_end, ranked
from commerce.errors import NotFound

# Each pick is ranked with its reasons: deeper pages cost more than anyone reads in a chat.
MAX_OFFSET = 100


def recommend_products(
    ctx: ToolContext,
    customer_id: CustomerId,
    k: Annotated[int, Field(ge=1, le=50, description="How many products.")] = 5,
    offset: Annotated[int, Field(ge=0, le=MAX_OFFSET, description=OFFSET_HELP)] = 0,
) -> ToolOutput:
    """The products one customer is most likely to buy next, each with the reason: what they
    bought that leads to it, or what is popular in their segment when they have no history.
    `offset` skips the likeliest, for the next page.

    For "what should we recommend to 00042?", "products for customer 00042" or "what will
    00042 buy next?".
    """
    data = ctx.data
    cid = ctx.customer(customer_id)
    scores = data.scores()  # without scores, recommendations go unweighted by purchase chance
    score = scores.row(cid) if scores is not None else None
    recommender, segment = data.recommender(), data.segments().segment_of.get(cid)
    try:
        picks = recommender.recommend(
            cid,
            offset + k,
            purchase_probability=score.get("p_purchase") if score else None,
            segment=segment,
            units_and_orders=data.purchases().units_and_orders,
        )
    except NotFound:  # not in the store version the recommender read yet: cold start
        picks = recommender.popular(offset + k, segment)
    rows = ranked([pick.to_dict() for pick in picks[offset:]], offset)
    if rows:
        named = [_name(row) for row in rows]
        which = "" if offset == 0 else f" (picks {offset + 1:,}-{offset + len(rows):,})"
        answer = f"For {cid}, the most likely next purchases{which}: {listing(named, limit=k)}."
        if rows[0]["reasons"]:
            answer += f" {_name(rows[0])}: {rows[0]['reasons'][0]}."
    elif offset and picks:
        answer = past_end(offset, len(picks), "product", f" to recommend to {cid}")
    else:
        answer = f"Nothing to recommend to {cid}: every product is excluded for them."
    card = {"type": "recommendations", "customer_id": cid, "rows": rows}
    result = {"customer_id": cid, "offset": offset, "rows": rows}
    return output(answer, result, [card], len(rows))


def _name(row: dict[str, Any]) -> str:
    """A product as people read it: its title, with the id when the title lacks it."""
    title, pid = row.get("title"), str(row["product_id"])
    if not title:
        return pid
    return str(title) if pid in str(title) else f"{title} ({pid})"
