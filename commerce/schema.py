"""The store's tables: which columns each has, of which kind, and which are required.

Columns a source file has beyond these are kept as extra attributes (as text). Bump
SCHEMA_VERSION when a table or a column's meaning changes, so old stores are recognised.
"""

from dataclasses import dataclass
from typing import Literal

SCHEMA_VERSION = 1

# id: non-empty text; text: any text; datetime: a point in time (stored naive UTC);
# amount: a currency amount >= 0; quantity: a whole number >= 1; rating: 1 to 5.
Kind = Literal["id", "text", "datetime", "amount", "quantity", "rating"]


@dataclass(frozen=True)
class Column:
    name: str
    kind: Kind
    required: bool = False


@dataclass(frozen=True)
class TableSpec:
    name: str
    columns: tuple[Column, ...]
    key: str | None = None  # a column whose values are unique in the table
    # Required columns that ingest may derive when the source lacks them (a transactions-only
    # export has no order ids: each row is one order).
    derivable: tuple[str, ...] = ()

    @property
    def required(self) -> list[str]:
        return [c.name for c in self.columns if c.required]

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]

    def column(self, name: str) -> Column:
        for c in self.columns:
            if c.name == name:
                return c
        raise KeyError(name)


CUSTOMERS = TableSpec(
    "customers",
    (
        Column("customer_id", "id", required=True),
        Column("name", "text"),
        Column("email", "text"),
        Column("signup_date", "datetime"),
        Column("country", "text"),
    ),
    key="customer_id",
)
ORDERS = TableSpec(
    "orders",
    (
        Column("order_id", "id", required=True),
        Column("customer_id", "id", required=True),
        Column("ts", "datetime", required=True),
        Column("amount", "amount", required=True),
    ),
    key="order_id",
    derivable=("order_id",),
)
ORDER_ITEMS = TableSpec(
    "order_items",
    (
        Column("order_id", "id", required=True),
        Column("product_id", "id", required=True),
        Column("quantity", "quantity", required=True),
        Column("price", "amount", required=True),
    ),
)
PRODUCTS = TableSpec(
    "products",
    (
        Column("product_id", "id", required=True),
        Column("title", "text"),
        Column("category", "text"),
        Column("price", "amount"),
    ),
    key="product_id",
)
REVIEWS = TableSpec(
    "reviews",
    (
        Column("review_id", "id", required=True),
        Column("customer_id", "id", required=True),
        Column("product_id", "id", required=True),
        Column("ts", "datetime", required=True),
        Column("rating", "rating"),
        Column("text", "text", required=True),
    ),
    key="review_id",
    derivable=("review_id",),
)
EVENTS = TableSpec(
    "events",
    (
        Column("customer_id", "id", required=True),
        Column("ts", "datetime", required=True),
        Column("type", "id", required=True),
        Column("product_id", "id"),
    ),
)

TABLES: dict[str, TableSpec] = {
    t.name: t for t in (CUSTOMERS, ORDERS, ORDER_ITEMS, PRODUCTS, REVIEWS, EVENTS)
}
