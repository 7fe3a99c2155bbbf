"""A category misspelt close to one of the store's ('coffe') is read as it, and the answer says
so; a word close to none ('toys', 'tee') is still refused with the list."""

import pytest

from assistant.tools.products import top_products
from commerce.errors import NotFound
from tests.tools.conftest import context
from tests.tools.sales_shop import store_of


def test_a_close_misspelling_is_read_as_the_category_and_said(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    shop = store_of(tmp_path_factory.mktemp("shop"), ("order_items", "products"))
    ctx = context(shop, "operator")
    read = top_products(ctx, days=10, category="coffe")
    exact = top_products(ctx, days=10, category="Coffee")
    assert read.result == exact.result and read.result["category"] == "Coffee"
    assert read.answer == f"(Read 'coffe' as Coffee.) {exact.answer}"
    assert not exact.answer.startswith("(Read")
    for far in ("toys", "tee"):
        with pytest.raises(NotFound, match=rf"no category '{far}'; known: Coffee, Snacks, Tea"):
            top_products(ctx, days=10, category=far)


def test_a_misspelt_side_of_a_joined_name_reads_the_category(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """ "choclate" is a typo of one side of "Candy & chocolate": read as that category, said."""
    joined = [("P1", "Coffee beans", "Coffee"), ("P2", "Truffles", "Candy & chocolate"),
              ("P3", "Biscuits", "Snacks")]  # fmt: skip
    shop = store_of(tmp_path_factory.mktemp("joined"), ("order_items", "products"), products=joined)
    ctx = context(shop, "operator")
    read = top_products(ctx, days=10, category="choclate")
    assert read.result["category"] == "Candy & chocolate"
    assert read.answer.startswith("(Read 'choclate' as Candy & chocolate.) ")
    with pytest.raises(NotFound, match="no category 'toys'"):
        top_products(ctx, days=10, category="toys")
