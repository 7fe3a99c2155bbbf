"""top_customers asked for a product by an id in another case ("p3" for P3), and for a name
matching several products beside a category ("earl grey" in Snacks), against the
hand-computed store with its products renamed (earl_grey_shop.py): the id finds the product (ids
differing only in case are listed to choose from), and the category keeps only its products
(none of them in it is refused naming the name, the category and where they are)."""

import pytest

from assistant.tools.data import StoreData
from assistant.tools.top_customers import top_customers
from commerce.errors import InvalidInput, NotFound
from tests.tools import earl_grey_shop, sales_shop
from tests.tools.conftest import context


# earl_grey_shop's store with P4 "Earl Grey shortbread" in Snacks.
@pytest.fixture(scope="module")
def shop(tmp_path_factory: pytest.TempPathFactory) -> StoreData:
    return earl_grey_shop.store_with_p4(
        tmp_path_factory.mktemp("narrowing"), "Earl Grey shortbread", "Snacks"
    )


def test_a_product_id_in_another_case_finds_the_product(shop: StoreData) -> None:
    out = top_customers(context(shop, "operator"), product_id="p3")
    assert (out.result["product_id"], out.result["product_title"]) == ("P3", None)
    assert [(r["customer_id"], r["revenue"]) for r in out.result["rows"]] == [
        ("c2", 6.0), ("c4", 2.0),
    ]  # fmt: skip
    assert out.answer.startswith("Top customers of product P3 by spend to 2024-03-31")
    in_category = top_customers(context(shop, "operator"), product_id="P1 ", category="tea")
    assert (in_category.result["category"], in_category.result["product_id"]) == ("Tea", "P1")
    with pytest.raises(NotFound, match=r"^no product 'p9' in the catalogue or the order lines$"):
        top_customers(context(shop, "operator"), product_id="p9")


def test_without_a_catalogue_the_order_lines_ids_are_read_in_any_case(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    lines_only = sales_shop.store_of(tmp_path_factory.mktemp("lines"), ("order_items",))
    out = top_customers(context(lines_only, "operator"), product_id=" p2")
    assert out.result["product_id"] == "P2"
    assert [(r["customer_id"], r["revenue"]) for r in out.result["rows"]] == [
        ("c1", 40.0), ("c3", 20.0),
    ]  # fmt: skip


def test_ids_differing_only_in_case_are_listed_unless_one_is_as_typed(shop: StoreData) -> None:
    exact = top_customers(context(shop, "operator"), product_id="aB")
    assert exact.result["product_id"] == "aB"
    both = top_customers(context(shop, "operator"), product_id="AB")
    assert both.result["rows"] == [] and both.answer == both.result["note"]
    assert [c["product_id"] for c in both.result["candidates"]] == ["aB", "Ab"]  # by title
    assert both.answer.startswith("2 products match 'AB': Gift box (aB); Gift card (Ab). ")
    with pytest.raises(InvalidInput) as elsewhere:
        top_customers(context(shop, "operator"), product_id="ab", category="Tea")
    assert str(elsewhere.value) == (
        "2 products match 'ab', none in category Tea (they are in Gifts): ask for the product "
        "alone, or for the category"
    )


def test_a_name_beside_a_category_keeps_that_categorys_products(shop: StoreData) -> None:
    everywhere = top_customers(context(shop, "operator"), product_name="earl grey")
    assert [c["product_id"] for c in everywhere.result["candidates"]] == ["P2", "P4", "P1"]
    snacks = top_customers(context(shop, "operator"), product_name="earl grey", category="snack")
    result = snacks.result
    assert (result["category"], result["product_id"]) == ("Snacks", "P4")
    assert result["product_title"] == "Earl Grey shortbread"
    assert [(r["customer_id"], r["revenue"]) for r in result["rows"]] == [("c4", 3.0)]
    tea = top_customers(context(shop, "operator"), product_name="Earl Grey", category="Tea")
    assert tea.result["rows"] == []
    assert [c["product_id"] for c in tea.result["candidates"]] == ["P2", "P1"]
    assert tea.answer.startswith(
        "2 products in Tea match 'Earl Grey': Earl Grey loose leaf (P2); Earl Grey tea bags (P1). "
    )


def test_a_name_none_of_whose_products_is_in_the_category_is_refused(shop: StoreData) -> None:
    with pytest.raises(InvalidInput) as refused:
        top_customers(context(shop, "operator"), product_name="earl grey", category="Gifts")
    assert str(refused.value) == (
        "3 products match 'earl grey', none in category Gifts (they are in Snacks, Tea): ask "
        "for the product alone, or for the category"
    )
    # One product outside the category keeps the refusal naming it.
    with pytest.raises(InvalidInput, match=r"^product P4 \(Earl Grey shortbread\) is in "):
        top_customers(context(shop, "operator"), product_name="shortbread", category="Tea")
