"""The hand-computed store (sales_shop.py) with its products renamed so that names overlap, for
top_customers asked for a product by name or by an id in another case.

Two Tea products share "Earl Grey": P1 "Earl Grey tea bags" (c3 $20.00, c1 $10.00, c2 $5.00)
and P2 "Earl Grey loose leaf"; P3 is "Butter biscuits" in Snacks (c2 $6.00, c4 $2.00). P4,
titled and filed as each test needs, has one line: c4 $3.00 on 2024-03-29. Ab "Gift card" and
aB "Gift box" (Gifts) are ids differing only in case, with no lines."""

from pathlib import Path

from assistant.tools.data import StoreData
from tests.tools import sales_shop

# sales_shop's products with their new names: (id, title, category).
RENAMED = [
    ("P1", "Earl Grey tea bags", "Tea"),
    ("P2", "Earl Grey loose leaf", "Tea"),
    ("P3", "Butter biscuits", "Snacks"),
]
P4_LINE = ("o8", "c4", "2024-03-29", "P4", 1, 3.0)


def renamed_store(folder: Path) -> StoreData:
    """sales_shop's store in `folder` with its products renamed, and nothing more: no P4, no
    gift ids, so its only categories are Snacks and Tea."""
    return sales_shop.store_of(folder, ("order_items", "products"), sales_shop.LINES, RENAMED)


def store_with_p4(folder: Path, title: str, category: str | None) -> StoreData:
    """The renamed store in `folder`, its P4 titled `title` in `category` (None: no category)."""
    products = [
        *RENAMED,
        ("P4", title, category),
        ("Ab", "Gift card", "Gifts"),
        ("aB", "Gift box", "Gifts"),
    ]
    return sales_shop.store_of(
        folder, ("order_items", "products"), [*sales_shop.LINES, P4_LINE], products
    )
