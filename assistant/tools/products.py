"""The top_products tool: the period's sales totals and what sold best in it (per product or
per category), store-wide or among one segment's customers, against the period of the same
length before; or one product's sales (asked by id, resolved as top_customers resolves one:
product_names.py).

The totals are the orders' (their amounts, as top_customers counts them: customer_totals.py),
so orders recorded without lines count; one category's, or one product's, are its order
lines'. The rankings come
from the store's order lines (product_sales.py). Both are read once per store version, and
each period's numbers are kept beside them (data.memo). The answer in words is
products_answer.py's.
"""

from dataclasses import replace
from typing import Annotated, Any

import pandas as pd
from pydantic import Field

from assistant.tools.args import Month, ProductId, Quarter, SegmentName, Since, Until, Year
from assistant.tools.base import ToolContext, ToolOutput
from assistant.tools.categories import Categories, categories_fields, categories_named
from assistant.tools.customer_totals import store_orders
from assistant.tools.data import StoreData
from assistant.tools.format import day, output
from assistant.tools.lines_agreement import lines_against_orders
from assistant.tools.paging import Offset, ranked
from assistant.tools.periods import MAX_DAYS, Asked, Period, period_asked
from assistant.tools.product_names import (
    NamedProduct,
    agreeing,
    candidates_listed,
    candidates_said,
    resolve_id,
    resolve_name,
)
from assistant.tools.product_sales import (
    NO_LINES,
    NO_PRODUCTS,
    Grouping,
    Measure,
    Order,
    SalesLines,
    cached_sales,
    catalogue_categories,
    chosen_key,
    ranking,
)
from assistant.tools.product_titles import product_titles
from assistant.tools.product_trends import Trend, trend_answer, trend_order
from assistant.tools.products_answer import answer, product_answer, sold
from assistant.tools.sales_comparison import CompareTo, trend_period
from assistant.tools.sales_periods import UNITS, Unit, sales_per_period
from assistant.tools.sales_totals import SalesAsk, compared_with, days_before, opening
from commerce.errors import InvalidInput

DEFAULT_DAYS = 90


def store_categories(data: StoreData) -> list[str]:
    """The product categories the store's catalogue names (the router reads a bare category
    name, "top coffee products", only when it knows the store has it). Only the products
    table's category column is read: the router asks again at every new store version, which
    events make every few seconds, and on a chat turn's thread."""
    names: list[str] = data.memo(
        "top_products:categories", ("store",), lambda: catalogue_categories(data.store())
    )
    return names


def top_products(
    ctx: ToolContext,
    days: Annotated[
        int | None,
        Field(
            ge=1,
            le=MAX_DAYS,
            description="The period: this many days up to the store's last order, e.g. 30, "
            "90 (a quarter) or 365 (a year). Default 90, unless the calendar sets it.",
        ),
    ] = None,
    since: Since | None = None,
    until: Until | None = None,
    month: Month | None = None,
    quarter: Quarter | None = None,
    year: Year | None = None,
    segment: SegmentName | None = None,
    category: Annotated[
        str | None,
        Field(
            min_length=1,
            max_length=200,
            description='Only this product category, or several separated by commas ("Tea, '
            'Coffee": what either sold; with per category, them side by side).',
        ),
    ] = None,
    product_id: ProductId | None = None,  # one product's sales instead of a ranking
    product_name: Annotated[
        str | None,
        Field(
            min_length=1,
            max_length=200,
            description="One product's sales by its name: its title or words of it, any case "
            "(a category's name is that category). Several products matching are listed with "
            "their ids to choose from.",
        ),
    ] = None,
    by: Annotated[
        Measure,
        Field(description="Rank by revenue, units sold, orders or customers who bought."),
    ] = "revenue",
    per: Annotated[
        Grouping | Unit,
        Field(
            description="product, or category to rank whole categories, or month, quarter, "
            "week or day to rank the period's calendar months, quarters, weeks (Monday to "
            "Sunday) or days, "
            "or weekday to rank the days of the week by their average day (with no period "
            "given, all the store's history)."
        ),
    ] = "product",
    order: Annotated[
        Order,
        Field(
            description="most: the best sellers first; least: the least-selling first "
            '("worst sellers", "weakest categories", "our worst month"), among those '
            "that sold in the period."
        ),
    ] = "most",
    limit: Annotated[int, Field(ge=1, le=100, description="How many rows.")] = 10,
    offset: Offset = 0,
    compare_to: CompareTo = None,
    trend: Annotated[
        Trend | None,
        Field(
            description="falling: rank what sold less than in the days just before, the "
            "largest fall first (rising: more); by the change in `by`. stopped: what sold "
            "before the period (any time, or in compare_to's) and not at all in it, the most "
            "before first."
        ),
    ] = None,
) -> ToolOutput:
    """How much the store sold in the last days or in a calendar period (from a day, to a day;
    one month, quarter or year): its revenue, orders and customers; and the best-selling
    products (or categories) of it, ranked by revenue, units, orders or
    customers, with each one's share of the period's revenue and its change on the period of
    the same length before; optionally only what one segment's current members bought, or
    one category or several together (their products ranked as one list; per category, the
    categories named side by side). `offset` skips the first ranks, for the next page.
    `compare_to` sets the totals beside another calendar period's, with the change from it;
    with `trend`, it is also the period each product's change is measured from.
    `product_id` (or `product_name`) gives that one product's sales instead of a ranking.

    For "how much did we sell in 1997?", "revenue last month", "what were sales in Q1?",
    "what are our best sellers this quarter?", "what do at-risk customers buy most?",
    "top categories among champions", "most ordered products in the last 30 days", "best
    sellers since January", "what sold best in March?", "top products last quarter" or "best
    sellers between March 5 and April 10", "top products in tea and coffee", "tea vs coffee
    sales" (per category), (`compare_to`) "sales in 1998 vs 1997", (`product_id`) "how
    many units of B001VNP1T0 did we sell in 1998?", (`order` least) "worst selling products",
    "which month was weakest in 1997?", (`per` week) "orders per week in March",
    (`per` weekday) "which day of the week has the most orders?", or (`trend`) "which products are
    declining?", "what categories are growing?", "which products sold less in 1998 than in
    1997?" (with `compare_to`), "which products stopped selling?" (`trend` stopped).
    """
    asked = Asked(days, since, until, month, quarter, year)
    asked.check()
    data = ctx.data
    symbol = ctx.settings.currency_symbol
    segments = data.segments() if segment else None
    name = segments.resolve(segment) if segments is not None and segment else None
    members = segments.member_set(name) if segments is not None and name else None
    ask = SalesAsk(asked, name, members, by, offset, limit, compare_to, symbol, order=order)
    sales = cached_sales(data)
    if product_id is not None and product_name is not None:
        raise InvalidInput("give product_id or product_name, not both: they name one product")
    if product_name is not None and sales is not None:
        within = categories_named(sales, category) if category else None
        named = resolve_name(sales, product_titles(data, sales), product_name, within)
        if named.candidates is not None:  # several: the person chooses one by its id
            said = candidates_said(named, "how many units of {} did we sell")
            listed = {"product_name": product_name, "candidates": candidates_listed(named)}
            return output(said, {**listed, "totals": None, "rows": [], "note": said})
        category, product_id = _named_as(category, named)
    if product_id is not None and per in UNITS:
        raise InvalidInput(f"per {per} ranks the store's {per}s; ask for one product without it")
    if trend is not None and (product_id or product_name or per in UNITS):
        asked_with = f"per {per}" if per in UNITS else "product_id or product_name"
        raise InvalidInput(f"trend ranks products or categories; ask for it without {asked_with}")
    if trend is not None and order == "least":
        raise InvalidInput(
            "order least ranks the period's sales from the bottom and trend ranks their change "
            "from the days before: ask for one of them"
        )
    if per != "product" and per != "category":  # "best month in 1997": months, not products
        return sales_per_period(data, sales, ask, per, category, DEFAULT_DAYS)
    if sales is None:
        if category is not None or product_id is not None or product_name is not None:
            # their sales are order lines
            asked_for = {"category": category, "product_id": product_id,
                         "product_name": product_name}  # fmt: skip
            asked_for = {k: v for k, v in asked_for.items() if v is not None}
            return output(NO_LINES, {**asked_for, "totals": None, "rows": [], "note": NO_LINES})
        # A store of bare orders still has its totals; only the ranking needs lines.
        calendar = store_orders(data).calendar
        when = period_asked(calendar, asked, DEFAULT_DAYS)
        bare: dict[str, Any] = {
            **opening(data, ask, when, calendar, None, None),
            "by": by, "per": per, "rows": [], "note": NO_LINES,
        }  # fmt: skip
        bare["previous"] = days_before(data, ask, when, None, None, bare["totals"])
        said = sold(symbol, bare, when, asked.dated, bare["previous"])
        if compare_to is not None:
            said += compared_with(data, calendar, compare_to, bare, when, symbol)
        said = f"{said.removesuffix('.')}. {NO_LINES}"
        return output(said, bare, [{"type": "products", **bare}])
    chosen = categories_named(sales, category) if category else None
    product = None
    if product_id is not None:  # a category beside it only has to hold it
        product, chosen, per = asked_product(data, sales, product_id, chosen), None, "product"
        ask = replace(ask, product_id=product)
    names = None if chosen is None else chosen.names
    when = period_asked(sales.calendar, asked, DEFAULT_DAYS)
    earlier = None  # what each row's change is from: a trend's period, else the days before
    if trend is not None:
        earlier = trend_period(compare_to, when, sales.calendar, trend)
    elif when.before_start is not None:
        earlier = Period(when.days, when.before_start, when.start - pd.Timedelta(days=1), None)
    lost = trend in ("falling", "stopped")  # what stopped selling is among them
    scope = f"{chosen_key(names)}:{per}:{product}:{lost}"
    against = "" if earlier is None else f"{earlier.start:%Y%m%d}-{earlier.end:%Y%m%d}"
    table, revenue = data.memo(
        f"top_products:{when.start:%Y%m%d}:{when.end:%Y%m%d}:{against}:{name}:{scope}",
        ("store",),
        lambda: ranking(sales, when, members, names, per, product, lost, earlier),
    )
    key = "product_id" if per == "product" else "category"
    if trend is not None:
        ordered = trend_order(table, by, trend, key)
    else:
        most = order == "most"
        ordered = table.reset_index()
        ordered = ordered.sort_values([by, "revenue", key], ascending=[not most, not most, True])
    page = ordered.iloc[offset : offset + limit].to_dict("records")
    rows = ranked([_row({str(k): v for k, v in r.items()}, by, per) for r in page], offset)
    begun = opening(data, ask, when, sales.calendar, sales, names)
    result: dict[str, Any] = {
        **begun,
        "before_from": None if earlier is None else day(earlier.start),
        "before_to": None if earlier is None else day(earlier.end),
        "previous": days_before(data, ask, when, sales, names, begun["totals"]),
        **categories_fields(chosen),
        **({} if product is None else _product_fields(sales, product)),
        "by": by,
        "per": per,
        "trend": trend,
        "compare_to": compare_to,
        "order": order,
        "period_revenue": round(revenue, 2),
        **lines_against_orders(data, sales, when, members, names, product),
        "total": len(ordered),
        "offset": offset,
        "rows": rows,
    }
    # The first row's share unrounded: its 4-place one in `rows` would be rounded twice.
    first_share = float(page[0]["share_of_revenue"]) if page else 0.0
    compared = ""  # first, so that the answer knows a period is set beside this one
    if compare_to is not None:
        compared = compared_with(data, sales.calendar, compare_to, result, when, symbol, sales)
    if trend is not None:
        assert earlier is not None  # refused above without one
        said = trend_answer(symbol, result, when, earlier, asked.dated)
    elif product is not None:
        said = product_answer(symbol, result, when, asked.dated, sales, members, first_share)
    else:
        said = answer(symbol, result, when, asked.dated, sales, members, first_share)
    said += compared
    if chosen is not None:
        said = f"{chosen.misread}{said}"
    if not sales.has_products:
        result["note"] = NO_PRODUCTS
        said += f" {NO_PRODUCTS}"
    return output(said, result, [{"type": "products", **result}], len(rows))


def _named_as(category: str | None, named: NamedProduct) -> tuple[str | None, str | None]:
    """The category and product id a product's name stands for: a category's name is that
    category (beside another category asked, refused naming both), a product that product
    (asked_product checks it against the categories asked)."""
    if named.category is None:
        return category, named.product_id
    if category is not None and category.strip().lower() != named.category.lower():
        raise InvalidInput(
            f"product_name '{named.name}' is the category {named.category}, not {category}: "
            "ask for one category"
        )
    return named.category, None


def asked_product(
    data: StoreData, sales: SalesLines, product_id: str, chosen: Categories | None
) -> str:
    """The store's id of the product asked (any case, as top_customers reads one); NotFound
    naming an id the store lacks, InvalidInput for several ids equal in any case or a product
    outside the categories asked beside it."""
    named = resolve_id(product_titles(data, sales), product_id, chosen)
    if named.candidates is not None:
        ids = ", ".join(str(i) for i in named.candidates.index)
        raise InvalidInput(f"product_id '{product_id}' is several products ({ids}): ask for one")
    _, found, _ = agreeing(sales, chosen, named)
    assert found is not None  # asked by id: a product, never a category
    return found


def _product_fields(sales: SalesLines, product_id: str) -> dict[str, str | None]:
    """The product asked, as the catalogue names it (title and category None where it lacks
    them), for the answer even when it sold nothing in the period."""
    products = sales.products
    known = product_id in products.index
    return {
        "product_id": product_id,
        "product_title": _text(products.at[product_id, "title"]) if known else None,
        "product_category": _text(products.at[product_id, "category"]) if known else None,
    }


def _row(record: dict[str, Any], by: Measure, per: Grouping) -> dict[str, Any]:
    """One ranked row as plain numbers: the measure ranked by is compared with the period
    before (`before`; `change` None when it was 0 then, or there is no period before)."""
    before = record[f"{by}_before"]
    now = record[by]
    change = None if pd.isna(before) or before == 0 else round(now / before - 1, 4)
    head = (
        {"product_id": record["product_id"], "title": _text(record["title"]),
         "category": _text(record["category"])}
        if per == "product"
        else {"category": record["category"], "products": int(record["products"])}
    )  # fmt: skip
    return head | {
        "revenue": round(float(record["revenue"]), 2),
        "units": round(float(record["units"])),
        "orders": int(record["orders"]),
        "customers": int(record["customers"]),
        "share_of_revenue": round(float(record["share_of_revenue"]), 4),
        "before": None if pd.isna(before) else _number(before, by),
        "change": change,
    }


def _text(value: Any) -> str | None:
    return None if value is None or pd.isna(value) else str(value)


def _number(value: float, by: Measure) -> float | int:
    return round(float(value), 2) if by == "revenue" else round(float(value))
