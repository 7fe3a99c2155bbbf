"""Product sales from the store's order lines: what sold in a period, per product or category,
against the period of the same length before it (the numbers behind top_products).

A line's revenue is its quantity times its unit price (docs/data.md); a period is the `days`
calendar days ending with the day of the store's last order (or those from the day `since`
names, or one calendar month), and the one before it the same number of days just before.
Orders recorded without lines carry no product, so they are in no product's numbers and in no
period total here.
"""

import re
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import pandas as pd

from commerce.errors import InvalidInput, NotFound
from commerce.workspace import Store

Grouping = Literal["product", "category"]
Measure = Literal["revenue", "units", "customers", "orders"]
NO_LINES = (
    "This store has no order lines (order_items), so there are no product-level sales; ingest "
    "order lines with product ids to rank products."
)
NO_PRODUCTS = "This store has no products table, so products show without titles or categories."
NO_CATEGORIES = "This store's products name no category, so there is nothing to filter by."
MEASURES: tuple[Measure, ...] = ("revenue", "units", "orders", "customers")
UNCATEGORISED = "(no category)"  # products the catalogue gives no category, or lacks
SINCE = re.compile(r"(?:(\d{4})-)?(\d{1,2})-(\d{1,2})")
MONTH = re.compile(r"(?:(\d{4})-)?(\d{1,2})")
SINCE_FORMS = (
    "a date (YYYY-MM-DD), a month and day (MM-DD), month_start, quarter_start or year_start"
)


@dataclass(frozen=True)
class SalesLines:
    """Every order line with its customer and day, and what the store knows of each product.

    lines: order_id, customer_id, day, product_id, units, revenue (one row per order line).
    products: title and category per product_id (an empty frame without a products table).
    """

    lines: pd.DataFrame
    products: pd.DataFrame
    first_day: pd.Timestamp  # the store's first and last order days, lines or not
    last_day: pd.Timestamp
    has_products: bool

    @property
    def categories(self) -> list[str]:
        """The categories the catalogue names, sorted."""
        return category_names(self.products["category"])

    def resolve_category(self, name: str) -> str:
        """The category called `name` (any case, singular or plural: 'snack' is 'Snacks');
        NotFound listing them."""
        known = self.categories
        if not known:
            raise NotFound(NO_CATEGORIES if self.has_products else NO_PRODUCTS)
        wanted = name.strip().lower()
        for category in known:
            if category.lower() == wanted:
                return category
        for category in known:
            if category.lower().rstrip("s") == wanted.rstrip("s"):
                return category
        raise NotFound(f"no category '{name}'; known: {', '.join(known)}")


@dataclass(frozen=True)
class Period:
    """The period asked about, and the one of the same length before it (None when the
    store's orders do not reach back that far: no change can be computed then)."""

    days: int
    start: pd.Timestamp  # first day, inclusive
    end: pd.Timestamp  # last day, inclusive (the store's last order day)
    before_start: pd.Timestamp | None


def catalogue_categories(store: Store) -> list[str]:
    """The categories the store's products table names, sorted ([] without one)."""
    if not store.has("products") or "category" not in store.manifest.tables["products"].columns:
        return []
    return category_names(store.table("products", columns=["category"])["category"])


def category_names(column: "pd.Series[Any]") -> list[str]:
    """A category column's names, once each, sorted; blanks are no category."""
    return sorted(column.dropna().astype(str).unique())


def sales_lines(store: Store) -> SalesLines | None:
    """The store's order lines, ready to sum per period; None for a store without order lines
    (a bare transactions store such as CDNOW)."""
    if not store.has("order_items"):
        return None
    orders = store.table("orders", ["order_id", "customer_id", "ts"])
    items = store.table("order_items", ["order_id", "product_id", "quantity", "price"])
    days = orders["ts"].dt.normalize()
    lines = items.merge(
        orders.assign(day=days)[["order_id", "customer_id", "day"]], on="order_id", how="inner"
    )
    units = lines["quantity"].astype("float64")
    lines = pd.DataFrame(
        {
            "order_id": lines["order_id"].astype(str),
            "customer_id": lines["customer_id"].astype(str),
            "day": lines["day"],
            "product_id": lines["product_id"].astype(str),
            "units": units,
            "revenue": units * lines["price"].astype("float64"),  # price is per unit
        }
    )
    has_products = store.has("products")
    if has_products:
        table = store.table("products")
        products = pd.DataFrame(
            {
                "title": _text_column(table, "title").to_numpy(),
                "category": _text_column(table, "category").to_numpy(),
            },
            index=pd.Index(table["product_id"].astype(str), name="product_id"),
        )
    else:
        products = pd.DataFrame(
            {"title": pd.Series(dtype=object), "category": pd.Series(dtype=object)},
            index=pd.Index([], dtype=object, name="product_id"),
        )
    return SalesLines(lines, products, days.min(), days.max(), has_products)


def _text_column(table: pd.DataFrame, column: str) -> "pd.Series[Any]":
    """A text column as Python strings and None (a missing column: all None)."""
    if column not in table.columns:
        return pd.Series([None] * len(table), index=table.index, dtype=object)
    values = table[column].astype(object)
    return values.where(values.notna(), None)


def period(sales: SalesLines, days: int) -> Period:
    """The `days` days ending with the store's last order day, and the same length before."""
    return _between(sales, sales.last_day - pd.Timedelta(days=days - 1), sales.last_day)


def _between(sales: SalesLines, start: pd.Timestamp, end: pd.Timestamp) -> Period:
    """The days from `start` to `end`, both included, and as many just before (None when the
    store's orders do not reach back that far)."""
    days = (end - start).days + 1
    before = start - pd.Timedelta(days=days)
    return Period(days, start, end, before if sales.first_day <= before else None)


def period_of_month(sales: SalesLines, month: str) -> Period:
    """A calendar month, YYYY-MM or MM (the latest that began on or before the store's last
    order day), to its end or to that day; compared with as many days just before it."""
    written = MONTH.fullmatch(month.strip())
    number = int(written.group(2)) if written else 0
    if written is None or not 1 <= number <= 12:
        raise InvalidInput(f"month '{month}' is not a month: give YYYY-MM or MM (03 is March)")
    last = sales.last_day
    year = int(written.group(1) or (last.year if number <= last.month else last.year - 1))
    start = pd.Timestamp(year, number, 1)
    if start > last:
        raise InvalidInput(
            f"month {start:%Y-%m} begins after the store's last order day, {last:%Y-%m-%d}"
        )
    return _between(sales, start, min(start + pd.offsets.MonthEnd(0), last))


def period_since(sales: SalesLines, since: str) -> Period:
    """The period from the day `since` names to the store's last order day (see first_day)."""
    return _between(sales, first_day(sales, since), sales.last_day)


def first_day(sales: SalesLines, since: str) -> pd.Timestamp:
    """The day `since` names, on or before the store's last order day: a date (YYYY-MM-DD), a
    month and day (MM-DD: the latest such day, so "since January" works in any year), or the
    first day of the last order day's month, quarter or year (month_start, quarter_start,
    year_start). InvalidInput names what is wrong."""
    last = sales.last_day
    starts = {
        "month_start": pd.Timestamp(last.year, last.month, 1),
        "quarter_start": pd.Timestamp(last.year, 3 * ((last.month - 1) // 3) + 1, 1),
        "year_start": pd.Timestamp(last.year, 1, 1),
    }
    if since in starts:
        return starts[since]
    written = SINCE.fullmatch(since.strip())
    if written is None:
        raise InvalidInput(f"since '{since}' is not a day: give {SINCE_FORMS}")
    year, month, day = written.groups()
    # Without a year, the latest such day: this year's, or last year's if still to come
    # (February 29 looks back to the last leap year).
    years = [int(year)] if year else range(last.year, last.year - 8, -1)
    for candidate in years:
        try:
            start = pd.Timestamp(candidate, int(month), int(day))
        except ValueError:
            continue
        if year or start <= last:
            break
    else:
        raise InvalidInput(f"since '{since}' is no day of the calendar")
    if start > last:
        raise InvalidInput(
            f"since {start:%Y-%m-%d} is after the store's last order day, {last:%Y-%m-%d}"
        )
    return start


def ranking(
    sales: SalesLines,
    when: Period,
    members: "frozenset[str] | None" = None,
    category: str | None = None,
    per: Grouping = "product",
) -> tuple[pd.DataFrame, float]:
    """Revenue, units, orders and customers per product (or category) in the period, of the
    lines of `members` only when given, of one category only when given; with each one's
    share of the period's revenue (every category's, of the same customers) and its numbers
    in the period before (columns `<measure>_before`; NaN without an earlier period). Rows
    sold in the period only, unordered; and the period's revenue."""
    lines = sales.lines
    if members is not None:
        lines = lines[lines["customer_id"].isin(members)]
    in_period = (lines["day"] >= when.start) & (lines["day"] <= when.end)
    now = _described(lines[in_period], sales.products)
    total = float(now["revenue"].sum())
    if category is not None:
        now = now[now["category"] == category]
    table = _totals(now, per)
    if per == "product":
        table = table.join(sales.products.reindex(table.index))
    table["share_of_revenue"] = table["revenue"] / total if total > 0 else 0.0
    if when.before_start is None:
        for measure in MEASURES:
            table[f"{measure}_before"] = np.nan
        return table, total
    in_before = (lines["day"] >= when.before_start) & (lines["day"] < when.start)
    earlier = _described(lines[in_before], sales.products)
    if category is not None:
        earlier = earlier[earlier["category"] == category]
    before = _totals(earlier, per)[list(MEASURES)].add_suffix("_before")
    return table.join(before.reindex(table.index).fillna(0.0)), total


def _described(lines: pd.DataFrame, products: pd.DataFrame) -> pd.DataFrame:
    """Lines with their product's category (None for a product the catalogue lacks or that
    names none)."""
    known = products["category"].reindex(lines["product_id"]).to_numpy(dtype=object)
    return lines.assign(category=known)


def _totals(lines: pd.DataFrame, per: Grouping) -> pd.DataFrame:
    """Revenue, units, distinct orders and customers per product, or per category (with how
    many products of it sold; products without a category together as UNCATEGORISED)."""
    if per == "product":
        grouped = lines.groupby("product_id", sort=False)
    else:
        named = lines.assign(category=lines["category"].fillna(UNCATEGORISED))
        grouped = named.groupby("category", sort=False)
    table = grouped.agg(
        revenue=("revenue", "sum"),
        units=("units", "sum"),
        orders=("order_id", "nunique"),
        customers=("customer_id", "nunique"),
    )
    if per == "category":
        table["products"] = grouped["product_id"].nunique()
    return table
