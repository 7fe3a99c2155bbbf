"""How many customers top_customers' bounds keep, as a count and a share, when that is what was
asked ("what percentage of customers ordered only once?", "how many customers spent over
$100 in 1997?"): the argument that asks for it (`lead`, which the router reads) and the
sentence that then leads the answer, before the ranking.

The share's denominator is the customers who ordered in the period (of the segment, when one
is named; who bought the category or product, when one is): the customers the bounds were
applied to. Customers with no order in it have no spend or order count to bound, so counting
them would make "spent under $20" mean something else; the sentence names the denominator.
"""

from typing import Annotated, Any, Literal

from pydantic import Field

from assistant.tools.format import count
from assistant.tools.top_customers_bounds import reached

Lead = Annotated[
    Literal["list", "share"],
    Field(
        description="What the answer opens with: 'share' for how many customers are within "
        "the bounds and their share of those who ordered in the period ('what percentage of "
        "customers ordered only once?', 'how many customers spent over $100?'); 'list' for "
        "the ranking alone.",
    ),
]


def share_of_customers(total: int, ordered: int) -> float | None:
    """Those within the bounds as a share of those who ordered, 4 places; None when nobody
    ordered (no share of nobody)."""
    return round(total / ordered, 4) if ordered else None


def share_words(total: int, ordered: int) -> str:
    """'54.8%', from the unrounded share; '<0.1%' for some that round to nothing (0.0% would
    read as nobody)."""
    share = total / ordered
    return "<0.1%" if total and share < 0.0005 else f"{share:.1%}"


def share_answer(
    symbol: str, result: dict[str, Any], where: str, bar: str, what: str | None, names: str
) -> str:
    """The count and share first ('12,926 of the 23,570 customers who ordered from 1997-01-01
    to 1997-12-31 (54.8%) placed exactly 1 order.'), then the top of them (`names`, ranked
    by `result["by"]`; "" for none). `where`: the period and segment; `bar`: the bounds as
    applied ("" for none: then the count alone); `what`: what customers are ranked by
    buying ("Tea"; None for all their orders)."""
    total, ordered = result["total"], result["ordered"]
    did = f"bought {what}" if what else "ordered"
    if not bar:
        return f"{count(ordered, 'customer')} {did} {where}.{_top(names, result['by'])}"
    share = share_words(total, ordered)
    said = f"{total:,} of the {count(ordered, 'customer')} who {did} {where} ({share}) {bar}"
    if not total:
        return f"{said}: {reached(symbol, result, what)}."
    return f"{said}.{_top(names, result['by'])}"


def _top(names: str, by: str) -> str:
    measure = {"revenue": "spend", "orders": "orders", "units": "units bought"}[by]
    return f" The top by {measure}: {names}." if names else ""
