"""One product category's part of a demand forecast ("how much coffee will we sell next month"):
its row of the forecast's split by category (predictors/forecast_categories.py), the category
read as every tool reads one (categories.py: any case, singular or plural, a close
misspelling), so an unknown one is refused with the store's categories. Several, separated by
commas ("will we sell more tea or coffee next month": "Tea, Coffee"), are each read so and
answered side by side, with which is expected to sell more.

The split shares each customer's expectation by what they bought so far; no past window is
replayed per category, so a category has no 90% interval of its own. The answer says so rather
than scaling the whole store's band, which is measured on totals and would be too narrow for a
part of them.
"""

from collections.abc import Callable
from typing import Any

import pandas as pd

from assistant.tools.categories import Reading, categories_named
from assistant.tools.data import StoreData
from assistant.tools.format import money
from assistant.tools.product_sales import cached_sales
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


def read_categories(data: StoreData, asked: str) -> list[Reading]:
    """The store's categories `asked` names, one or several separated by commas, read as every
    tool reads them (categories.categories_named); NotFound where the store has no order lines
    to read categories from."""
    sales = cached_sales(data)
    if sales is None:
        raise NotFound(NO_ORDER_LINES)
    return list(categories_named(sales, asked).readings)


def part_of(forecast: Forecast, readings: list[Reading]) -> dict[str, Any]:
    """The result's fields for the categories read: one category's (category_part), or
    several side by side (categories_part)."""
    chosen = [reading.category for reading in readings]
    if len(chosen) == 1:
        return category_part(forecast, chosen[0])
    return categories_part(forecast, chosen)


def part_sentence(part: dict[str, Any], who: str, symbol: str) -> str:
    """What part_of's fields say, after the horizon ("Next 30 days after ..., ")."""
    if "categories" in part:
        return categories_sentence(part, who, symbol)
    return category_sentence(part, who, symbol)


def category_row(forecast: Forecast, category: str) -> dict[str, Any]:
    """The category's row of the forecast's split, rounded as the split is in the summary:
    `orders` counts the orders expected to hold it (an order holding several categories
    counts in each), `revenue` its share of the revenue. Zero, and not `bought`, where no
    customer forecast has bought it, since the split shares each one's demand by their own
    purchases."""
    rows = forecast.by_category
    row = pd.DataFrame() if rows is None else rows[rows["category"] == category]
    orders, revenue = (0.0, 0.0) if row.empty else (row["orders"].iloc[0], row["revenue"].iloc[0])
    return {
        "category": category,
        "orders": round(float(orders), 2),
        "revenue": round(float(revenue), 2),
        "bought": not row.empty,
    }


def category_part(forecast: Forecast, category: str) -> dict[str, Any]:
    """One category's fields of the result: its row (category_row) as `category_orders`,
    `category_revenue` and `category_bought`. No interval: `category_interval_note` says
    why."""
    row = category_row(forecast, category)
    return {
        "category": category,
        "category_orders": row["orders"],
        "category_revenue": row["revenue"],
        "category_bought": row["bought"],
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
    return (
        f"{category} from {who}: {orders_said(part['category_orders'])} holding it and revenue "
        f"{money(part['category_revenue'], symbol)}. {NO_CATEGORY_INTERVAL}"
    )


def categories_part(forecast: Forecast, categories: list[str]) -> dict[str, Any]:
    """Several categories' fields of the result: `categories`, their rows (category_row) in
    the order asked, and the one expected to bring the most revenue and the most orders
    (`most_revenue`, `most_orders`; null where the first two are level as said). No
    interval: `category_interval_note` says why."""
    rows = [category_row(forecast, category) for category in categories]
    return {
        "categories": rows,
        "most_revenue": _leader(rows, "revenue", money)[0],
        "most_orders": _leader(rows, "orders", _whole)[0],
        "category_interval_note": NO_CATEGORY_INTERVAL,
    }


def categories_sentence(part: dict[str, Any], who: str, symbol: str) -> str:
    """'from existing customers: Tea 120 orders holding it and revenue $4,000.00; Coffee ...
    Coffee is expected to sell more by revenue ($12,840.00 against $4,000.00 for Tea) and by
    orders (310 against 120 for Tea).', and that one category has no interval."""
    rows = part["categories"]
    each = [
        f"{row['category']} {orders_said(row['orders'])} holding it and revenue "
        f"{money(row['revenue'], symbol)}"
        if row["bought"]
        else f"{row['category']} none expected, as none of them has bought it so far"
        for row in rows
    ]
    said = f"from {who}: {'; '.join(each)}. {_comparison(rows, symbol)} {NO_CATEGORY_INTERVAL}"
    if not all(row["bought"] for row in rows):
        said += " The forecast shares each customer's demand by what they bought."
    return said


def _comparison(rows: list[dict[str, Any]], symbol: str) -> str:
    """Which category is expected to sell more (the most, of more than two) by revenue, and
    by orders where the two differ."""
    more = "more" if len(rows) == 2 else "the most"
    by_revenue = _leader(rows, "revenue", lambda v: money(v, symbol))
    by_orders = _leader(rows, "orders", _whole)
    if by_revenue[0] is not None and by_revenue[0] == by_orders[0]:
        return f"{by_revenue[0]} is expected to sell {more} {by_revenue[1]} and {by_orders[1]}."
    said = [
        f"{leader} is expected to sell {more} {clause}" if leader else clause
        for leader, clause in (by_revenue, by_orders)
    ]
    return f"{'; '.join(said)}."


def _leader(
    rows: list[dict[str, Any]], measure: str, said: Callable[[float], str]
) -> tuple[str | None, str]:
    """The category first by `measure` and the clause saying so ("by revenue ($12,840.00
    against $4,000.00 for Tea)"); None, and which are level, where the first two read the same
    as said (cents of revenue, whole orders)."""
    ranked = sorted(rows, key=lambda row: -float(row[measure]))
    top, second = said(ranked[0][measure]), said(ranked[1][measure])
    if top == second:
        level = [row["category"] for row in ranked if said(row[measure]) == top]
        return None, f"{' and '.join(level)} are level by {measure} ({top} each)"
    first, runner_up = ranked[0]["category"], ranked[1]["category"]
    return first, f"by {measure} ({top} against {second} for {runner_up})"


def orders_said(expected: float) -> str:
    """Expected orders as a whole number in words: "1 order" for 0.6 to 1.4, "1,240 orders"."""
    whole = _whole(expected)
    return f"{whole} order{'' if whole == '1' else 's'}"


def _whole(value: float) -> str:
    return f"{value:,.0f}"
