"""top_products per month or quarter ("best month in 2023", "which quarter was best"): the
period's months ranked, their figures read from orders.parquet with pandas, a month cut by
the period's edges marked as part, a category's lines, and what cannot rank months."""

import pandas as pd
import pytest

from assistant.tools.data import StoreData
from assistant.tools.products import top_products
from commerce.errors import InvalidInput
from tests.tools.conftest import MakeContext, context


def test_the_months_of_a_year_ranked_by_revenue(
    make_ctx: MakeContext, tools_orders: pd.DataFrame
) -> None:
    out = top_products(make_ctx("operator"), year="2023", per="month", limit=12)
    in_year = tools_orders[tools_orders["ts"].dt.year == 2023]
    by_month = in_year.groupby(in_year["ts"].dt.strftime("%Y-%m")).agg(
        revenue=("amount", "sum"), orders=("amount", "size"), customers=("customer_id", "nunique")
    )
    rows = out.result["rows"]
    assert [r["month"] for r in rows] == list(
        by_month.reset_index().sort_values(["revenue", "ts"], ascending=[False, True])["ts"]
    )
    for row in rows:
        expected = by_month.loc[row["month"]]
        assert (row["revenue"], row["orders"], row["customers"]) == (
            round(float(expected["revenue"]), 2),
            int(expected["orders"]),
            int(expected["customers"]),
        )
        assert not row["part"]
    assert out.result["total"] == 12 and out.result["per"] == "month"
    best = rows[0]
    assert f"; months by revenue: {best['month']} (" in out.answer
    assert f"The best, {best['month']}: " in out.answer


def test_with_no_period_every_month_of_the_history_is_ranked(
    make_ctx: MakeContext, tools_orders: pd.DataFrame
) -> None:
    # "which month had the most orders?": not the three months of the default 90 days
    out = top_products(make_ctx("operator"), per="month", by="orders", limit=50)
    months = tools_orders["ts"].dt.strftime("%Y-%m")
    assert out.result["total"] == months.nunique()
    best = months.value_counts().sort_index().idxmax()
    assert out.result["rows"][0]["month"] == best


def test_months_set_beside_another_period_keep_the_default_days(make_ctx: MakeContext) -> None:
    # The whole history beside "the year before" would start before the first order.
    out = top_products(make_ctx("operator"), per="month", compare_to="year before")
    assert out.result["days"] == 90 and out.result["compared"] is not None


def test_quarters_and_a_month_cut_by_the_period(sales_shop: StoreData) -> None:
    ctx = context(sales_shop, "operator")
    # The last 10 days (2024-03-22..31) hold part of March only.
    march = top_products(ctx, days=10, per="month").result["rows"]
    assert [(r["month"], r["from"], r["to"], r["part"]) for r in march] == [
        ("2024-03", "2024-03-22", "2024-03-31", True)
    ]
    quarters = top_products(ctx, year="2024", per="quarter").result["rows"]
    # Q1: o1-o7 ($110 with the bare order); Q2-Q4 come after the last order day, so are cut.
    assert [(r["quarter"], r["revenue"], r["orders"]) for r in quarters] == [("2024-Q1", 110.0, 7)]


def test_a_category_ranks_its_own_lines(sales_shop: StoreData) -> None:
    out = top_products(context(sales_shop, "operator"), year="2024", per="month", category="Tea")
    assert [(r["month"], r["revenue"], r["orders"]) for r in out.result["rows"]] == [
        ("2024-03", 60.0, 3), ("2024-01", 0.0, 0), ("2024-02", 0.0, 0)
    ]  # fmt: skip


def test_units_rank_products_not_months(sales_shop: StoreData) -> None:
    with pytest.raises(InvalidInput, match="by 'units' ranks products"):
        top_products(context(sales_shop, "operator"), year="2024", per="month", by="units")
