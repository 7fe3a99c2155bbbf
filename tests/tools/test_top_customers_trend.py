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


def test_compare_to_names_the_period_each_change_is_measured_from(shop: StoreData) -> None:
    # January: c4's $2 (o6); March: c1 $50, c3 $40, c2 $18 (with its bare order), c4 $5.
    out = top_customers(context(shop, "operator"), month="2024-03", trend="rising",
                        compare_to="2024-01")  # fmt: skip
    assert moves(out.result["rows"]) == [
        ("c1", 50.0, 0.0, None), ("c3", 40.0, 0.0, None), ("c2", 18.0, 0.0, None),
        ("c4", 5.0, 2.0, 1.5),
    ]  # fmt: skip
    facts = [out.result[k] for k in ("compare_to", "before_from", "before_to")]
    assert facts == ["2024-01", "2024-01-01", "2024-01-31"]
    assert ", against 2024-01 (2024-01-01 to 2024-01-31); the most: c1" in out.answer
    falling = top_customers(context(shop, "operator"), month="2024-03", trend="falling",
                            compare_to="2024-01")  # fmt: skip
    assert falling.result["rows"] == []
    assert falling.answer.endswith("against 2024-01 (2024-01-01 to 2024-01-31).")


def test_a_later_period_may_be_compared_and_unequal_lengths_are_said(shop: StoreData) -> None:
    out = top_customers(context(shop, "operator"), month="2024-01", trend="falling",
                        compare_to="2024-03")  # fmt: skip
    assert [r["customer_id"] for r in out.result["rows"]] == ["c1", "c3", "c2", "c4"]
    assert "the periods are" not in out.answer  # 31 days each
    ten = top_customers(context(shop, "operator"), days=10, trend="rising", compare_to="2024-01")
    assert "; the periods are 10 days and 31 days long, so a change measures" in ten.answer


def test_compare_to_is_refused_without_a_trend_overlapping_or_outside_the_orders(
    shop: StoreData,
) -> None:
    ctx = context(shop, "operator")
    with pytest.raises(
        InvalidInput, match="give trend falling, rising, stopped or returned with it"
    ):
        top_customers(ctx, month="2024-03", compare_to="2024-01")
    with pytest.raises(InvalidInput, match=r"overlaps the period asked \(2024-03-01 to 2024-03"):
        top_customers(ctx, month="2024-03", trend="falling", compare_to="2024-Q1")
    with pytest.raises(InvalidInput, match="the store's orders run from 2024-01-01 to 2024-03-31"):
        top_customers(ctx, month="2024-03", trend="falling", compare_to="2023")


def test_stopped_keeps_who_bought_before_and_nothing_in_the_period(shop: StoreData) -> None:
    # days=10: c3 spent $40 before 2024-03-22 and nothing since; c4 ordered again (o8).
    out = top_customers(context(shop, "operator"), days=10, trend="stopped")
    assert moves(out.result["rows"]) == [("c3", 0.0, 40.0, -1.0)]
    assert (out.result["before_from"], out.result["before_to"]) == ("2024-01-01", "2024-03-21")
    assert out.answer.startswith(
        "1 customer who ordered from 2024-01-01 to 2024-03-21 placed no order in the 10 days "
        "to 2024-03-31; the most before: c3 ($40.00 before)."
    )
    # of a category: c4 bought Snacks (o6) before, and only coffee in the period
    snacks = top_customers(context(shop, "operator"), days=10, trend="stopped", category="Snacks")
    assert moves(snacks.result["rows"]) == [("c4", 0.0, 2.0, -1.0)]
    assert " who bought Snacks from 2024-01-01 to 2024-03-21 bought none of it in " in (
        snacks.answer
    )
    with pytest.raises(InvalidInput, match="trend 'stopped' compares with every day before"):
        top_customers(context(shop, "operator"), year="2024", trend="stopped")


def test_returned_keeps_who_bought_both_before_and_in_the_period(shop: StoreData) -> None:
    # days=10: of c3 and c4, who ordered before 2024-03-22, only c4 ordered in it ($5, o8)
    # after $2 before (o6); c1 and c2 ordered only in it.
    out = top_customers(context(shop, "operator"), days=10, trend="returned")
    assert moves(out.result["rows"]) == [("c4", 5.0, 2.0, 1.5)]
    assert (out.result["total"], out.result["ordered"]) == (1, 3)
    assert out.answer == (
        "1 customer who ordered from 2024-01-01 to 2024-03-21 ordered again in the 10 days to "
        "2024-03-31; the most: c4 ($5.00; $2.00 before). c4 last ordered on 2024-03-29."
    )
    # against a named month: c4's order of 2024-01-01
    january = top_customers(
        context(shop, "operator"), days=10, trend="returned", compare_to="2024-01"
    )
    assert moves(january.result["rows"]) == [("c4", 5.0, 2.0, 1.5)]
    assert january.answer.startswith("1 customer who ordered in 2024-01 (2024-01-01 to 2024-01-31)")
    # of a category: c3 bought Coffee before and none in the period, c1, c2 and c4 only in it
    coffee = top_customers(context(shop, "operator"), days=10, trend="returned", category="Coffee")
    assert coffee.result["rows"] == [] and coffee.result["total"] == 0
    assert coffee.answer == (
        "No customer who bought Coffee from 2024-01-01 to 2024-03-21 bought Coffee again in the "
        "10 days to 2024-03-31."
    )
    with pytest.raises(InvalidInput, match="trend 'returned' compares with every day before"):
        top_customers(context(shop, "operator"), year="2024", trend="returned")


def test_a_month_named_without_its_year_is_said_with_it(shop: StoreData) -> None:
    out = top_customers(context(shop, "operator"), days=10, trend="returned", compare_to="01")
    assert out.answer.startswith("1 customer who ordered in 2024-01 (2024-01-01 to 2024-01-31)")
