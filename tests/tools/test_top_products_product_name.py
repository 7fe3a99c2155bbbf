"""top_products asked for one product by name ("how many units of earl grey did we sell"):
the name resolved as top_customers resolves one (product_names.py), so one product is that
product's sales, a category's name that category's, several products a list to choose from by
id, and an unknown name an error naming it; the sales are then those of the product asked by
id, equal to a pandas sum over its lines."""

import pytest

from assistant.tools.data import StoreData
from assistant.tools.products import top_products
from commerce.errors import InvalidInput, NotFound
from tests.tools import sales_shop
from tests.tools.conftest import context
from tests.tools.earl_grey_shop import renamed_store


@pytest.fixture(scope="module")
def shop(tmp_path_factory: pytest.TempPathFactory) -> StoreData:
    return renamed_store(tmp_path_factory.mktemp("named"))


def _units(product: str, first: str, last: str) -> int:
    """The units of `product` sold from `first` to `last`, summed from sales_shop's lines."""
    return sum(
        q for _, _, day, p, q, _ in sales_shop.LINES if p == product and first <= day <= last
    )


def test_a_name_of_one_product_is_its_sales(shop: StoreData) -> None:
    by_name = top_products(context(shop), days=10, product_name="tea bags", by="units")
    by_id = top_products(context(shop), days=10, product_id="P1", by="units")
    assert by_name.result["product_id"] == "P1"
    assert by_name.result["totals"] == by_id.result["totals"]
    assert by_name.result["totals"]["units"] == _units("P1", "2024-03-22", "2024-03-31") == 3
    assert by_name.answer == by_id.answer


def test_a_category_s_name_is_that_category(shop: StoreData) -> None:
    out = top_products(context(shop), days=10, product_name="snacks")
    assert out.result["category"] == "Snacks"
    assert "product_id" not in out.result


def test_several_products_are_listed_to_choose_from(shop: StoreData) -> None:
    out = top_products(context(shop), days=10, product_name="earl grey")
    assert [c["product_id"] for c in out.result["candidates"]] == ["P2", "P1"]
    assert out.result["rows"] == [] and out.result["totals"] is None
    assert out.answer.startswith("2 products match 'earl grey': Earl Grey loose leaf (P2);")
    assert 'e.g. "how many units of P2 did we sell"' in out.answer


def test_an_unknown_name_is_refused_naming_it(shop: StoreData) -> None:
    with pytest.raises(NotFound, match="no product named 'dark roast'"):
        top_products(context(shop), product_name="dark roast")


def test_a_name_and_an_id_together_are_refused(shop: StoreData) -> None:
    with pytest.raises(InvalidInput, match="give product_id or product_name, not both"):
        top_products(context(shop), product_id="P1", product_name="tea bags")


def test_a_category_name_beside_another_category_is_refused(shop: StoreData) -> None:
    with pytest.raises(InvalidInput, match="is the category Snacks, not Tea"):
        top_products(context(shop), category="Tea", product_name="snacks")
