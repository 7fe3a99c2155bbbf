"""top_customers against the small store whose orders are worked out by hand (sales_shop.py),
and against the scored tool workspace: to date and by period, by revenue and by orders, a
segment's members only, the scores beside each row, paging and roles."""

import pandas as pd
import pytest

from assistant.roles import ROLES, may_use
from assistant.tools.catalogue import run_tool
from assistant.tools.data import StoreData
from assistant.tools.top_customers import top_customers
from commerce.errors import Forbidden, InvalidInput, NotFound
from tests.tools.conftest import MakeContext, context
from tests.tools.sales_shop import store_of

# Per customer, from sales_shop's orders (the bare order o7 too: 7.00 to c2 on 03-28):
#   c1: o1 30.00 (03-30), o3 20.00 (03-25)   c2: o2 11.00 (03-31), o7 7.00 (03-28)
#   c3: o4 20.00 (03-15), o5 20.00 (03-20)   c4: o6 2.00 (01-01)       all: 110.00


@pytest.fixture(scope="module")
def shop(tmp_path_factory: pytest.TempPathFactory) -> StoreData:
    return store_of(tmp_path_factory.mktemp("shop"), ("order_items", "products"))


def test_to_date_the_numbers_are_the_hand_computed_ones(shop: StoreData) -> None:
    out = top_customers(context(shop, "operator"))
    result = out.result
    assert (result["from"], result["to"], result["days"]) == ("2024-01-01", "2024-03-31", None)
    assert (result["period_revenue"], result["total"]) == (110.0, 4)
    assert [r["customer_id"] for r in result["rows"]] == ["c1", "c3", "c2", "c4"]
    first = result["rows"][0]
    assert {k: first[k] for k in ("rank", "revenue", "orders", "last_order", "share_of_revenue")} \
        == {"rank": 1, "revenue": 50.0, "orders": 2, "last_order": "2024-03-30",
            "share_of_revenue": round(50 / 110, 4)}  # fmt: skip
    # Never scored: nothing is said of risk or value, rather than zeros.
    assert (first["churn_risk"], first["clv"], first["value_at_risk"]) == (None, None, None)
    assert out.answer == (
        "Top customers by spend to 2024-03-31 (of 4 customers who ordered): c1 ($50.00), "
        "c3 ($40.00), c2 ($18.00) and 1 more. c1 spent $50.00 on 2 orders (45.5% of all "
        "revenue in the period), the last on 2024-03-30."
    )
    assert out.cards[0]["type"] == "top_customers"


def test_a_period_counts_only_its_orders(shop: StoreData) -> None:
    out = top_customers(context(shop, "operator"), days=10)
    rows = out.result["rows"]
    assert [(r["customer_id"], r["revenue"], r["orders"]) for r in rows] == [
        ("c1", 50.0, 2), ("c2", 18.0, 2),
    ]  # fmt: skip
    assert out.result["period_revenue"] == 68.0 and out.result["days"] == 10
    assert out.answer.startswith("Top customers by spend in the 10 days to 2024-03-31 (of 2 ")
    january = top_customers(context(shop, "operator"), month="2024-01")
    assert [r["customer_id"] for r in january.result["rows"]] == ["c4"]
    assert january.answer.startswith("Top customers by spend from 2024-01-01 to 2024-01-31")
    february = top_customers(context(shop, "operator"), month="2024-02")
    assert february.result["rows"] == []
    assert february.answer == "No orders from 2024-02-01 to 2024-02-29."  # inside the orders
    before = top_customers(context(shop, "operator"), year="2020")
    assert before.answer == (
        "No orders from 2020-01-01 to 2020-12-31. The store's orders run from 2024-01-01 to "
        "2024-03-31."
    )


def test_by_orders_ties_go_to_the_bigger_spender(shop: StoreData) -> None:
    out = top_customers(context(shop, "operator"), by="orders")
    assert [r["customer_id"] for r in out.result["rows"]] == ["c1", "c3", "c2", "c4"]
    assert out.answer.startswith("Top customers by orders to 2024-03-31 (of 4 customers who "
                                 "ordered): c1 (2), c3 (2), c2 (2)")  # fmt: skip


def test_pages_carry_their_ranks_and_the_end_is_said(shop: StoreData) -> None:
    page = top_customers(context(shop, "operator"), limit=2, offset=2)
    assert [(r["rank"], r["customer_id"]) for r in page.result["rows"]] == [(3, "c2"), (4, "c4")]
    assert "customers 3-4 of 4" in page.answer
    past = top_customers(context(shop, "operator"), offset=10)
    assert past.result["rows"] == [] and "so none from rank 11 on" in past.answer


def test_the_scored_workspace_ranks_against_pandas_with_scores(make_ctx: MakeContext) -> None:
    ctx = make_ctx("operator")
    orders = ctx.data.store().table("orders")
    spent = orders.groupby(orders["customer_id"].astype(str))["amount"].agg(["sum", "size"])
    expected = spent.sort_values(["sum", "size"], ascending=False).head(5)
    out = top_customers(ctx, limit=5)
    rows = out.result["rows"]
    assert [r["customer_id"] for r in rows] == list(expected.index)
    assert [r["revenue"] for r in rows] == list(expected["sum"].round(2))
    assert [r["orders"] for r in rows] == list(expected["size"])
    scores = ctx.data.require_scores()
    for row in rows:
        score = scores.row(row["customer_id"])
        assert score is not None
        assert (row["churn_risk"], row["clv"]) == (score["churn_risk"], score["clv"])
    assert "; churn risk now " in out.answer and ", predicted value $" in out.answer


def test_a_segment_counts_only_its_members(make_ctx: MakeContext) -> None:
    ctx = make_ctx("marketer")
    segments = ctx.data.segments()
    name = max(segments.names, key=lambda n: len(segments.members(n)))
    members = set(segments.members(name))
    out = top_customers(ctx, segment=name.upper(), limit=100, year="last")
    orders = ctx.data.store().table("orders")
    orders = orders[orders["customer_id"].astype(str).isin(members)]
    year = orders["ts"].max().year - 1
    orders = orders[orders["ts"].dt.year == year]
    expected = orders.groupby(orders["customer_id"].astype(str))["amount"].sum().round(2)
    got = {r["customer_id"]: r["revenue"] for r in out.result["rows"]}
    assert got == dict(expected.nlargest(100).items())
    assert {r["segment"] for r in out.result["rows"]} == {name}
    assert out.result["period_revenue"] == pytest.approx(float(orders["amount"].sum()), abs=0.01)
    assert f"from {year}-01-01 to {year}-12-31 among the {len(members):,} customers in '{name}'" \
        in out.answer  # fmt: skip
    with pytest.raises(NotFound, match="no segment 'nobody'"):
        top_customers(ctx, segment="nobody")


def test_roles_and_argument_bounds(make_ctx: MakeContext) -> None:
    assert [role for role in ROLES if may_use(role, "top_customers")] == [
        "operator", "marketer", "admin",
    ]  # fmt: skip
    with pytest.raises(Forbidden, match="the support role may not use top_customers"):
        run_tool(make_ctx("support"), "top_customers", {})
    with pytest.raises(InvalidInput, match=r"top_customers: argument 'by': .*'revenue'"):
        run_tool(make_ctx("operator"), "top_customers", {"by": "clv"})
    with pytest.raises(InvalidInput, match="give one of days, since, month, quarter or year"):
        run_tool(make_ctx("operator"), "top_customers", {"days": 30, "month": "03"})
    with pytest.raises(
        InvalidInput,
        match=r"at most 100 customers at a time; you asked for 101 \(argument 'limit'\)",
    ):
        run_tool(make_ctx("operator"), "top_customers", {"limit": 101})


def test_a_period_after_the_last_order_is_refused(shop: StoreData) -> None:
    with pytest.raises(InvalidInput, match="begins after"):
        top_customers(context(shop, "operator"), year="2025")
    assert pd.Timestamp("2024-03-31") == shop.history().last_day
