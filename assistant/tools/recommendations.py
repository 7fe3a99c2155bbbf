"""The recommend_products tool: the products a customer is likely to buy next, with reasons.

The recommender (retrieval/recs) ranks; this tool hands it the customer's purchase probability
and segment (cold start), and words the answer from its rows.
"""

from typing import Annotated, Any

from pydantic import Field

from assistant.tools.args import CustomerId
from assistant.tools.base import ToolContext, ToolOutput
from assistant.tools.format import listing, output
from commerce.errors import NotFound


def recommend_products(
    ctx: ToolContext,
    customer_id: CustomerId,
    k: Annotated[int, Field(ge=1, le=50, description="How many products.")] = 5,
) -> ToolOutput:
    """The products one customer is most likely to buy next, each with the reason: what they
    bought that leads to it, or what is popular in their segment when they have no history.

    For "what should we recommend to 00042?", "products for customer 00042" or "what will
    00042 buy next?".
    """
    data = ctx.data
    cid = data.customers().resolve(customer_id)
    scores = data.scores()  # without scores, recommendations go unweighted by purchase chance
    score = scores.row(cid) if scores is not None else None
    recommender, segment = data.recommender(), data.segments().segment_of.get(cid)
    try:
        picks = recommender.recommend(
            cid,
            k,
            purchase_probability=score.get("p_purchase") if score else None,
            segment=segment,
        )
    except NotFound:  # not in the store version the recommender read yet: cold start
        picks = recommender.popular(k, segment)
    rows: list[dict[str, Any]] = [pick.to_dict() for pick in picks]
    if rows:
        named = [_name(row) for row in rows]
        answer = f"For {cid}, the most likely next purchases: {listing(named, limit=k)}."
        if rows[0]["reasons"]:
            answer += f" {_name(rows[0])}: {rows[0]['reasons'][0]}."
    else:
        answer = f"Nothing to recommend to {cid}: every product is excluded for them."
    card = {"type": "recommendations", "customer_id": cid, "rows": rows}
    return output(answer, {"customer_id": cid, "rows": rows}, [card], len(rows))


def _name(row: dict[str, Any]) -> str:
    """A product as people read it: its title, with the id when the title lacks it."""
    title, pid = row.get("title"), str(row["product_id"])
    if not title:
        return pid
    return str(title) if pid in str(title) else f"{title} ({pid})"
