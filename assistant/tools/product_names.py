"""A product asked for by its name ("who bought the most earl grey"), for top_customers: the
words matched against the catalogue's titles, any case.

A name that is one of the store's categories is that category ("tea" is Tea, as
SalesLines.resolve_category reads it), since a category word asks about the category; a
name that is a product id in the catalogue (any case) is that product. Otherwise a title
equal to the name wins, else every title holding all the name's words (in any order): one is
the product, several are candidates for the person to choose from by id, none is an error
naming the words.

A category asked beside a product (by id or name) must hold it, and beside a name that is a
category must be that category: ranking one would silently drop the other, and ranking both
would answer "nobody bought it", so a conflict is refused naming both.
"""

import re
from dataclasses import dataclass

import pandas as pd

from assistant.tools.product_sales import NO_PRODUCTS, SalesLines
from commerce.errors import InvalidInput, NotFound

WORD = re.compile(r"[\w&'-]+")
SHOWN = 8  # candidates listed at most: enough to choose from, short enough to read


@dataclass(frozen=True)
class NamedProduct:
    """What a product name resolved to: a category, one product, or several candidates."""

    category: str | None = None
    product_id: str | None = None
    title: str | None = None
    name: str = ""  # as asked, spaces collapsed ("" for a product asked by id)
    candidates: pd.DataFrame | None = None  # product_id index; title, category (all matches)


def resolve_name(sales: SalesLines, name: str) -> NamedProduct:
    """The category, product or candidates `name` names (module docstring); NotFound naming
    the words when nothing does."""
    wanted = " ".join(name.split())
    category = _category(sales, wanted)
    if category is not None:
        return NamedProduct(category=category, name=wanted)
    if not sales.has_products:
        raise NotFound(f"{NO_PRODUCTS} Ask by product id instead of '{wanted}'.")
    products = sales.products
    if wanted in products.index:
        return NamedProduct(product_id=wanted, title=_title(products, wanted), name=wanted)
    same_id = products.index.astype(str).str.lower() == wanted.lower()
    titles = products["title"].fillna("").astype(str).str.lower().map(lambda t: " ".join(t.split()))
    exact = products[titles == wanted.lower()]
    words = set(WORD.findall(wanted.lower()))
    if same_id.any():  # ids that differ only in case are candidates, as titles are
        matches = products[same_id]
    elif len(exact):
        matches = exact
    elif words:
        holds = titles.map(lambda title: words <= set(WORD.findall(title)))
        matches = products[holds.to_numpy(dtype=bool)]
    else:
        matches = products.iloc[:0]
    if matches.empty:
        raise NotFound(
            f"no product named '{wanted}': no title in the catalogue holds "
            f"{'that word' if len(words) == 1 else 'those words'}, and it is no category "
            f"({', '.join(sales.categories) or 'the store names none'})"
        )
    if len(matches) == 1:
        found = str(matches.index[0])
        return NamedProduct(product_id=found, title=_title(products, found), name=wanted)
    # By title, then id: the same list every time.
    keys = pd.DataFrame({"title": titles[matches.index], "id": matches.index}, matches.index)
    return NamedProduct(
        name=wanted, candidates=matches.loc[keys.sort_values(["title", "id"]).index]
    )


def agreeing(
    sales: SalesLines, category: str | None, named: NamedProduct
) -> tuple[str | None, str | None, str | None]:
    """What customers are ranked by buying, a category (as the store names it; None when not
    asked) beside what was named: the category, the product id and its title. A product in
    the category is that product, a name of the category that category; InvalidInput naming
    both when they differ (module docstring)."""
    if named.product_id is None:
        if category is not None and named.category not in (None, category):
            raise InvalidInput(
                f"product_name '{named.name}' is the category {named.category}, not "
                f"{category}: ask for one category"
            )
        return category or named.category, None, None
    if category is not None:
        products = sales.products
        known = named.product_id in products.index
        held = _text(products.at[named.product_id, "category"]) if known else None
        if held != category:
            title = named.title or (_title(products, named.product_id) if known else None)
            product = f"product {named.product_id}" + (f" ({title})" if title else "")
            where = f"in category {held}" if held else "in no category of the catalogue"
            raise InvalidInput(
                f"{product} is {where}, not {category}: ask for the product alone, or for "
                "the category"
            )
    return category, named.product_id, named.title


def candidates_said(named: NamedProduct) -> str:
    """Several products for one name, in words: the first SHOWN with their ids, how many more,
    and how to ask for one."""
    assert named.candidates is not None
    shown = candidates_listed(named)
    listed = "; ".join(f"{c['title'] or 'untitled'} ({c['product_id']})" for c in shown)
    more = len(named.candidates) - len(shown)
    rest = f"; and {more:,} more" if more else ""
    return (
        f"{len(named.candidates):,} products match '{named.name}': {listed}{rest}. Ask again "
        f'with one product\'s id (e.g. "who bought the most {shown[0]["product_id"]}") or more '
        "of its name."
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
