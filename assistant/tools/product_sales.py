"""Product sales from the store's order lines: what sold in a period, per product or category,
against the period of the same length before it (the numbers behind top_products).

A line's revenue is its quantity times its unit price (docs/data.md); which days a period
covers, and the days before it that it is compared with, periods.py works out.
Orders recorded without lines carry no product, so they are in no product's numbers and in no
period total here.
"""

import re
from dataclasses import dataclass
from difflib import get_close_matches
from functools import cached_property
from typing import Any, Literal

import numpy as np
import pandas as pd

from assistant.tools.data import StoreData
from assistant.tools.period_days import DayRange
from assistant.tools.periods import Period
from commerce.errors import NotFound
from commerce.workspace import Store

Grouping = Literal["product", "category"]
Chosen = tuple[str, ...]  # the categories asked, as the store names them (categories.py)
Measure = Literal["revenue", "units", "customers", "orders"]
# Which end of a ranking comes first: the best sellers, or the least-selling ("worst sellers",
# "our weakest month"), ranked among those that sold in the period.
Order = Literal["most", "least"]
NO_LINES = (
    "This store has no order lines (order_items), so there are no product-level sales; ingest "
    "order lines with product ids to rank products."
)
NO_PRODUCTS = "This store has no products table, so products show without titles or categories."
NO_CATEGORIES = "This store's products name no category, so there is nothing to filter by."
MEASURES: tuple[Measure, ...] = ("revenue", "units", "orders", "customers")
# difflib's ratio a misspelt category must reach ('coffe' is 0.91 of Coffee, 'tee' 0.67 of Tea):
# strict, so that a word meaning another thing is refused rather than read as a category.
CLOSE_SPELLING = 0.8
SIDES = re.compile(r"\s*(?:&|\band\b)\s*")  # the names a joined category's name joins
UNCATEGORISED = "(no category)"  # products the catalogue gives no category, or lacks


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
    def calendar(self) -> DayRange:
        """The days sales periods are placed in."""
        return DayRange(self.first_day, self.last_day, "the store's last order day")

    @cached_property  # asked once or twice per product name resolved; the frame never changes
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

    def read_category(self, name: str) -> tuple[str, bool]:
        """The category called `name` as resolve_category reads it, else the one category
        its spelling, or one side of a joined name, is close to ('coffe' is Coffee, 'choclate'
        Candy & chocolate), with True for such a reading (the answer says so); NotFound when
        none, or more than one, is close."""
        try:
            return self.resolve_category(name), False
        except NotFound:
            spellings: dict[str, str] = {}
            for category in self.categories:  # "Candy & chocolate" is also "candy", "chocolate"
                for wording in (category, *SIDES.split(category)):
                    spellings.setdefault(wording.lower(), category)
            close = get_close_matches(name.strip().lower(), spellings, n=3, cutoff=CLOSE_SPELLING)
            read = {spellings[wording] for wording in close}
            if len(read) != 1:
                raise
            return read.pop(), True


def cached_sales(data: StoreData) -> SalesLines | None:
    """The store's order lines (None: it has none), read once per store version."""
    sales: SalesLines | None = data.memo(
        "top_products:lines", ("store",), lambda: sales_lines(data.store())
    )
    return sales


def chosen_key(chosen: Chosen | None) -> str:
    """The categories for a memo key ("-" for none): a name may hold a comma, never a
    newline."""
    return "-" if chosen is None else "\n".join(chosen)


def catalogue_categories(store: Store) -> list[str]:
    """The categories the store's products table names, sorted ([] without one)."""
    if not store.has("products") or "category" not in store.manifest.tables["products"].columns:
        return []
    return category_names(store.table("products", columns=["category"])["category"])


def category_names(column: "pd.Series[Any]") -> list[str]:
    """A category column's names, once each, sorted; blanks are no category."""
    names = column.dropna().astype(str)
    return sorted(names[names.str.strip() != ""].unique())


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


def ranking(
    sales: SalesLines,
    when: Period,
    members: "frozenset[str] | None" = None,
    chosen: Chosen | None = None,
    per: Grouping = "product",
    product_id: str | None = None,
    lost: bool = False,
    earlier: Period | None = None,
) -> tuple[pd.DataFrame, float]:
    """Revenue, units, orders and customers per product (or category) in the period, of the
    lines of `members` only when given, of the `chosen` categories only when given (per
    category: those categories side by side), of one product only when given; with each one's
    share of the period's revenue (every category's, of the same customers) and its numbers
    in the period before, or in `earlier` when given (columns `<measure>_before`; NaN
    without an earlier period). Rows
    sold in the period only (and, when `lost`, those sold only in the period before, at 0),
    unordered; and the period's revenue."""
    lines = sales.lines
    if members is not None:
        lines = lines[lines["customer_id"].isin(members)]
    in_period = (lines["day"] >= when.start) & (lines["day"] <= when.end)
    now = _described(lines[in_period], sales.products)
    total = float(now["revenue"].sum())
    now = _of(now, chosen, product_id)
    table = _totals(now, per)
    if per == "product":
        table = table.join(sales.products.reindex(table.index))
    table["share_of_revenue"] = table["revenue"] / total if total > 0 else 0.0
    if earlier is None and when.before_start is not None:
        earlier = Period(when.days, when.before_start, when.start - pd.Timedelta(days=1), None)
    if earlier is None:
        for measure in MEASURES:
            table[f"{measure}_before"] = np.nan
        return table, total
    in_before = (lines["day"] >= earlier.start) & (lines["day"] <= earlier.end)
    then = _of(_described(lines[in_before], sales.products), chosen, product_id)
    before = _totals(then, per)[list(MEASURES)].add_suffix("_before")
    if lost:  # "which products are declining": one that stopped selling fell the most
        gone = before.index.difference(table.index)
        zeros = pd.DataFrame(0.0, index=gone, columns=list(MEASURES))
        if per == "product":
            zeros = zeros.join(sales.products.reindex(gone))
        else:
            zeros["products"] = 0
        table = pd.concat([table, zeros.assign(share_of_revenue=0.0)]) if len(gone) else table
    return table.join(before.reindex(table.index).fillna(0.0)), total


def _of(lines: pd.DataFrame, chosen: Chosen | None, product_id: str | None) -> pd.DataFrame:
    """The described lines of the `chosen` categories, or of one product, when asked."""
    if chosen is not None:
        lines = lines[lines["category"].isin(chosen)]
    if product_id is not None:
        lines = lines[lines["product_id"] == product_id]
    return lines


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


def lines_in(
    sales: SalesLines,
    when: Period,
    members: "frozenset[str] | None",
    chosen: Chosen | None = None,
    product_id: str | None = None,
) -> pd.DataFrame:
    """The order lines of the period (of `members` only when given), of the `chosen`
    categories (names as `resolve_category` gives them) or one product when asked."""
    lines = sales.lines
    if members is not None:
        lines = lines[lines["customer_id"].isin(members)]
    lines = lines[(lines["day"] >= when.start) & (lines["day"] <= when.end)]
    if product_id is not None:
        lines = lines[lines["product_id"] == product_id]
    if chosen is not None:
        of_chosen = sales.products["category"].reindex(lines["product_id"]).isin(chosen)
        lines = lines[of_chosen.to_numpy()]
    return lines


def lines_sold(
    sales: SalesLines,
    when: Period,
    members: "frozenset[str] | None",
    chosen: Chosen | None,
    product_id: str | None = None,
) -> dict[str, float | int]:
    """What the `chosen` categories, or one product, sold in the period (to `members` only
    when given), from their order lines: their revenue, the orders holding one and the
    customers who bought one; for a product also its units, which add up only within one."""
    lines = lines_in(sales, when, members, chosen, product_id)
    units = {} if product_id is None else {"units": round(float(lines["units"].sum()))}
    return {
        **units,
        "revenue": round(float(lines["revenue"].sum()), 2),
        "orders": int(lines["order_id"].nunique()),
        "customers": int(lines["customer_id"].nunique()),
    }
