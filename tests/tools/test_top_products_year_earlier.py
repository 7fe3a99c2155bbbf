"""top_products with compare_to "year earlier" ("sales since March vs the same period last
year"): the same days a year back, like with like where a whole year beside the part of the
next the orders reach is not; their totals equal a pandas sum, and a year back before the
store's first order day is refused naming it."""

import pytest

from assistant.tools.data import StoreData
from assistant.tools.products import top_products
from commerce.errors import InvalidInput
from tests.tools import sales_shop
from tests.tools.conftest import context

# sales_shop's lines (2024-01-01 to 2024-03-31), and two orders a year before its period.
EARLIER = [
    ("p0", "c8", "2023-03-20", "P3", 1, 2.0),  # the store's first order day
    ("p1", "c1", "2023-03-23", "P1", 2, 5.0),
    ("p2", "c9", "2023-03-30", "P2", 1, 20.0),
    ("p3", "c9", "2023-04-02", "P2", 1, 20.0),  # after the days a year back
]
LINES = [*EARLIER, *sales_shop.LINES]


@pytest.fixture(scope="module")
def shop(tmp_path_factory: pytest.TempPathFactory) -> StoreData:
    return sales_shop.store_of(tmp_path_factory.mktemp("ago"), ("order_items", "products"), LINES)


def test_the_same_days_a_year_earlier(shop: StoreData) -> None:
    out = top_products(context(shop), days=10, compare_to="year earlier")
    compared = out.result["compared"]
    assert (compared["from"], compared["to"], compared["days"]) == ("2023-03-22", "2023-03-31", 10)
    inside = [line for line in EARLIER if "2023-03-22" <= line[2] <= "2023-03-31"]
    revenue = sum(quantity * price for *_, quantity, price in inside)
    assert compared["totals"] == {
        "revenue": revenue, "orders": 2, "customers": len({line[1] for line in inside}),
    }  # fmt: skip
    assert "From 2023-03-22 to 2023-03-31 the store sold $30.00 in 2 orders" in out.answer
    assert "the periods are" not in out.answer  # the same length: nothing to warn of


def test_a_year_earlier_before_the_first_order_day_is_refused(shop: StoreData) -> None:
    with pytest.raises(InvalidInput, match="a year earlier it would begin on 2022-03-23, before"):
        top_products(context(shop), since="2023-03-23", compare_to="year earlier")
