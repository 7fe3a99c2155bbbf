"""top_customers with a floor on spend or orders ("customers who spent $40 or more", "with 3
orders or more") against the hand-computed store (sales_shop.py): how many pass, counted by
code, the ranking of those only, and a plain answer when nobody does."""

import pytest

from assistant.tools.catalogue import run_tool
from assistant.tools.data import StoreData
from assistant.tools.top_customers import top_customers
from commerce.errors import InvalidInput
from tests.tools.conftest import MakeContext, context
from tests.tools.sales_shop import store_of

# To date: c1 $50.00 in 2 orders, c3 $40.00 in 2, c2 $18.00 in 2, c4 $2.00 in 1 (all: $110.00).


@pytest.fixture(scope="module")
def shop(tmp_path_factory: pytest.TempPathFactory) -> StoreData:
    return store_of(tmp_path_factory.mktemp("shop"), ("order_items", "products"))


def test_a_spend_floor_is_inclusive_and_counted(shop: StoreData) -> None:
    out = top_customers(context(shop, "operator"), min_revenue=40)
    result = out.result
    assert [r["customer_id"] for r in result["rows"]] == ["c1", "c3"]
    assert (result["total"], result["ordered"], result["min_revenue"]) == (2, 4, 40)
    # The share is still of every customer's revenue in the period, not of those passing.
    assert result["period_revenue"] == 110.0
    assert out.answer == (
        "2 customers spent $40.00 or more to 2024-03-31 (of 4 customers who ordered); the "
        "top 2: c1 ($50.00) and c3 ($40.00). c1 spent $50.00 on 2 orders (45.5% of all revenue "
        "in the period), the last on 2024-03-30."
    )
    # "over $40" is read as a cent more: the answer says exactly the bound applied.
    over = top_customers(context(shop, "operator"), min_revenue=40.01)
    assert [r["customer_id"] for r in over.result["rows"]] == ["c1"]
    assert over.answer.startswith("1 customer spent $40.01 or more to 2024-03-31 (of 4 ")


def test_an_order_floor_and_both_floors_together(shop: StoreData) -> None:
    out = top_customers(context(shop, "operator"), min_orders=2, by="orders", limit=2)
    assert [r["customer_id"] for r in out.result["rows"]] == ["c1", "c3"]
    assert out.result["total"] == 3
    assert out.answer.startswith(
        "3 customers placed 2 orders or more to 2024-03-31 (of 4 customers who ordered); "
        "the top 2: c1 (2) and c3 (2)."
    )
    both = top_customers(context(shop, "operator"), min_orders=2, min_revenue=20)
    assert [r["customer_id"] for r in both.result["rows"]] == ["c1", "c3"]
    assert both.answer.startswith("2 customers spent $20.00 or more and placed 2 orders or more")
    page = top_customers(context(shop, "operator"), min_orders=2, limit=1, offset=1)
    assert [r["rank"] for r in page.result["rows"]] == [2]
    assert "; customer 2 of 3: c3 ($40.00)." in page.answer
    past = top_customers(context(shop, "operator"), min_orders=2, offset=5)
    assert past.answer == (
        "There are only 3 customers who placed 2 orders or more to 2024-03-31, so none from "
        "rank 6 on."
    )


def test_nobody_passing_says_so_with_what_the_leaders_reached(shop: StoreData) -> None:
    out = top_customers(context(shop, "operator"), min_orders=3)
    assert out.result["rows"] == [] and out.result["total"] == 0
    assert out.answer == (
        "No customer placed 3 orders or more to 2024-03-31: the most orders anyone placed was "
        "2 (of 4 customers who ordered)."
    )
    rich = top_customers(context(shop, "operator"), min_revenue=1000, days=10)
    assert rich.answer == (
        "No customer spent $1,000.00 or more in the 10 days to 2024-03-31: the most anyone "
        "spent was $50.00 (of 2 customers who ordered)."
    )


def test_floors_are_bounded(make_ctx: MakeContext) -> None:
    with pytest.raises(
        InvalidInput,
        match=r"A minimum spend must be more than \$0\.00"
        r"; you asked for \$0\.00 \(argument 'min_revenue'\)",
    ):
        run_tool(make_ctx("operator"), "top_customers", {"min_revenue": 0})
    with pytest.raises(
        InvalidInput, match=r"must be at least 1; you asked for 0 \(argument 'min_orders'\)"
    ):
        run_tool(make_ctx("operator"), "top_customers", {"min_orders": 0})


def test_the_scored_workspace_counts_passing_customers_like_pandas(
    make_ctx: MakeContext,
) -> None:
    ctx = make_ctx("operator")
    orders = ctx.data.store().table("orders")
    spent = orders.groupby(orders["customer_id"].astype(str))["amount"].agg(["sum", "size"])
    floor = float(spent["sum"].median())
    out = top_customers(ctx, min_revenue=floor, min_orders=2, limit=100)
    expected = spent[(spent["sum"].round(2) >= round(floor, 2)) & (spent["size"] >= 2)]
    assert out.result["total"] == len(expected) > 0
    assert {r["customer_id"] for r in out.result["rows"]} <= set(expected.index)
    assert out.answer.startswith(f"{len(expected):,} customers spent ")
