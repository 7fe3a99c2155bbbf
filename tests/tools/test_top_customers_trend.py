"""top_customers' trend against the hand-computed sales shop with one more order (c4 orders
$5 of P1 on 2024-03-29). With days=10 the period is 2024-03-22..31 and the one before
2024-03-12..21: c3 spent $40 before (o4 $20 of coffee, o5 $20 of tea) and nothing since, so
its spend fell by all of it; c1 ($50), c2 ($18) and c4 ($5) spent nothing before and rose."""

from pathlib import Path

import pytest

from assistant.tools.data import StoreData
from assistant.tools.top_customers import top_customers
from commerce.errors import InvalidInput
from tests.tools import sales_shop
from tests.tools.conftest import context

LINES = [*sales_shop.LINES, ("o8", "c4", "2024-03-29", "P1", 1, 5.0)]


@pytest.fixture(scope="module")
def shop(tmp_path_factory: pytest.TempPathFactory) -> StoreData:
    folder: Path = tmp_path_factory.mktemp("trend")
    return sales_shop.store_of(folder, ("order_items", "products"), LINES)


def moves(rows: list[dict[str, object]]) -> list[tuple[object, ...]]:
    return [(r["customer_id"], r["revenue"], r["before"], r["change"]) for r in rows]


def test_a_customer_who_stopped_is_the_largest_fall(shop: StoreData) -> None:
    out = top_customers(context(shop, "operator"), days=10, trend="falling")
    assert moves(out.result["rows"]) == [("c3", 0.0, 40.0, -1.0)]
    assert out.result["rows"][0]["last_order"] == "2024-03-20"  # from the days before
    assert (out.result["total"], out.result["before_from"]) == (1, "2024-03-12")
    assert out.answer == (
        "1 customer's spend fell in the 10 days to 2024-03-31, against the 10 days before "
        "(2024-03-12 to 2024-03-21); the most: c3 ($0.00, against $40.00: down 100%). c3 last "
        "ordered on 2024-03-20."
    )


def test_rising_ranks_the_largest_rise_first_and_new_buyers_say_so(shop: StoreData) -> None:
    out = top_customers(context(shop, "operator"), days=10, trend="rising")
    assert moves(out.result["rows"]) == [
        ("c1", 50.0, 0.0, None), ("c2", 18.0, 0.0, None), ("c4", 5.0, 0.0, None),
    ]  # fmt: skip
    assert "the most: c1 ($50.00, against $0.00: new)," in out.answer


def test_a_category_and_orders_are_measured_in_their_own_units(shop: StoreData) -> None:
    coffee = top_customers(context(shop, "operator"), days=10, trend="falling", category="coffee")
    assert moves(coffee.result["rows"]) == [("c3", 0.0, 20.0, -1.0)]
    assert coffee.answer.startswith("1 customer's spend on Coffee fell in the 10 days")
    assert coffee.answer.endswith("c3 last bought Coffee on 2024-03-15.")
    orders = top_customers(context(shop, "operator"), days=10, trend="falling", by="orders")
    assert "c3 (0 orders, against 2 orders: down 100%)" in orders.answer


def test_without_a_period_the_last_90_days_are_compared(shop: StoreData) -> None:
    # The shop's orders start on 2024-01-01: 90 days back leave no days before.
    with pytest.raises(InvalidInput, match=r"^trend compares with the 90 days before 2024-01-02"):
        top_customers(context(shop, "operator"), trend="falling")
    month = top_customers(context(shop, "operator"), month="2024-03", trend="falling")
    assert month.result["before_from"] == "2024-01-30"  # the 31 days before March


def test_what_a_trend_cannot_go_with_is_refused(shop: StoreData) -> None:
    with pytest.raises(InvalidInput, match="without spend or order bounds"):
        top_customers(context(shop, "operator"), days=10, trend="falling", min_revenue=10)
    with pytest.raises(InvalidInput, match="without buyers 'new' or lead 'share'"):
        top_customers(context(shop, "operator"), days=10, trend="rising", buyers="new",
                      lead="share")  # fmt: skip
