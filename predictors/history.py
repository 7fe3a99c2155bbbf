"""A customer base's history, as the predictors need it, from a store or a bare transactions file.

Purchases on one calendar day count as one transaction (the convention of the published BTYD
work and of our evaluation), so orders are collapsed to customer-days here, once.
"""

from collections.abc import Collection
from dataclasses import dataclass, replace

import pandas as pd

from commerce.datasets import load_cdnow
from commerce.workspace import Store

PURCHASE_DAY = ["customer_id", "day"]  # orders of a customer on one day are one purchase


@dataclass(frozen=True)
class History:
    """Everything known about the customers up to some moment.

    days: one row per customer and purchase day: customer_id, day, spend, units (items
    bought; NaN when unknown). Optional: categories (customer_id, day, category, quantity and
    spend, price x quantity, of order lines), reviews (customer_id, ts, rating, sentiment),
    events (customer_id, ts, type).
    """

    days: pd.DataFrame
    categories: pd.DataFrame | None = None
    reviews: pd.DataFrame | None = None
    events: pd.DataFrame | None = None

    @property
    def first_day(self) -> pd.Timestamp:
        return pd.Timestamp(self.days["day"].min())

    @property
    def last_day(self) -> pd.Timestamp:
        return pd.Timestamp(self.days["day"].max())

    def until(self, cutoff: pd.Timestamp) -> "History":
        """Only what happened on or before the cutoff day."""
        return replace(
            self,
            days=self.days[self.days["day"] <= cutoff],
            categories=_until(self.categories, "day", cutoff),
            reviews=_until(self.reviews, "ts", cutoff),
            events=_until(self.events, "ts", cutoff),
        )


def _until(frame: pd.DataFrame | None, column: str, cutoff: pd.Timestamp) -> pd.DataFrame | None:
    if frame is None:
        return None
    end = cutoff + pd.Timedelta(days=1)  # the whole cutoff day counts
    return frame[frame[column] < end]


def from_transactions(transactions: pd.DataFrame) -> History:
    """History of a bare transactions frame: customer_id, ts, amount and optional units."""
    frame = transactions.assign(day=transactions["ts"].dt.normalize())
    if "units" not in frame.columns:
        frame = frame.assign(units=float("nan"))
    days = (
        frame.groupby(PURCHASE_DAY, sort=True, observed=True)
        .agg(spend=("amount", "sum"), units=("units", "sum"))
        .reset_index()
    )
    return History(days=days)


def purchase_days_of(store: Store) -> tuple[pd.Timestamp, int]:
    """The last purchase day and the number of purchase days (rows of `days`) of
    `from_store(store)`, from two columns of orders: what checking a saved artifact against the
    store needs, at a fraction of reading the whole history."""
    orders = store.table("orders", ["customer_id", "ts"])
    frame = orders.assign(day=orders["ts"].dt.normalize())
    # Grouped as from_transactions groups, so the count is that of its rows (no NaN keys).
    count = frame.groupby(PURCHASE_DAY, sort=False, observed=True).ngroups
    return pd.Timestamp(frame["day"].max()), count


def cdnow_history(sample: bool = False) -> History:
    """The packaged CDNOW data (the 2,357-customer sample or the full master) as a History; its
    `cds` column is the units of a purchase."""
    return from_transactions(load_cdnow(sample=sample).rename(columns={"cds": "units"}))


def from_store(store: Store, customers: Collection[str] | None = None) -> History:
    """History of an ingested store: orders, and order lines, reviews and events when present.

    `customers`: only theirs (what re-scoring a few customers after new events needs); the
    rows of everyone else are never read into pandas. None: every customer."""
    only = None if customers is None else ("customer_id", customers)
    orders = store.table("orders", ["order_id", "customer_id", "ts", "amount"], where_in=only)
    categories = None
    units = None
    if store.has("order_items"):
        lines_of = None if only is None else ("order_id", orders["order_id"].tolist())
        items = store.table(
            "order_items",
            columns=["order_id", "product_id", "quantity", "price"],
            where_in=lines_of,
        )
        units = items.groupby("order_id")["quantity"].sum()
        if store.has("products"):
            products = store.table("products")
            if "category" in products.columns:
                lines = items.merge(orders[["order_id", "customer_id", "ts"]], on="order_id")
                lines = lines.merge(products[["product_id", "category"]], on="product_id")
                categories = pd.DataFrame(
                    {
                        "customer_id": lines["customer_id"],
                        "day": lines["ts"].dt.normalize(),
                        "category": lines["category"].fillna("unknown"),
                        "quantity": lines["quantity"].astype("float64"),
                        # price is per unit (docs/data.md)
                        "spend": lines["quantity"].astype("float64")
                        * lines["price"].astype("float64"),
                    }
                )
    transactions = orders
    if units is not None:
        transactions = orders.assign(units=orders["order_id"].map(units).astype("float64"))
    history = from_transactions(transactions.drop(columns=["order_id"]))
    reviews = None
    if store.has("reviews"):
        reviews = store.table("reviews", where_in=only)
        keep = [c for c in ("customer_id", "ts", "rating", "sentiment") if c in reviews.columns]
        reviews = reviews[keep]
    events = (
        store.table("events", ["customer_id", "ts", "type"], where_in=only)
        if store.has("events")
        else None
    )
    return replace(history, categories=categories, reviews=reviews, events=events)
