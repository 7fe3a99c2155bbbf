"""top_customers ranked by each customer's largest single order ("who placed the biggest
single order?", `by` largest_order) against the hand-computed store (sales_shop.py): the
largest of their orders in the period, ties by spend, said with its amount; with a category or
product, or beside a trend, refused by name (a line is no order)."""

import pytest

from assistant.tools.data import StoreData
from assistant.tools.top_customers import top_customers
from commerce.errors import InvalidInput
from tests.tools.conftest import context
from tests.tools.sales_shop import store_of

# Orders: c1 o1 $30.00 and o3 $20.00; c2 o2 $11.00 and o7 $7.00 (no lines); c3 o4 and o5
# $20.00 each; c4 o6 $2.00 on 2024-01-01.


@pytest.fixture(scope="module")
def shop(tmp_path_factory: pytest.TempPathFactory) -> StoreData:
    return store_of(tmp_path_factory.mktemp("shop"), ("order_items", "products"))


def test_the_largest_single_order_ranks(shop: StoreData) -> None:
    out = top_customers(context(shop, "operator"), by="largest_order")
    rows = out.result["rows"]
    assert [(r["customer_id"], r["largest_order"]) for r in rows] == [
        ("c1", 30.0),
        ("c3", 20.0),
        ("c2", 11.0),
        ("c4", 2.0),
    ]
    assert out.answer.startswith(
        "Top customers by largest single order to 2024-03-31 (of 4 customers who ordered): "
        "c1 ($30.00 order), c3 ($20.00 order), c2 ($11.00 order) and 1 more. c1 spent $50.00 "
        "on 2 orders"
    )
    assert ", the largest $30.00, the last on 2024-03-30" in out.answer


def test_a_period_counts_its_own_orders_only(shop: StoreData) -> None:
    out = top_customers(context(shop, "operator"), by="largest_order", since="2024-03-26")
    assert [(r["customer_id"], r["largest_order"]) for r in out.result["rows"]] == [
        ("c1", 30.0),
        ("c2", 11.0),
    ]
    spend = top_customers(context(shop, "operator"))  # other rankings carry it too
    assert spend.result["rows"][0]["largest_order"] == 30.0


@pytest.mark.parametrize(
    ("asked", "named"),
    [
        ({"category": "Tea"}, "ask without category, product_id and product_name"),
        ({"product_id": "P1"}, "ask without category, product_id and product_name"),
        ({"trend": "falling"}, "for it without by 'largest_order'"),
    ],
)
def test_what_a_largest_order_cannot_go_with_is_refused(
    shop: StoreData, asked: dict[str, str], named: str
) -> None:
    with pytest.raises(InvalidInput, match=named):
        top_customers(context(shop, "operator"), by="largest_order", **asked)  # type: ignore[arg-type]
