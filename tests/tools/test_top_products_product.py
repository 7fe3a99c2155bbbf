"""top_products for one product ("how many units of P1 did we sell in 1998"): its totals and
its one row equal a pandas sum over the store's tables, worded on their own, and the product
refused when the store lacks it, sits outside the category asked, or the store has no lines."""

import pandas as pd
import pytest

from assistant.tools.data import StoreData
from assistant.tools.products import top_products
from commerce.errors import InvalidInput, NotFound
from tests.tools.conftest import context
from tests.tools.sales_shop import store_of

# P1 (Coffee beans, Coffee) in the 10 days to 2024-03-31: o1 (c1) 2 units $10.00, o2 (c2) 1 unit
# $5.00; in the 10 days before, o4 (c3) 4 units $20.00. All products sold $61.00 in the period.


@pytest.fixture(scope="module")
def shop(tmp_path_factory: pytest.TempPathFactory) -> StoreData:
    return store_of(tmp_path_factory.mktemp("shop"), ("order_items", "products"))


def test_one_product_sold_by_hand(shop: StoreData) -> None:
    out = top_products(context(shop, "operator"), days=10, product_id="P1", by="units")
    result = out.result
    assert result["totals"] == {"units": 3, "revenue": 15.0, "orders": 2, "customers": 2}
    assert (result["product_id"], result["product_title"], result["product_category"]) == (
        "P1", "Coffee beans", "Coffee",
    )  # fmt: skip
    [row] = result["rows"]
    assert (row["units"], row["before"], row["change"]) == (3, 4, -0.25)
    assert out.answer == (
        "Product P1 (Coffee beans, Coffee) sold 3 units for $15.00 in 2 orders to 2 customers "
        "in the 10 days to 2024-03-31 (24.6% of the $61.00 all products sold for in the "
        "period); units sold down 25% on the 10 days before."
    )


def test_the_id_in_any_case_and_the_comparison_are_the_products(shop: StoreData) -> None:
    out = top_products(context(shop), month="2024-03", product_id="p1", compare_to="2024-01")
    assert out.result["product_id"] == "P1"
    assert out.result["totals"] == {"units": 7, "revenue": 35.0, "orders": 3, "customers": 3}
    assert out.result["compared"]["totals"] == {
        "units": 0, "revenue": 0.0, "orders": 0, "customers": 0,
    }  # fmt: skip
    assert "the store sold $0.00 of product P1 in 0 orders" in out.answer


def test_a_product_that_sold_nothing_says_when_it_last_did(shop: StoreData) -> None:
    out = top_products(context(shop), since="2024-03-01", until="2024-03-30", product_id="P3")
    assert out.result["rows"] == []
    assert out.answer == (
        "Product P3 (Biscuits, Snacks) sold nothing from 2024-03-01 to 2024-03-30. Its last "
        "sale was on 2024-03-31: ask for the last 1 day or more."
    )


def test_unknown_outside_its_category_or_without_lines(
    shop: StoreData, tmp_path_factory: pytest.TempPathFactory
) -> None:
    with pytest.raises(NotFound, match="no product 'P9'"):
        top_products(context(shop), product_id="P9")
    with pytest.raises(InvalidInput, match=r"product P1 .* is in category Coffee, not Tea"):
        top_products(context(shop), product_id="P1", category="tea")
    with pytest.raises(InvalidInput, match="per month"):
        top_products(context(shop), product_id="P1", per="month")
    bare = store_of(tmp_path_factory.mktemp("bare"), ())
    out = top_products(context(bare), product_id="P1")
    assert (out.result["totals"], out.result["rows"]) == (None, [])
    assert "no order lines" in out.answer


def test_every_product_equals_a_pandas_sum(shared_data: StoreData) -> None:
    store = shared_data.store()
    orders = store.table("orders", ["order_id", "customer_id", "ts"])
    items = store.table("order_items", ["order_id", "product_id", "quantity", "price"])
    lines = items.merge(orders, on="order_id")
    last = orders["ts"].max()
    year = str(last.year)
    in_year = lines[lines["ts"].dt.year == last.year]
    for product_id, sold in in_year.groupby("product_id"):
        result = top_products(context(shared_data), year=year, product_id=str(product_id)).result
        revenue = float((sold["quantity"] * sold["price"]).sum())
        assert result["totals"] == {
            "units": int(sold["quantity"].sum()),
            "revenue": round(revenue, 2),
            "orders": sold["order_id"].nunique(),
            "customers": sold["customer_id"].nunique(),
        }, product_id
        [row] = result["rows"]
        assert (row["revenue"], row["units"]) == (round(revenue, 2), int(sold["quantity"].sum()))
        whole = float((in_year["quantity"] * in_year["price"]).sum())
        assert row["share_of_revenue"] == round(revenue / whole, 4)
        assert pd.Timestamp(result["to"]).year == last.year
