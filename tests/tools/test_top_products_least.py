"""top_products with `order` least ("worst sellers", "our weakest month"): the ranking from its
bottom, among what sold in the period, said as such; months and quarters too; and not beside
a trend, which ranks a change rather than the sales."""

import pandas as pd
import pytest

from assistant.tools.data import StoreData
from assistant.tools.product_sales import Grouping
from assistant.tools.products import top_products
from commerce.errors import InvalidInput
from tests.tools.conftest import MakeContext, context
from tests.tools.sales_shop import LINES, PRODUCTS, store_of

# LINES with days=10 (2024-03-22..31): P1 $15.00, P2 $40.00, P3 $6.00; o6's P3 is older.


@pytest.fixture(scope="module")
def shop(tmp_path_factory: pytest.TempPathFactory) -> StoreData:
    return store_of(tmp_path_factory.mktemp("least"), ("order_items", "products"))


def _revenue(per: str) -> "pd.Series[float]":
    """Each product's (or category's) revenue in the 10 days, by pandas."""
    lines = pd.DataFrame(LINES, columns=["order", "customer", "day", "product", "qty", "price"])
    lines["category"] = lines["product"].map({p: c for p, _, c in PRODUCTS})
    inside = lines[(lines["day"] >= "2024-03-22") & (lines["day"] <= "2024-03-31")]
    return (inside["qty"] * inside["price"]).groupby(inside[per]).sum()


@pytest.mark.parametrize(("per", "key"), [("product", "product_id"), ("category", "category")])
def test_least_ranks_what_sold_from_the_bottom(shop: StoreData, per: Grouping, key: str) -> None:
    out = top_products(context(shop, "operator"), days=10, per=per, order="least")
    expected = _revenue(per).sort_values(kind="stable")
    assert [r[key] for r in out.result["rows"]] == list(expected.index)
    assert out.result["order"] == "least" and out.result["total"] == len(expected)
    plural = "products" if per == "product" else "categories"
    assert f"least-selling {plural} by revenue (of the {len(expected)} that sold)" in out.answer


def test_most_is_the_default_and_the_reverse_of_least(shop: StoreData) -> None:
    ctx = context(shop, "operator")
    best = [r["product_id"] for r in top_products(ctx, days=10).result["rows"]]
    worst = [r["product_id"] for r in top_products(ctx, days=10, order="least").result["rows"]]
    assert best == worst[::-1] == ["P2", "P1", "P3"]


def test_the_weakest_months_of_a_year(make_ctx: MakeContext, tools_orders: pd.DataFrame) -> None:
    out = top_products(make_ctx("operator"), year="2023", per="month", order="least")
    in_year = tools_orders[tools_orders["ts"].dt.year == 2023]
    revenue = in_year.groupby(in_year["ts"].dt.strftime("%Y-%m"))["amount"].sum()
    weakest = revenue.reset_index().sort_values(["amount", "ts"]).iloc[0]["ts"]
    assert out.result["rows"][0]["month"] == weakest
    assert "months by revenue, the weakest first: " in out.answer
    assert f"The weakest, {weakest}: " in out.answer and "The best" not in out.answer


def test_least_beside_a_trend_is_refused(shop: StoreData) -> None:
    with pytest.raises(InvalidInput, match=r"order least .* trend"):
        top_products(context(shop, "operator"), days=10, order="least", trend="falling")


def test_a_weakest_month_cut_by_the_period_says_so(shop: StoreData) -> None:
    # a month the period cuts is weak for its missing days: the headline says how few it had
    out = top_products(context(shop, "operator"), days=10, per="month", order="least")
    assert "The weakest, 2024-03 (part, 10 days): " in out.answer
