"""The store's product ids and titles as product_names.py matches what people type against
them, read once per store version (kept beside the order lines, in the store data's memo):
titles lower-cased with their spaces collapsed, the products whose title holds each word, and
ids in any case.

A name is then matched by a few dict look-ups and one set intersection. Reading the titles on
every call cost about 30 ms on the demo store's 5,000 products, paid again by each question
that names a product; a store version lasts until events grow the store.
"""

import re
from collections.abc import Iterable
from typing import Any

import pandas as pd

from assistant.tools.data import StoreData
from assistant.tools.product_sales import SalesLines

WORD = re.compile(r"[\w&'-]+")


class ProductTitles:
    """What the store calls its products: the catalogue's titles and categories, and every id
    of the catalogue or the order lines."""

    def __init__(self, sales: SalesLines) -> None:
        products = sales.products
        # As lists: iterating a pandas column of Arrow strings goes value by value.
        ids = products.index.astype(str).tolist()
        shown = list(zip(_texts(products["title"]), _texts(products["category"]), strict=True))
        self._shown = dict(zip(ids, shown, strict=True))  # title and category, as listed
        titles = [" ".join((title or "").lower().split()) for title, _ in shown]
        self._title_of = dict(zip(ids, titles, strict=True))  # the order candidates are listed in
        self._titled: dict[str, list[str]] = {}
        self._holding: dict[str, set[str]] = {}
        for product_id, title in zip(ids, titles, strict=True):
            self._titled.setdefault(title, []).append(product_id)
            for word in set(WORD.findall(title)):
                self._holding.setdefault(word, set()).add(product_id)
        self._catalogued = _by_case(ids)
        self._sold = _by_case(pd.unique(sales.lines["product_id"].astype(str)).tolist())

    def ids(self, wanted: str, *, sold: bool = True) -> list[str]:
        """The ids `wanted` is: itself where the store has it as typed (an id that exists is
        never read as another), else every id equal to it in any case. Ids of the catalogue,
        and of the order lines too unless `sold` is False."""
        found = set(self._catalogued.get(wanted.lower(), []))
        if sold:
            found |= set(self._sold.get(wanted.lower(), []))
        return [wanted] if wanted in found else sorted(found)

    def titled(self, wanted: str) -> list[str]:
        """The catalogue's products titled `wanted` (any case, spaces collapsed)."""
        return self._titled.get(" ".join(wanted.lower().split()), [])

    def holding(self, words: set[str]) -> list[str]:
        """The catalogue's products whose title holds every word (lower case); none for none."""
        if not words:
            return []
        held = sorted((self._holding.get(word, set()) for word in words), key=len)
        return sorted(set.intersection(*held))

    def listed(self, ids: list[str]) -> pd.DataFrame:
        """The products `ids` name, by title then id (the same list every time): title and
        category, None for what the catalogue lacks."""
        ordered = sorted(
            ids, key=lambda product_id: (self._title_of.get(product_id, ""), product_id)
        )
        rows = [self._shown.get(product_id, (None, None)) for product_id in ordered]
        return pd.DataFrame(
            rows, pd.Index(ordered, dtype=object, name="product_id"), ["title", "category"], object
        )


def product_titles(data: StoreData, sales: SalesLines) -> ProductTitles:
    """The ids and titles of `sales` (the store's order lines, product_sales.cached_sales), read
    once per store version."""
    titles: ProductTitles = data.memo(
        "product_names:titles", ("store",), lambda: ProductTitles(sales)
    )
    return titles


def _by_case(ids: Iterable[str]) -> dict[str, list[str]]:
    """Ids by their lower case: those differing only in case together."""
    grouped: dict[str, list[str]] = {}
    for product_id in ids:
        grouped.setdefault(product_id.lower(), []).append(product_id)
    return grouped


def _texts(column: "pd.Series[Any]") -> list[str | None]:
    """A catalogue text column as shown: missing values None."""
    return [None if value is None or pd.isna(value) else str(value) for value in column.tolist()]
