"""The bought_with tool: what the customers who bought one product also bought, for
cross-sell offers ("what do people buy with Earl Grey?"), each product with the counts that
back it.

The product is asked by id (any case) or by name, resolved as top_customers resolves one
(product_names.py: one product, several to choose from, or NotFound); a category's name is
refused, as a category is no product. The numbers, and why they are per customer and ranked
by lift, are co_purchases.py's; who bought what in a period is read once per store version
and period (data.memo). The answer in words is bought_with_answer.py's.
"""

from typing import Annotated, Any

from pydantic import Field

from assistant.tools.args import Month, ProductId, Quarter, Since, Until, Year
from assistant.tools.base import ToolContext, ToolOutput
from assistant.tools.bought_with_answer import answer, candidates_answer
from assistant.tools.co_purchases import MIN_BUYERS, Baskets, baskets, ranked_with, shared_floor
from assistant.tools.format import day, output
from assistant.tools.paging import Offset, ranked
from assistant.tools.periods import Asked, DaysToDate, between, period_asked
from assistant.tools.product_names import NamedProduct, candidates_listed, resolve_id, resolve_name
from assistant.tools.product_sales import NO_LINES, SalesLines, cached_sales
from assistant.tools.product_titles import product_titles
from commerce.errors import InvalidInput


def bought_with(
    ctx: ToolContext,
    product_id: ProductId | None = None,
    product_name: Annotated[
        str | None,
        Field(
            min_length=1,
            max_length=200,
            description="The product by its title, or words of it, any case. Several products "
            "matching are listed with their ids to choose from.",
        ),
    ] = None,
    days: DaysToDate = None,
    since: Since | None = None,
    until: Until | None = None,
    month: Month | None = None,
    quarter: Quarter | None = None,
    year: Year | None = None,
    limit: Annotated[int, Field(ge=1, le=100, description="How many products.")] = 10,
    offset: Offset = 0,
) -> ToolOutput:
    """The products most bought by the customers who bought a given product (by id, or by
    name: `product_name`), to date, in the last days or in a calendar period: those its buyers
    bought more often than the period's customers overall, highest lift first, each with how
    many of the product's buyers bought it, how many of all customers did and the ratio (so
    best sellers bought by everyone do not lead). A product with too few buyers is not
    ranked. `offset` skips the first ranks, for the next page.

    For "what do people buy with earl grey?", "what else do buyers of B000EYLDYE buy?",
    "products bought together with P2", "products similar to earl grey", "what goes with
    dark roast coffee?" or "cross-sell ideas for the teapot".
    """
    asked = Asked(days, since, until, month, quarter, year)
    asked.check()
    if product_id is None and product_name is None:
        raise InvalidInput("name the product: give product_id or product_name")
    if product_id is not None and product_name is not None:
        raise InvalidInput("give product_id or product_name, not both: they name one product")
    sales = cached_sales(ctx.data)
    if sales is None:
        return output(NO_LINES, {"rows": [], "note": NO_LINES})
    named = _product(ctx, sales, product_id, product_name)
    when = period_asked(sales.calendar, asked, 1) if asked.given() else None
    when = when or between(sales.calendar, sales.first_day, sales.last_day)
    result: dict[str, Any] = {
        **asked.given(),
        "from": day(when.start),
        "to": day(when.end),
        "orders_from": day(sales.first_day),
        "orders_to": day(sales.last_day),
        "product_id": named.product_id,
        "product_title": named.title,
    }
    if named.candidates is not None:
        said = candidates_answer(named)
        bare = {**result, "total": 0, "offset": offset, "rows": [], "note": said,
                "candidates": candidates_listed(named)}  # fmt: skip
        return output(said, bare, [{"type": "bought_with", **bare}])
    assert named.product_id is not None
    if named.title is None and named.product_id in sales.products.index:
        title = sales.products.at[named.product_id, "title"]
        result["product_title"] = None if title is None else str(title)
    basket: Baskets = ctx.data.memo(
        f"bought_with:{when.start:%Y%m%d}:{when.end:%Y%m%d}",
        ("store",),
        lambda: baskets(sales, when),
    )
    buyers = basket.buyers_of(named.product_id)
    table = ranked_with(basket, named.product_id) if buyers >= MIN_BUYERS else None
    page = [] if table is None else table.iloc[offset : offset + limit].to_dict("records")
    rows = ranked([_row(sales, {str(k): v for k, v in r.items()}) for r in page], offset)
    result |= {
        "buyers": buyers,
        "customers": basket.customers,
        "min_buyers": MIN_BUYERS,
        "min_together": shared_floor(buyers),
        "total": 0 if table is None else len(table),
        "offset": offset,
        "rows": rows,
    }
    said = answer(result, when, asked.dated or not asked.given())
    if not rows:
        result["note"] = said
    return output(said, result, [{"type": "bought_with", **result}], len(rows))


def _product(
    ctx: ToolContext, sales: SalesLines, product_id: str | None, product_name: str | None
) -> NamedProduct:
    """The product asked for, or the candidates for a name several match; InvalidInput for a
    category's name (NotFound, from product_names.py, for what the store lacks)."""
    titles = product_titles(ctx.data, sales)
    if product_id is not None:
        return resolve_id(titles, product_id, None)
    assert product_name is not None
    named = resolve_name(sales, titles, product_name, None)
    if named.category is not None:
        raise InvalidInput(
            f"'{named.name}' is the category {named.category}, not one product: name a "
            "product of it by its id or title (top_products lists its best sellers)"
        )
    return named


def _row(sales: SalesLines, record: dict[str, Any]) -> dict[str, Any]:
    """One product bought with the asked one: its title and category, and the counts and
    shares behind its place."""
    product_id = str(record["product_id"])
    known = product_id in sales.products.index
    title = sales.products.at[product_id, "title"] if known else None
    category = sales.products.at[product_id, "category"] if known else None
    return {
        "product_id": product_id,
        "title": None if title is None else str(title),
        "category": None if category is None else str(category),
        "together": int(record["together"]),
        "share_of_buyers": round(float(record["share_of_buyers"]), 4),
        "buyers": int(record["buyers"]),
        "share_of_customers": round(float(record["share_of_customers"]), 4),
        "lift": round(float(record["lift"]), 2),
    }
