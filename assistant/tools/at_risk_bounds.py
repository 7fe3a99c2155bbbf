"""The bounds at_risk_customers takes on what customers did to date ("at-risk customers who
spent under $50", "most likely to churn of those with 5 orders or more", "who haven't ordered
since March"): their arguments (the descriptions are what the router reads), which customers
are within them and the words that say them as applied.

The list ranks by what the predictor expects now, so it has no period: the bounds are on
each customer's whole history, all their orders to the store's last order day. The totals and
which customers pass are customer_totals.py's, as top_customers counts them (inclusive, money
to the cent), and the words top_customers_bounds.py's. How long they have gone without
ordering is lapsed.py's cutoff day, checked here against each customer's last order.
"""

from typing import Annotated

import pandas as pd
from pydantic import Field

from assistant.tools.customer_totals import Bounds, passing, store_orders, store_totals
from assistant.tools.data import StoreData
from assistant.tools.periods import between
from assistant.tools.top_customers_bounds import bounds

LifetimeMinRevenue = Annotated[
    float | None,
    Field(
        gt=0,
        le=1e12,
        description="Only customers who spent at least this much to date, in all their orders "
        "(inclusive; 'over $1,000' is 1000.01).",
    ),
]
LifetimeMaxRevenue = Annotated[
    float | None,
    Field(
        ge=0,
        le=1e12,
        description="Only customers who spent at most this much to date, in all their orders "
        "(inclusive; 'under $50' is 49.99).",
    ),
]
LifetimeMinOrders = Annotated[
    int | None,
    Field(
        ge=1,
        le=1_000_000,
        description="Only customers with at least this many orders to date (inclusive; "
        "'more than 5 orders' is 6).",
    ),
]
LifetimeMaxOrders = Annotated[
    int | None,
    Field(
        ge=1,
        le=1_000_000,
        description="Only customers with at most this many orders to date (inclusive; "
        "'one-time buyers' is 1).",
    ),
]


def within(data: StoreData, bound: Bounds, lapsed: pd.Timestamp | None) -> "pd.Index[str]":
    """The ids of the customers whose spend and orders to date are within every bound of
    `bound` and, with a `lapsed` day, whose last order was before it; customers who never
    ordered have no totals to bound and are not among them."""
    calendar = store_orders(data).calendar
    whole = between(calendar, calendar.first_day, calendar.last_day)
    table = passing(store_totals(data, whole, None, None), bound)
    if lapsed is not None:
        table = table[table["last_order"] < lapsed]
    index: pd.Index[str] = table.index
    return index


def bound_words(symbol: str, bound: Bounds, lapsed: str = "") -> str:
    """The bounds as applied, to date, then how long they have not ordered (lapsed.py's
    words): 'who spent $49.99 or less to date and have not ordered since 1998-03-01', or ""
    for none."""
    said = bounds(symbol, vars(bound), None)
    parts = ([f"{said} to date"] if said else []) + ([lapsed] if lapsed else [])
    return f" who {' and '.join(parts)}" if parts else ""


def bounded(bound: Bounds) -> bool:
    """True when any spend or order bound is set."""
    return any(value is not None for value in vars(bound).values())
