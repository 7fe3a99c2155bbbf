"""The bounds at_risk_customers takes on what customers did to date ("at-risk customers who
spent under $50", "most likely to churn of those with 5 orders or more", "who haven't ordered
since March"): their arguments (the descriptions are what the router reads), which customers
are within them and the words that say them as applied, held in one HistoryBounds.

The list ranks by what the predictor expects now, so it has no period: the bounds are on
each customer's whole history, all their orders to the store's last order day. The totals and
which customers pass are customer_totals.py's, as top_customers counts them (inclusive, money
to the cent), and the words top_customers_bounds.py's. How long they have gone without
ordering is lapsed.py's cutoff day, checked here against each customer's last order.
"""

from dataclasses import dataclass
from typing import Annotated, Any

import pandas as pd
from pydantic import Field

from assistant.tools.customer_totals import Bounds, passing, store_orders, store_totals
from assistant.tools.data import StoreData
from assistant.tools.format import day
from assistant.tools.lapsed import lapsed_bound
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
LifetimeMinAverageOrder = Annotated[
    float | None,
    Field(
        gt=0,
        le=1e12,
        description="Only customers whose orders to date averaged at least this much (spend "
        "/ orders; inclusive: 'average order over $50' is 50.01).",
    ),
]
LifetimeMaxAverageOrder = Annotated[
    float | None,
    Field(
        gt=0,
        le=1e12,
        description="Only customers whose orders to date averaged at most this much "
        "(inclusive: 'under $20 per order' is 19.99).",
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


@dataclass(frozen=True)
class HistoryBounds:
    """Every bound of the at-risk list: spend and orders to date (`totals`), and the day from
    which customers have not ordered (`lapsed`, lapsed.py's: from `quiet_days` or a day,
    with its words as applied)."""

    totals: Bounds
    quiet_days: int | None = None
    lapsed: pd.Timestamp | None = None
    lapsed_said: str = ""

    @property
    def narrows(self) -> bool:
        """True when any bound is set: only some customers pass."""
        return self.lapsed is not None or any(v is not None for v in vars(self.totals).values())

    def words(self, symbol: str) -> str:
        """The bounds as applied, to date, then how long they have not ordered: 'who spent
        $49.99 or less to date and have not ordered since 1998-03-01', or "" for none."""
        said = bounds(symbol, vars(self.totals), None)
        parts = [f"{said} to date"] if said else []
        parts += [self.lapsed_said] if self.lapsed_said else []
        return f" who {' and '.join(parts)}" if parts else ""

    def applied(self) -> dict[str, Any]:
        """The bounds for a result or card: spend and orders as given, and the day the
        recency bound resolved to (either argument), so a caller sees it as applied."""
        lapsed = day(self.lapsed) if self.lapsed is not None else None
        return vars(self.totals) | {"quiet_days": self.quiet_days, "no_order_since": lapsed}


def history_bounds(
    data: StoreData,
    symbol: str,
    totals: Bounds,
    quiet_days: int | None,
    no_order_since: str | None,
) -> HistoryBounds:
    """The bounds asked, checked (InvalidInput names the arguments) and resolved."""
    totals.check(symbol)
    lapsed, said = lapsed_bound(data, quiet_days, no_order_since)
    return HistoryBounds(totals, quiet_days, lapsed, said)


def within(data: StoreData, limits: HistoryBounds) -> "pd.Index[str]":
    """The ids of the customers whose spend and orders to date are within every bound and,
    with a lapsed day, whose last order was before it; customers who never ordered have no
    totals to bound and are not among them."""
    calendar = store_orders(data).calendar
    whole = between(calendar, calendar.first_day, calendar.last_day)
    table = passing(store_totals(data, whole, None, None), limits.totals)
    if limits.lapsed is not None:
        table = table[table["last_order"] < limits.lapsed]
    index: pd.Index[str] = table.index
    return index
