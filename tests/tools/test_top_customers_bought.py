"""top_customers ranked by what customers bought of one category or product ("who bought the
most tea"), from the order lines of the hand-computed store (sales_shop.py): the numbers,
categories named as top_products names them, the same error for an unknown one, and a store
without order lines."""

import pytest

from assistant.tools.data import StoreData
from assistant.tools.products import top_products
from assistant.tools.top_customers import top_customers
from commerce.errors import InvalidInput, NotFound
from tests.tools.conftest import context
from tests.tools.sales_shop import store_of

# Order lines per category (sales_shop.LINES):
#   Coffee (P1): c3 $20.00, 4 units (o4, 03-15); c1 $10.00, 2 units (o1); c2 $5.00, 1 unit (o2)
#   Tea (P2): c1 $40.00, 2 units (o1 03-30, o3 03-25); c3 $20.00, 1 unit (o5)
#   Snacks (P3): c2 $6.00, 3 units (o2 03-31); c4 $2.00, 1 unit (o6 01-01)


@pytest.fixture(scope="module")
def shop(tmp_path_factory: pytest.TempPathFactory) -> StoreData:
    return store_of(tmp_path_factory.mktemp("shop"), ("order_items", "products"))


def test_who_bought_the_most_tea(shop: StoreData) -> None:
    out = top_customers(context(shop, "operator"), category="tea")
    result = out.result
    assert (result["category"], result["product_id"]) == ("Tea", None)
    assert [(r["customer_id"], r["revenue"], r["units"], r["orders"]) for r in result["rows"]] \
        == [("c1", 40.0, 2, 2), ("c3", 20.0, 1, 1)]  # fmt: skip
    assert (result["period_revenue"], result["ordered"], result["total"]) == (60.0, 2, 2)
    assert out.answer == (
        "Top customers of Tea by spend to 2024-03-31 (of 2 customers who bought Tea): "
        "c1 ($40.00) and c3 ($20.00). c1 spent $40.00 on Tea in 2 orders (2 units; 66.7% of all "
        "Tea revenue in the period), the last on 2024-03-30."
    )


def test_by_units_and_by_product(shop: StoreData) -> None:
    coffee = top_customers(context(shop, "operator"), category="Coffee", by="units")
    assert [(r["customer_id"], r["units"]) for r in coffee.result["rows"]] == [
        ("c3", 4), ("c1", 2), ("c2", 1),
    ]  # fmt: skip
    assert "by units bought" in coffee.answer and "c3 (4 units)" in coffee.answer
    biscuits = top_customers(context(shop, "operator"), product_id="P3")
    assert [(r["customer_id"], r["revenue"]) for r in biscuits.result["rows"]] == [
        ("c2", 6.0), ("c4", 2.0),
    ]  # fmt: skip
    assert biscuits.answer.startswith("Top customers of product P3 by spend to 2024-03-31")
    with pytest.raises(
        InvalidInput, match="by 'units' needs a category, a product_id or a product_name"
    ):
        top_customers(context(shop, "operator"), by="units")


def test_categories_resolve_as_top_products_resolves_them(shop: StoreData) -> None:
    out = top_customers(context(shop, "operator"), category="snack")
    assert out.result["category"] == "Snacks"
    with pytest.raises(NotFound) as ours:
        top_customers(context(shop, "operator"), category="Dog food")
    with pytest.raises(NotFound) as theirs:
        top_products(context(shop, "operator"), category="Dog food")
    assert str(ours.value) == str(theirs.value) == "no category 'Dog food'; known: Coffee, " \
        "Snacks, Tea"  # fmt: skip
    with pytest.raises(NotFound, match="no product 'P9'"):
        top_customers(context(shop, "operator"), product_id="P9")


def test_a_floor_a_period_and_nobody(shop: StoreData) -> None:
    out = top_customers(context(shop, "operator"), category="Tea", min_revenue=30)
    assert [r["customer_id"] for r in out.result["rows"]] == ["c1"]
    assert out.answer.startswith(
        "1 customer spent $30.00 or more on Tea to 2024-03-31 (of 2 customers who bought Tea)"
    )
    none = top_customers(context(shop, "operator"), category="Tea", min_orders=3)
    assert none.answer == (
        "No customer bought Tea in 3 orders or more to 2024-03-31: the most orders with Tea "
        "anyone placed was 2 (of 2 customers who bought Tea)."
    )
    february = top_customers(context(shop, "operator"), category="Snacks", month="2024-02")
    assert february.answer == "Nobody bought Snacks from 2024-02-01 to 2024-02-29."


def test_a_store_without_order_lines_says_so(tmp_path_factory: pytest.TempPathFactory) -> None:
    bare = store_of(tmp_path_factory.mktemp("bare"), ("products",))
    out = top_customers(context(bare, "operator"), category="Tea")
    assert out.result["rows"] == [] and out.result["note"] == out.answer
    assert out.answer.startswith("This store has no order lines (order_items), so customers ")
    # Without a category the orders still rank them.
    assert top_customers(context(bare, "operator")).result["total"] == 4
