"""top_products with `compare_to` ("sales in 2024 vs 2023"): the other period's totals read
from orders.parquet with pandas, the changes between them, the words, a category's lines, a
store of bare orders, and a compare_to that names no period."""

import re
from pathlib import Path

import pandas as pd
import pytest

from assistant.tools.catalogue import run_tool
from assistant.tools.data import StoreData
from assistant.tools.products import top_products
from assistant.tools.sales_comparison import compared_words
from commerce.errors import InvalidInput
from tests.tools.conftest import MakeContext, context
from tests.tools.sales_shop import store_of
from tests.tools.test_top_products_totals import _expected


def test_a_year_beside_another(make_ctx: MakeContext, tools_orders: pd.DataFrame) -> None:
    out = top_products(make_ctx("operator"), year="2024", compare_to="2023")
    now, then = out.result["totals"], out.result["compared"]["totals"]
    assert now == _expected(tools_orders, "2024-01-01", "2024-12-31")
    assert then == _expected(tools_orders, "2023-01-01", "2023-12-31")
    compared = out.result["compared"]
    assert (compared["from"], compared["to"]) == ("2023-01-01", "2023-12-31")
    for measure in ("revenue", "orders", "customers"):
        assert compared["change"][measure] == round(now[measure] / then[measure] - 1, 4)
    assert "From 2023-01-01 to 2023-12-31 the store sold" in out.answer
    assert "; against that: revenue " in out.answer


def test_the_words_and_a_category(sales_shop: StoreData) -> None:
    # 2024-03: o1-o5, o7 ($108, 6 orders, 3 customers); 2024-01: o6 ($2, 1 order, 1 customer).
    out = top_products(context(sales_shop, "operator"), month="2024-03", compare_to="2024-01")
    assert out.result["compared"]["change"] == {"revenue": 53.0, "orders": 5.0, "customers": 2.0}
    assert out.answer.endswith(
        " From 2024-01-01 to 2024-01-31 the store sold $2.00 in 1 order (average order value "
        "$2.00) to 1 customer; against that: revenue up 5300%, orders up 500% and "
        "customers up 200%."
    )
    # Tea sold nothing in January: no change to give.
    tea = top_products(
        context(sales_shop, "operator"), month="2024-03", category="Tea", compare_to="01"
    )
    assert tea.result["compared"]["totals"]["revenue"] == 0
    assert "revenue not comparable (none then)" in tea.answer


def test_periods_of_different_lengths_are_said(sales_shop: StoreData) -> None:
    out = top_products(context(sales_shop, "operator"), month="2024-03", compare_to="2024-Q1")
    assert out.answer.endswith("(the periods are 31 days and 91 days long).")


def test_a_store_of_bare_orders_compares_its_totals(tmp_path: Path) -> None:
    bare = store_of(tmp_path, ())
    out = top_products(context(bare, "operator"), month="2024-03", compare_to="2024-01")
    assert out.result["compared"]["totals"] == {"revenue": 2.0, "orders": 1, "customers": 1}
    assert "against that" in out.answer


@pytest.mark.parametrize(
    ("compare_to", "named"),
    [("next year", "names no period"), ("2031", "compare_to ('2031')"), ("2024-13", "'2024-13'")],
)
def test_a_compare_to_that_names_no_period_is_refused(
    sales_shop: StoreData, compare_to: str, named: str
) -> None:
    with pytest.raises(InvalidInput, match=re.escape(named)):
        top_products(context(sales_shop, "operator"), month="2024-03", compare_to=compare_to)


def test_the_unit_or_the_days_just_before(sales_shop: StoreData) -> None:
    ctx = context(sales_shop, "operator")
    month = top_products(ctx, month="2024-03", compare_to="month before").result["compared"]
    assert (month["from"], month["to"], month["days"]) == ("2024-02-01", "2024-02-29", 29)
    days = top_products(ctx, days=10, compare_to="before").result["compared"]
    assert (days["from"], days["to"], days["totals"]["revenue"]) == (
        "2024-03-12",
        "2024-03-21",
        40.0,
    )
    with pytest.raises(InvalidInput, match="before the store's first order day, 2024-01-01"):
        top_products(ctx, month="2024-03", compare_to="quarter before")


@pytest.mark.parametrize("unit", ["year", "quarter", "month"])
def test_each_before_form_passes_the_tools_schema(sales_shop: StoreData, unit: str) -> None:
    # Chat sends the arguments through the schema (run_tool): "quarter before" once broke its
    # length limit there, while calls to top_products itself passed.
    ctx = context(sales_shop, "operator")
    args = {"month": "2024-03", "compare_to": f"{unit} before"}
    if unit == "month":
        assert run_tool(ctx, "top_products", args).result["compared"]["from"] == "2024-02-01"
    else:  # the store's orders begin in 2024: refused for that, not for its spelling
        with pytest.raises(InvalidInput, match="before the store's first order day"):
            run_tool(ctx, "top_products", args)


def test_the_rows_change_is_left_to_the_compared_period(sales_shop: StoreData) -> None:
    ctx = context(sales_shop, "operator")
    alone = top_products(ctx, days=10).answer
    compared = top_products(ctx, days=10, compare_to="before").answer
    assert "on the 10 days before" in alone and "on the 10 days before" not in compared


def test_a_change_under_one_percent_keeps_a_decimal() -> None:
    compared = {"change": {"revenue": 0.004, "orders": -0.003, "customers": 0.0}, "days": 31}
    said = compared_words(compared, 31, "From X to Y the store sold $1")
    assert said.endswith("revenue up 0.4%, orders down 0.3% and customers unchanged.")
