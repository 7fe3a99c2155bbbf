"""top_customers ranked by a product asked for by name ("who bought the most earl grey"),
against the hand-computed store with its products renamed (earl_grey_shop.py): any case, the
words in any order, one product ranked, several listed with their ids to choose from, a
category's name taken as the category, and a name nothing has refused naming the words."""

import pytest

from assistant.tools.data import StoreData
from assistant.tools.top_customers import top_customers
from commerce.errors import InvalidInput, NotFound
from tests.tools import earl_grey_shop, sales_shop
from tests.tools.conftest import context


@pytest.fixture(scope="module")
def shop(tmp_path_factory: pytest.TempPathFactory) -> StoreData:
    """Its order lines are sales_shop.LINES: P2 ("Earl Grey loose leaf") c1 $40.00 in 2 orders
    (2 units), c3 $20.00; P1 ("Earl Grey tea bags") c3 $20.00, c1 $10.00, c2 $5.00."""
    return earl_grey_shop.renamed_store(tmp_path_factory.mktemp("named"))


def test_a_name_any_case_and_word_order_ranks_its_product(shop: StoreData) -> None:
    out = top_customers(context(shop, "operator"), product_name="LEAF  earl")
    result = out.result
    assert (result["product_id"], result["product_title"]) == ("P2", "Earl Grey loose leaf")
    assert [(r["customer_id"], r["revenue"], r["units"]) for r in result["rows"]] == [
        ("c1", 40.0, 2), ("c3", 20.0, 1),
    ]  # fmt: skip
    assert out.answer.startswith(
        "Top customers of Earl Grey loose leaf (product P2) by spend to 2024-03-31 (of 2 "
        "customers who bought Earl Grey loose leaf (product P2)): c1 ($40.00) and c3 ($20.00)."
    )
    exact = top_customers(context(shop, "operator"), product_name="earl grey tea bags", by="units")
    assert exact.result["product_id"] == "P1"
    first = exact.result["rows"][0]
    assert (first["customer_id"], first["units"]) == ("c3", 4)
    by_id = top_customers(context(shop, "operator"), product_name="P3")
    assert (by_id.result["product_id"], by_id.result["total"]) == ("P3", 2)


def test_several_products_are_listed_with_their_ids(shop: StoreData) -> None:
    out = top_customers(context(shop, "operator"), product_name="Earl Grey")
    result = out.result
    assert result["rows"] == [] and result["total"] == 0
    assert [c["product_id"] for c in result["candidates"]] == ["P2", "P1"]  # by title
    assert result["candidates"][0] == {
        "product_id": "P2", "title": "Earl Grey loose leaf", "category": "Tea",
    }  # fmt: skip
    assert out.answer == result["note"]
    assert out.answer == (
        "2 products match 'Earl Grey': Earl Grey loose leaf (P2); Earl Grey tea bags (P1). Ask "
        'again with one product\'s id (e.g. "who bought the most P2") or more of its name.'
    )


def test_a_category_name_is_the_category_and_nothing_named_is_refused(shop: StoreData) -> None:
    snacks = top_customers(context(shop, "operator"), product_name="snack")
    assert (snacks.result["category"], snacks.result["product_id"]) == ("Snacks", None)
    with pytest.raises(NotFound) as missing:
        top_customers(context(shop, "operator"), product_name="darjeeling")
    assert str(missing.value) == (
        "no product named 'darjeeling': no title in the catalogue holds that word, and it is "
        "no category (Snacks, Tea)"
    )
    with pytest.raises(InvalidInput, match="give product_id or product_name, not both"):
        top_customers(context(shop, "operator"), product_id="P1", product_name="biscuits")


def test_a_store_without_a_catalogue_or_order_lines_says_so(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    bare = sales_shop.store_of(tmp_path_factory.mktemp("lines"), ("order_items",))
    with pytest.raises(NotFound, match=r"no products table.*Ask by product id instead of 'tea'"):
        top_customers(context(bare, "operator"), product_name="tea")
    no_lines = sales_shop.store_of(tmp_path_factory.mktemp("orders"), ())
    out = top_customers(context(no_lines, "operator"), product_name="tea")
    assert out.answer.startswith("This store has no order lines (order_items)")
