"""What top_customers ranks customers by buying: categories (one or several, read as every tool
reads them: categories.py), or a product asked for by its id
(any case) or by its name ("who bought the most earl grey"), the name's words matched against
the catalogue's titles in any case (product_titles.py reads them once per store version).

An id the store has as typed is that product; otherwise the ids equal to it in any case are
(of the catalogue or the order lines). A name that is one of the store's categories is that
category ("tea" is Tea, as SalesLines.resolve_category reads it), since a category word asks
about the category; a name that is a product id in the catalogue (any case) is that product.
Otherwise a title equal to the name wins, else every title holding all the name's words (in
any order). One product found is the product, several are candidates for the person to
choose from by id, none is an error naming the words.

Categories asked beside a product (by id or name) must hold it, and beside a name that is a
category must hold that category (which is then the one ranked): ranking one would silently
drop the other, and ranking both would answer "nobody bought it", so a conflict is refused
naming both. Several products found beside categories are only those in them; none in them is
refused the same way.
"""

from dataclasses import dataclass

import pandas as pd

from assistant.tools.categories import Categories, categories_named, one_category
from assistant.tools.data import StoreData
from assistant.tools.product_sales import NO_PRODUCTS, SalesLines, cached_sales
from assistant.tools.product_titles import WORD, ProductTitles, product_titles
from commerce.errors import InvalidInput, NotFound

SHOWN = 8  # candidates listed at most: enough to choose from, short enough to read
# What customers are ranked by buying: the categories, the product id, the product's title.
Bought = tuple[Categories | None, str | None, str | None]


@dataclass(frozen=True)
class NamedProduct:
    """What a product id or name resolved to: a category, one product, or several
    candidates."""

    category: str | None = None
    product_id: str | None = None
    title: str | None = None
    name: str = ""  # as asked, spaces collapsed
    candidates: pd.DataFrame | None = None  # product_id index; title, category (all matches)
    within: str | None = None  # the category the candidates were narrowed to


def resolve_id(titles: ProductTitles, product_id: str, chosen: Categories | None) -> NamedProduct:
    """The product or candidates `product_id` names (module docstring), only those in the
    `chosen` categories among several; NotFound for an id the store lacks."""
    wanted = product_id.strip()
    found = titles.ids(wanted)
    if not found:
        raise NotFound(f"no product '{wanted}' in the catalogue or the order lines")
    named = _narrowed(titles, found, wanted, chosen)
    if named.product_id is not None:  # asked by id: said by id, as asked
        return NamedProduct(product_id=named.product_id, name=wanted)
    return named


def resolve_name(
    sales: SalesLines, titles: ProductTitles, name: str, chosen: Categories | None = None
) -> NamedProduct:
    """The category, product or candidates `name` names (module docstring), only those in the
    `chosen` categories among several; NotFound naming the words when nothing does."""
    wanted = " ".join(name.split())
    as_category = _category(sales, wanted)
    if as_category is not None:
        return NamedProduct(category=as_category, name=wanted)
    if not sales.has_products:
        raise NotFound(f"{NO_PRODUCTS} Ask by product id instead of '{wanted}'.")
    words = set(WORD.findall(wanted.lower()))
    # ids that differ only in case are candidates, as titles are
    found = titles.ids(wanted, sold=False) or titles.titled(wanted) or titles.holding(words)
    if not found:
        raise NotFound(
            f"no product named '{wanted}': no title in the catalogue holds "
            f"{'that word' if len(words) == 1 else 'those words'}, and it is no category "
            f"({', '.join(sales.categories) or 'the store names none'})"
        )
    return _narrowed(titles, found, wanted, chosen)


def _narrowed(
    titles: ProductTitles, found: list[str], wanted: str, chosen: Categories | None
) -> NamedProduct:
    """One product found, or several (of the `chosen` categories only, when asked:
    InvalidInput naming both when none is in them)."""
    matches = titles.listed(found)
    if chosen is not None and len(matches) > 1:
        inside = matches[matches["category"].isin(chosen.names)]
        if inside.empty:
            held = sorted({str(c) for c in matches["category"] if c is not None})
            where = f"in {', '.join(held)}" if held else "in no category of the catalogue"
            raise InvalidInput(
                f"{len(matches):,} products match '{wanted}', none in {chosen.titled} "
                f"(they are {where}): ask for the product alone, or for the category"
            )
        matches = inside
    if len(matches) == 1:
        found_id = str(matches.index[0])
        return NamedProduct(
            product_id=found_id, title=_text(matches.at[found_id, "title"]), name=wanted
        )
    within = None if chosen is None else chosen.said
    return NamedProduct(name=wanted, candidates=matches, within=within)


def agreeing(sales: SalesLines, chosen: Categories | None, named: NamedProduct) -> Bought:
    """What customers are ranked by buying, the categories asked (None when not asked) beside
    what was named: the categories, the product id and its title. A product in one of the
    categories is that product, a name of one of them that category; InvalidInput naming
    both when they differ (module docstring)."""
    if named.product_id is None:
        if named.category is None:
            return chosen, None, None
        if chosen is not None and named.category not in chosen.names:
            raise InvalidInput(
                f"product_name '{named.name}' is the category {named.category}, not "
                f"{chosen.either}: ask for one category"
            )
        return one_category(named.name, named.category), None, None
    if chosen is not None:
        products = sales.products
        known = named.product_id in products.index
        held = _text(products.at[named.product_id, "category"]) if known else None
        if held not in chosen.names:
            title = named.title or (_title(products, named.product_id) if known else None)
            product = f"product {named.product_id}" + (f" ({title})" if title else "")
            where = f"in category {held}" if held else "in no category of the catalogue"
            raise InvalidInput(
                f"{product} is {where}, not {chosen.either}: ask for the product alone, or "
                "for the category"
            )
    return chosen, named.product_id, named.title


def what_bought(
    data: StoreData, category: str | None, product_id: str | None, product_name: str | None
) -> "Bought | NamedProduct | None":
    """What customers are ranked by buying: the categories `category` names (one or several,
    categories.py), the product id and (asked by name) its title, all None for all their
    orders; the products an id or a name matched when several did (of the categories only,
    when asked with them); None for a store without order lines. Categories beside a product
    or a name must agree with it (agreeing)."""
    if category is None and product_id is None and product_name is None:
        return None, None, None
    sales = cached_sales(data)
    if sales is None:
        return None
    chosen = categories_named(sales, category) if category else None
    if product_id is not None:
        named = resolve_id(product_titles(data, sales), product_id, chosen)
    elif product_name is not None:
        named = resolve_name(sales, product_titles(data, sales), product_name, chosen)
    else:
        named = NamedProduct()
    if named.candidates is not None:
        return named
    return agreeing(sales, chosen, named)


def candidates_said(named: NamedProduct, example: str = "who bought the most {}") -> str:
    """Several products for one name, in words: the first SHOWN with their ids, how many more,
    and how to ask for one (`example`, a question with the first id in it)."""
    assert named.candidates is not None
    shown = candidates_listed(named)
    listed = "; ".join(f"{c['title'] or 'untitled'} ({c['product_id']})" for c in shown)
    more = len(named.candidates) - len(shown)
    rest = f"; and {more:,} more" if more else ""
    within = f" in {named.within}" if named.within else ""
    return (
        f"{len(named.candidates):,} products{within} match '{named.name}': {listed}{rest}. "
        f'Ask again with one product\'s id (e.g. "{example.format(shown[0]["product_id"])}") '
        "or more of its name."
    )


def candidates_listed(named: NamedProduct) -> list[dict[str, str | None]]:
    """The first SHOWN candidates: product_id, title and category, for the card."""
    assert named.candidates is not None
    shown = named.candidates.iloc[:SHOWN]
    return [
        {"product_id": str(product_id), "title": _text(row["title"]),
         "category": _text(row["category"])}
        for product_id, row in shown.iterrows()
    ]  # fmt: skip


def _category(sales: SalesLines, name: str) -> str | None:
    """The store's category called `name`, as resolve_category reads one; None for none."""
    try:
        return sales.resolve_category(name)
    except NotFound:
        return None


def _title(products: pd.DataFrame, product_id: str) -> str | None:
    return _text(products.at[product_id, "title"])


def _text(value: object) -> str | None:
    """A catalogue text as shown: SalesLines keeps a missing one as None."""
    return None if value is None else str(value)
