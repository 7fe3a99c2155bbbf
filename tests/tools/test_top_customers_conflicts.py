"""top_customers asked for a category beside a product (by id or by name) or beside a name
that is a category, against the hand-computed store with its products renamed
(earl_grey_shop.py): a product in the category ranks the product and says so, one outside it or a
different category is refused naming both (never "nobody bought Tea", never the name
dropped), and a product id given as a name is matched in any case."""

import pytest

from assistant.tools.data import StoreData
from assistant.tools.top_customers import top_customers
from commerce.errors import InvalidInput
from tests.tools import earl_grey_shop
from tests.tools.conftest import context


# earl_grey_shop's store with P4 "Mystery tin" in no category.
@pytest.fixture(scope="module")
def shop(tmp_path_factory: pytest.TempPathFactory) -> StoreData:
    return earl_grey_shop.store_with_p4(tmp_path_factory.mktemp("conflicts"), "Mystery tin", None)


def test_a_product_outside_the_category_is_refused_naming_both(shop: StoreData) -> None:
    refusal = (
        "product P3 (Butter biscuits) is in category Snacks, not Tea: ask for the product "
        "alone, or for the category"
    )
    with pytest.raises(InvalidInput) as by_name:
        top_customers(context(shop, "operator"), product_name="butter biscuits", category="tea")
    with pytest.raises(InvalidInput) as by_id:
        top_customers(context(shop, "operator"), product_id="P3", category="tea")
    assert str(by_name.value) == str(by_id.value) == refusal
    with pytest.raises(InvalidInput) as unsorted:
        top_customers(context(shop, "operator"), product_id="P4", category="Tea")
    assert str(unsorted.value).startswith(
        "product P4 (Mystery tin) is in no category of the catalogue, not Tea"
    )


def test_a_name_that_is_another_category_is_refused_naming_both(shop: StoreData) -> None:
    with pytest.raises(InvalidInput) as refused:
        top_customers(context(shop, "operator"), product_name="snack", category="Tea")
    assert str(refused.value) == (
        "product_name 'snack' is the category Snacks, not Tea: ask for one category"
    )
    same = top_customers(context(shop, "operator"), product_name="tea", category="TEA")
    assert (same.result["category"], same.result["product_id"]) == ("Tea", None)


def test_a_product_in_the_category_ranks_the_product(shop: StoreData) -> None:
    named = top_customers(context(shop, "operator"), product_name="tea bags", category="Tea")
    result = named.result
    assert (result["category"], result["product_id"]) == ("Tea", "P1")
    assert [(r["customer_id"], r["revenue"]) for r in result["rows"]] == [
        ("c3", 20.0), ("c1", 10.0), ("c2", 5.0),
    ]  # fmt: skip
    assert named.answer.startswith(
        "Top customers of Earl Grey tea bags (product P1) by spend to 2024-03-31 (of 3 "
        "customers who bought Earl Grey tea bags (product P1))"
    )
    by_id = top_customers(context(shop, "operator"), product_id="P3", category="snacks")
    assert by_id.answer.startswith("Top customers of product P3 by spend")


def test_a_product_id_given_as_a_name_is_matched_in_any_case(shop: StoreData) -> None:
    out = top_customers(context(shop, "operator"), product_name="p3")
    assert (out.result["product_id"], out.result["product_title"]) == ("P3", "Butter biscuits")
    assert [r["customer_id"] for r in out.result["rows"]] == ["c2", "c4"]
    exact = top_customers(context(shop, "operator"), product_name="aB")
    assert exact.result["product_id"] == "aB"
    both = top_customers(context(shop, "operator"), product_name="ab")
    assert [c["product_id"] for c in both.result["candidates"]] == ["aB", "Ab"]  # by title
