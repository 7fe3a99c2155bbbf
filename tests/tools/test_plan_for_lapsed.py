"""plan_budget among lapsed customers only: `quiet_days` or `no_order_since`, read as the
at-risk list reads them (lapsed.py), limit whom the plan may make offers to, and the answer
says so."""

import pandas as pd
import pytest

from assistant.tools.customer_totals import store_orders
from assistant.tools.planning import plan_budget
from commerce.errors import InvalidInput
from tests.tools.conftest import MakeContext


def test_offers_go_only_to_customers_quiet_that_long(make_ctx: MakeContext) -> None:
    ctx = make_ctx("operator")
    orders = store_orders(ctx.data)
    last_orders = orders.orders.groupby("customer_id")["day"].max()
    span = (orders.calendar.last_day - orders.calendar.first_day).days
    quiet = max(1, span // 3)
    cutoff = orders.calendar.last_day - pd.Timedelta(days=quiet - 1)
    lapsed = set(last_orders[last_orders < cutoff].index)
    assert 0 < len(lapsed) < len(last_orders)  # the store has both kinds

    everyone = plan_budget(ctx, budget=100_000).result
    out = plan_budget(ctx, budget=100_000, quiet_days=quiet)
    offered = {row["customer_id"] for row in out.result["offers"]}
    assert offered and offered <= lapsed
    assert out.result["customers"] <= len(lapsed)
    assert out.result["value_at_risk"] < everyone["value_at_risk"]
    said = f"have not ordered in the {quiet:,} days to"
    assert f"among customers who {said}" in out.answer and said in out.result["lapsed"]
    assert everyone["lapsed"] is None and "among customers" not in plan_budget(ctx, 100).answer


def test_a_day_and_both_cutoffs(make_ctx: MakeContext) -> None:
    ctx = make_ctx("operator")
    calendar = store_orders(ctx.data).calendar
    middle = calendar.first_day + (calendar.last_day - calendar.first_day) / 2
    since = middle.strftime("%Y-%m-%d")
    out = plan_budget(ctx, budget=5000, no_order_since=since)
    assert f"among customers who have not ordered since {since}" in out.answer
    with pytest.raises(InvalidInput, match=r"give quiet_days .* or no_order_since .*, not both"):
        plan_budget(ctx, budget=5000, quiet_days=30, no_order_since=since)
