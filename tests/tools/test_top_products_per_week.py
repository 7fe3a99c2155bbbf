"""top_products per week ("orders per week in March"), per day ("our best day") and per
weekday ("which day of the week has the most orders"): weeks Monday to Sunday named by their
Monday, cut by the period's edges; days with the average day; weekdays ranked by their average
day, since a period may hold two Saturdays and one Monday."""

import pandas as pd
import pytest

from assistant.tools.data import StoreData
from assistant.tools.products import top_products
from assistant.tools.sales_periods import Unit
from commerce.errors import InvalidInput
from tests.tools.conftest import MakeContext, context

# sales_shop's last 10 days are 2024-03-22 (a Friday) to 2024-03-31 (a Sunday): o3 on Monday
# the 25th ($20), o7 on Thursday the 28th ($7, no lines), o1 on Saturday the 30th ($30), o2
# on Sunday the 31st ($11). Friday, Saturday and Sunday come twice, the others once.


def test_weeks_run_monday_to_sunday_and_the_first_is_cut(sales_shop: StoreData) -> None:
    out = top_products(context(sales_shop, "operator"), days=10, per="week")
    rows = out.result["rows"]
    assert [
        (r["week"], r["from"], r["to"], r["part"], r["revenue"], r["orders"]) for r in rows
    ] == [
        ("2024-03-25", "2024-03-25", "2024-03-31", False, 68.0, 4),
        ("2024-03-18", "2024-03-22", "2024-03-24", True, 0.0, 0),
    ]
    assert out.result["per"] == "week" and out.result["total"] == 2
    assert "weeks by revenue: week of 2024-03-25 ($68.00), week of 2024-03-18 (part) ($0.00)" in (
        out.answer
    )
    # $68 and 4 orders over 10 days are $47.60 and 2.8 orders a week.
    assert out.answer.endswith("On average $47.60 and 2.8 orders a week.")


def test_days_are_ranked_with_the_average_day(sales_shop: StoreData) -> None:
    out = top_products(context(sales_shop, "operator"), days=10, per="day", by="orders", limit=3)
    # 03-25, 03-28, 03-30 and 03-31 had one order each; the six other days none.
    rows = out.result["rows"]
    assert [(r["day"], r["orders"]) for r in rows] == [
        ("2024-03-30", 1),
        ("2024-03-25", 1),
        ("2024-03-31", 1),
    ]  # fmt: skip  (ties: revenue, then the day)
    assert out.result["total"] == 10 and not any(r["part"] for r in rows)
    assert "; days by orders: 2024-03-30 (1 order), 2024-03-25 (1 order)" in out.answer
    assert out.answer.endswith("On average $6.80 and 0.4 orders a day.")


def test_weekdays_rank_by_their_average_day(sales_shop: StoreData) -> None:
    out = top_products(context(sales_shop, "operator"), days=10, per="weekday", limit=7)
    rows = out.result["rows"]
    # By totals Saturday ($30) would lead; a day on average, Monday ($20 on its one day) does.
    assert [(r["weekday"], r["days"], r["revenue"], r["revenue_per_day"]) for r in rows] == [
        ("Monday", 1, 20.0, 20.0),
        ("Saturday", 2, 30.0, 15.0),
        ("Thursday", 1, 7.0, 7.0),
        ("Sunday", 2, 11.0, 5.5),
        ("Tuesday", 1, 0.0, 0.0),
        ("Wednesday", 1, 0.0, 0.0),
        ("Friday", 2, 0.0, 0.0),
    ]
    assert rows[1]["orders_per_day"] == 0.5 and rows[1]["customers_per_day"] == 0.5
    assert "; weekdays by revenue a day: Monday ($20.00), Saturday ($15.00), Thursday ($7.00)" in (
        out.answer
    )
    assert "The best, Monday: $20.00 (29.4% of the period's revenue) in 1 order on its 1 day" in (
        out.answer
    )


def test_a_category_by_weekday_counts_its_lines(sales_shop: StoreData) -> None:
    out = top_products(
        context(sales_shop, "operator"), days=10, per="weekday", category="Tea", order="least"
    )
    # Tea: the Teapot on Monday ($20) and on Saturday ($20 over two Saturdays).
    assert [(r["weekday"], r["revenue_per_day"]) for r in out.result["rows"][-2:]] == [
        ("Saturday", 10.0),
        ("Monday", 20.0),
    ]
    assert "weekdays by revenue a day, the weakest first" in out.answer


def test_the_demo_weekdays_match_pandas(make_ctx: MakeContext, tools_orders: pd.DataFrame) -> None:
    out = top_products(make_ctx("operator"), per="weekday", by="orders", limit=7)
    days = pd.date_range(tools_orders["ts"].min().normalize(), tools_orders["ts"].max().normalize())
    held = pd.Series(days.day_of_week).value_counts()
    counts = tools_orders["ts"].dt.day_of_week.value_counts()
    names = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    for row in out.result["rows"]:
        number = names.index(row["weekday"])
        assert row["days"] == held[number]
        assert row["orders"] == counts.get(number, 0)
        assert row["orders_per_day"] == round(counts.get(number, 0) / held[number], 2)
    per_day = [r["orders_per_day"] for r in out.result["rows"]]
    assert per_day == sorted(per_day, reverse=True) and len(per_day) == len(held)


@pytest.mark.parametrize("per", ["week", "weekday"])
def test_what_a_week_or_weekday_cannot_rank(sales_shop: StoreData, per: Unit) -> None:
    ctx = context(sales_shop, "operator")
    with pytest.raises(InvalidInput, match="by 'units' ranks products"):
        top_products(ctx, days=10, per=per, by="units")
    with pytest.raises(InvalidInput, match=f"per {per} ranks the store's {per}s"):
        top_products(ctx, days=10, per=per, product_id="P1")
    with pytest.raises(InvalidInput, match=f"ask for it without per {per}"):
        top_products(ctx, days=10, per=per, trend="falling")
