"""top_products' answer says one total for the period where the order lines come to the
orders' amounts but for unit prices rounded to the cent, and names the lines' total with why
where they do not; the opening total's change is the store's, the first row's is worded as its
own. On the hand-made store (sales_shop.py) with some orders' amounts changed."""

from pathlib import Path

from assistant.tools.data import StoreData
from assistant.tools.lines_agreement import lines_against_orders
from assistant.tools.periods import Asked, period_asked
from assistant.tools.product_sales import cached_sales
from assistant.tools.products import top_products
from tests.tools.conftest import context
from tests.tools.sales_shop import store_of

# days=3 is 2024-03-29..31: o1 (c1, 03-30: P1 2 x $5.00, P2 $20.00) and o2 (c2, 03-31: P1
# $5.00, P3 3 x $2.00), $41.00 of lines; o7 (no lines, 03-28) is the day before it.
TABLES = ("order_items", "products")


def _shop(folder: Path, amounts: dict[str, float]) -> StoreData:
    return store_of(folder, TABLES, amounts=amounts)


def test_lines_off_by_rounding_are_the_periods_revenue(tmp_path: Path) -> None:
    # o1's 3 units may miss its amount by 1.5 cents of rounded unit prices: $30.01 is $30.00.
    out = top_products(context(_shop(tmp_path / "s", {"o1": 30.01}), "operator"), days=3)
    result = out.result
    assert (result["totals"]["revenue"], result["period_revenue"]) == (41.01, 41.0)
    assert (result["orders_without_lines"], result["orders_unlike_lines"]) == (0, 0)
    assert out.answer.startswith("In the 3 days to 2024-03-31 the store sold $41.01 (up ")
    assert "Teapot (P2): $20.00 (48.8% of the period's revenue), 1 unit" in out.answer
    assert "$41.00" not in out.answer  # one total for the period, not two


def test_lines_unlike_their_orders_are_named_with_why(tmp_path: Path) -> None:
    # $4.00 more than o1's 3 units' lines is no rounding (shipping, say).
    out = top_products(context(_shop(tmp_path / "s", {"o1": 34.0}), "operator"), days=3)
    assert (out.result["orders_without_lines"], out.result["orders_unlike_lines"]) == (0, 1)
    assert (
        "Teapot (P2): $20.00 (48.8% of the $41.00 all products sold for in the period, since 1 "
        "order's amount is not its lines' sum), 1 unit"
    ) in out.answer
    # o7, recorded without lines, is in 4 days to the 31st too.
    both = top_products(context(_shop(tmp_path / "b", {"o1": 34.0}), "operator"), days=4)
    assert "in the period, since 1 order has no lines and 1 order's amount is not its lines' " in (
        both.answer
    )


def test_only_the_customers_asked_have_their_orders_checked(sales_shop: StoreData) -> None:
    sales = cached_sales(sales_shop)
    assert sales is not None
    when = period_asked(sales.calendar, Asked(days=4), 90)
    # o7, without lines, is c2's: c1's lines are all of c1's orders.
    assert lines_against_orders(sales_shop, sales, when, frozenset({"c1"})) == {
        "orders_without_lines": 0, "orders_unlike_lines": 0,
    }  # fmt: skip
    assert lines_against_orders(sales_shop, sales, when, frozenset({"c2"})) == {
        "orders_without_lines": 1, "orders_unlike_lines": 0,
    }  # fmt: skip
    # A category's or a product's totals are their own lines: nothing to check.
    assert lines_against_orders(sales_shop, sales, when, None, product_id="P1") == {
        "orders_without_lines": None, "orders_unlike_lines": None,
    }  # fmt: skip


def test_a_change_under_one_percent_keeps_a_decimal(tmp_path: Path) -> None:
    # 10 days to 03-31: $68.00; the 10 days before (o4, o5): $40.00 made $67.73 -> up 0.4%.
    data = _shop(tmp_path / "s", {"o4": 47.73})
    out = top_products(context(data, "operator"), days=10)
    assert out.result["previous"]["change"]["revenue"] == round(68 / 67.73 - 1, 4)
    assert out.answer.startswith(
        "In the 10 days to 2024-03-31 the store sold $68.00 (up 0.4% on the 10 days before) in "
    )
