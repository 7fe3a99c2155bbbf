"""One product category's part of a demand forecast ("how much coffee will we sell next month"):
its row of the forecast's split by category (predictors/forecast_categories.py), the category
read as top_products reads one (products.cached_sales: any case, singular or plural, a close
misspelling), so an unknown one is refused with the store's categories.

The split shares each customer's expectation by what they bought so far; no past window is
replayed per category, so a category has no 90% interval of its own. The answer says so rather
than scaling the whole store's band, which is measured on totals and would be too narrow for a
part of them.
"""

from typing import Any

import pandas as pd

from assistant.tools.data import StoreData
from assistant.tools.format import money
from assistant.tools.products import cached_sales
from commerce.errors import NotFound
from predictors.forecast import Forecast

NO_ORDER_LINES = (
    "This store has no order lines (order_items), so no product category's demand can be "
    "forecast; ask for the whole store's forecast instead."
)
NO_CATEGORY_INTERVAL = (
    "There is no 90% interval for one category: intervals are measured on past windows' totals, "
    "not on any one category's."
)


def read_category(data: StoreData, asked: str) -> tuple[str, bool]:
    """The store's category `asked` names, with True where it was read from a close spelling
    ('coffe' is Coffee); NotFound naming it and the store's categories when there is none."""
    sales = cached_sales(data)
    if sales is None:
        raise NotFound(NO_ORDER_LINES)
    return sales.read_category(asked)


def category_part(forecast: Forecast, category: str) -> dict[str, Any]:
    """The category's row of the forecast's split, rounded as the split is in the summary:
    `category_orders` counts the orders expected to hold it (an order holding several
    categories counts in each), `category_revenue` its share of the revenue. Zero where no
    customer forecast has bought it, since the split shares each one's demand by their own
    purchases. No interval: `category_interval_note` says why."""
    rows = forecast.by_category
    row = pd.DataFrame() if rows is None else rows[rows["category"] == category]
    orders, revenue = (0.0, 0.0) if row.empty else (row["orders"].iloc[0], row["revenue"].iloc[0])
    return {
        "category": category,
        "category_orders": round(float(orders), 2),
        "category_revenue": round(float(revenue), 2),
        "category_bought": not row.empty,
        "category_interval_note": NO_CATEGORY_INTERVAL,
    }


def category_sentence(part: dict[str, Any], who: str, symbol: str) -> str:
    """'Coffee from existing customers: 41 orders holding it and revenue $1,204.50.', or that
    none is expected where none of them has bought it."""
    category = part["category"]
    if not part["category_bought"]:
        return (
            f"{category} from {who}: none expected, as none of them has bought {category} so "
            "far (the forecast shares each customer's demand by what they bought)."
        )
    orders = f"{part['category_orders']:,.0f}"
    return (
        f"{category} from {who}: {orders} order{'' if orders == '1' else 's'} holding it and "
        f"revenue {money(part['category_revenue'], symbol)}. {NO_CATEGORY_INTERVAL}"
    )
