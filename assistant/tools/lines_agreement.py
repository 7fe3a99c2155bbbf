"""Whether a period's order lines come to its orders' amounts: top_products opens with the
orders' total and gives shares of the lines' (only lines name products, so only their total
makes the shares add up to 100%). Where the two are one total but for unit prices rounded to
the cent, its answer says one figure; where they are not, it names the lines' total and why
(orders without lines, or orders whose amounts are not their lines' sum: shipping, discounts).

A unit price rounded to the cent is off by at most half a cent, so an order's lines may miss
its amount by half a cent a unit (the demo's do: up to 29 cents on one order of many units);
more than that is not rounding.
"""

import numpy as np
import pandas as pd

from assistant.tools.data import StoreData
from assistant.tools.periods import Period
from assistant.tools.product_sales import Chosen, SalesLines

HALF_CENT = 0.005  # the most a unit price rounded to the cent is off, per unit
FLOAT_SLACK = 1e-6  # sums of floats: 0.005 per unit measures as 0.00500000000001


def unmatched_orders(data: StoreData, sales: SalesLines) -> pd.DataFrame:
    """The orders whose lines do not come to their amount but for rounding, read once per
    store version: customer_id, day, and `has_lines` (False: recorded without lines)."""

    def load() -> pd.DataFrame:
        orders = data.store().table("orders", ["order_id", "customer_id", "ts", "amount"])
        per_order = sales.lines.groupby("order_id", sort=False)[["revenue", "units"]].sum()
        lined = per_order.reindex(orders["order_id"].astype(str).to_numpy())
        has_lines = lined["revenue"].notna().to_numpy()
        gap = np.abs(orders["amount"].astype("float64").to_numpy() - lined["revenue"].to_numpy())
        off = ~has_lines | (gap > HALF_CENT * lined["units"].to_numpy() + FLOAT_SLACK)
        return pd.DataFrame(
            {
                "customer_id": orders["customer_id"].astype(str).to_numpy()[off],
                "day": orders["ts"].dt.normalize().to_numpy()[off],
                "has_lines": has_lines[off],
            }
        )

    found: pd.DataFrame = data.memo("top_products:unmatched_orders", ("store",), load)
    return found


def lines_against_orders(
    data: StoreData,
    sales: SalesLines,
    when: Period,
    members: "frozenset[str] | None",
    chosen: Chosen | None = None,
    product_id: str | None = None,
) -> dict[str, int | None]:
    """For the result: the period's orders (of `members` only when given) recorded without
    lines, and those whose amount is not their lines' sum but for rounding. Both 0: the
    lines' total is the orders' but for rounding. None for `chosen` categories or a product,
    whose totals are their lines' own."""
    if chosen is not None or product_id is not None:
        return {"orders_without_lines": None, "orders_unlike_lines": None}
    off = unmatched_orders(data, sales)
    if members is not None:
        off = off[off["customer_id"].isin(members)]
    off = off[(off["day"] >= when.start) & (off["day"] <= when.end)]
    without = int((~off["has_lines"]).sum())
    return {"orders_without_lines": without, "orders_unlike_lines": len(off) - without}
