"""top_customers' floors and ceilings: the arguments that ask for them (their descriptions are
what the router reads) and the words that say them as applied ("spent $1,000.00 or more",
"placed 1 order or fewer", "spent $100.00 to $500.00"), and what customers reached when
nobody met them. Which customers pass is customer_totals.Bounds'.

The bounds are said as they were applied (inclusive, money to the cent), so "over $1,000" read
as $1,000.01 says so. Only customers who ordered in the period are ranked, so under a ceiling
the answer says that those who did not are left out rather than let "spent $19.99 or less"
read as everyone who did.

`what` is what customers are ranked by buying, in words (top_customers_answer.bought_what:
"Tea", "product P2"), None for all their orders.
"""

from collections.abc import Iterator
from typing import Annotated, Any

from pydantic import Field

from assistant.tools.format import count, money

MinRevenue = Annotated[
    float | None,
    Field(
        gt=0,
        le=1e12,
        description="Only customers who spent at least this much in the period (inclusive; "
        "'over $1,000' is 1000.01).",
    ),
]
MinOrders = Annotated[
    int | None,
    Field(
        ge=1,
        le=1_000_000,
        description="Only customers with at least this many orders in the period "
        "(inclusive; 'more than 10 orders' is 11).",
    ),
]
MaxRevenue = Annotated[
    float | None,
    Field(
        ge=0,
        le=1e12,
        description="Only customers who spent at most this much in the period (inclusive; "
        "'under $20' is 19.99). Only customers who ordered in the period are ranked.",
    ),
]
MaxOrders = Annotated[
    int | None,
    Field(
        ge=1,
        le=1_000_000,
        description="Only customers with at most this many orders in the period "
        "(inclusive; 'fewer than 3 orders' is 2, 'one-time buyers' 1). Only customers who "
        "ordered in the period are ranked.",
    ),
]


MinAverageOrder = Annotated[
    float | None,
    Field(
        gt=0,
        le=1e12,
        description="Only customers whose orders in the period averaged at least this much "
        "(their spend / their orders; inclusive: 'average order over $50' is 50.01).",
    ),
]
MaxAverageOrder = Annotated[
    float | None,
    Field(
        gt=0,
        le=1e12,
        description="Only customers whose orders in the period averaged at most this much "
        "(inclusive: 'under $20 per order' is 19.99).",
    ),
]


def bounds(symbol: str, result: dict[str, Any], what: str | None) -> str:
    """The bounds as applied, or "": 'spent $1,000.00 or more and placed 5 orders or more',
    'spent $19.99 or less', 'placed 2 to 4 orders'."""
    said = []
    spend = _spend_range(symbol, result["min_revenue"], result["max_revenue"])
    if spend:
        said.append(f"spent {spend} on {what}" if what else f"spent {spend}")
    orders = _orders_range(result["min_orders"], result["max_orders"])
    if orders:
        said.append(f"bought {what} in {orders}" if what else f"placed {orders}")
    per_order = _spend_range(symbol, result["min_average_order"], result["max_average_order"])
    if per_order:
        said.append(f"averaged {per_order} an order" + (f" on {what}" if what else ""))
    return " and ".join(said)


def _spend_range(symbol: str, low: float | None, high: float | None) -> str:
    if low is not None and high is not None:
        return f"{money(low, symbol)} to {money(high, symbol)}"
    if low is not None:
        return f"{money(low, symbol)} or more"
    return "" if high is None else f"{money(high, symbol)} or less"


def _orders_range(low: int | None, high: int | None) -> str:
    """A ceiling of 1 is exactly 1: only customers who ordered in the period are ranked."""
    if high is not None and (low if low is not None else 1) == high:
        return f"exactly {count(high, 'order')}"
    if low is not None and high is not None:
        return f"{low:,} to {count(high, 'order')}"
    if low is not None:
        return f"{count(low, 'order')} or more"
    return "" if high is None else f"{count(high, 'order')} or fewer"


def left_out(result: dict[str, Any], what: str | None) -> str:
    """Under a ceiling, who is not ranked, said (" Only customers who ordered in the period
    are counted; ..."); else ""."""
    if result["max_revenue"] is None and result["max_orders"] is None:
        return ""
    if what:
        return (
            f" Only customers who bought {what} in the period are counted; those who bought "
            "none are not listed."
        )
    return (
        " Only customers who ordered in the period are counted; those who placed no order in "
        "it are not listed."
    )


def reached(symbol: str, result: dict[str, Any], what: str | None) -> str:
    """What customers reached, for bounds nobody met: 'the most anyone spent was $50.00'
    under a floor, the least under a ceiling, both between the two."""
    on, of = (f" on {what}", f" with {what}") if what else ("", "")
    spent = (money(result[k], symbol) for k in ("most_revenue", "least_revenue"))
    placed = (f"{result[k]:,}" for k in ("most_orders", "fewest_orders"))
    averaged = (money(result[k], symbol) for k in ("most_average_order", "least_average_order"))
    said = [
        _reached(result["min_revenue"], result["max_revenue"], spent,
                 (f"what anyone spent{on} ran", f"the most anyone spent{on} was",
                  f"the least anyone spent{on} was")),
        _reached(result["min_orders"], result["max_orders"], placed,
                 (f"the orders{of} anyone placed ran", f"the most orders{of} anyone placed was",
                  f"the fewest orders{of} anyone placed was")),
        _reached(result["min_average_order"], result["max_average_order"], averaged,
                 (f"anyone's average order{on} ran", f"the highest average order{on} was",
                  f"the lowest average order{on} was")),
    ]  # fmt: skip
    return " and ".join(part for part in said if part)


def _reached(
    low: float | None, high: float | None, figures: Iterator[str], words: tuple[str, str, str]
) -> str:
    """One bound's reach: `words` for both ends ('... ran' from the least to the most), a
    floor (the most) and a ceiling (the least); "" when neither end was asked."""
    if low is None and high is None:
        return ""
    most, least = figures
    if low is not None and high is not None:
        return f"{words[0]} from {least} to {most}"
    return f"{words[1]} {most}" if low is not None else f"{words[2]} {least}"
