"""A product asked for by its name ("who bought the most earl grey"), for top_customers: the
words matched against the catalogue's titles, any case.

A name that is one of the store's categories is that category ("tea" is Tea, as
SalesLines.resolve_category reads it), since a category word asks about the category; a
name that is a product id in the catalogue is that product. Otherwise a title equal to the
name wins, else every title holding all the name's words (in any order): one is the product,
several are candidates for the person to choose from by id, none is an error naming the
words.
"""

import re
from dataclasses import dataclass

import pandas as pd

from assistant.tools.product_sales import NO_PRODUCTS, SalesLines
from commerce.errors import NotFound

WORD = re.compile(r"[\w&'-]+")
SHOWN = 8  # candidates listed at most: enough to choose from, short enough to read


@dataclass(frozen=True)
class NamedProduct:
    """What a product name resolved to: a category, one product, or several candidates."""

    category: str | None = None
    product_id: str | None = None
    title: str | None = None
    name: str = ""  # as asked, spaces collapsed
    candidates: pd.DataFrame | None = None  # product_id index; title, category (all matches)


def resolve_name(sales: SalesLines, name: str) -> NamedProduct:
    """The category, product or candidates `name` names (module docstring); NotFound naming
    the words when nothing does."""
    wanted = " ".join(name.split())
    category = _category(sales, wanted)
    if category is not None:
        return NamedProduct(category=category)
    if not sales.has_products:
        raise NotFound(f"{NO_PRODUCTS} Ask by product id instead of '{wanted}'.")
    products = sales.products
    if wanted in products.index:
        return NamedProduct(product_id=wanted, title=_title(products, wanted))
    titles = products["title"].fillna("").astype(str).str.lower().map(lambda t: " ".join(t.split()))
    exact = products[titles == wanted.lower()]
    words = set(WORD.findall(wanted.lower()))
    if len(exact):
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
        return NamedProduct(product_id=found, title=_title(products, found))
    # By title, then id: the same list every time.
    keys = pd.DataFrame({"title": titles[matches.index], "id": matches.index}, matches.index)
    return NamedProduct(
        name=wanted, candidates=matches.loc[keys.sort_values(["title", "id"]).index]
    )


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
