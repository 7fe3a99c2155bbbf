"""at_risk_customers within bounds on what customers did to date ("at-risk customers who spent
under $50", "one-time buyers most likely to churn"): only the scored customers within them are
ranked and counted, by all their orders, as pandas counts them; with a segment, its members
within them; the bounds said as applied; a floor above its ceiling refused by name."""

import pandas as pd
import pytest

from assistant.tools.at_risk import at_risk_customers
from assistant.tools.catalogue import run_tool
from commerce.errors import InvalidInput
from tests.tools.conftest import MakeContext
from tests.tools.test_at_risk_wording import VALUE_AT_RISK_FIRST


def _lifetime(orders: pd.DataFrame) -> pd.DataFrame:
    """Each customer's spend and orders to date, by pandas."""
    by = orders["customer_id"].astype(str)
    return pd.DataFrame(
        {"spent": orders.groupby(by)["amount"].sum(), "placed": orders.groupby(by).size()}
    )


def test_a_spend_ceiling_ranks_only_those_under_it(make_ctx: MakeContext) -> None:
    ctx = make_ctx("operator")
    totals = _lifetime(ctx.data.store().table("orders"))
    ceiling = float(totals["spent"].median())
    frame = ctx.data.require_scores().frame
    under = set(totals.index[totals["spent"].round(2) <= round(ceiling, 2)])
    expected = frame[frame["customer_id"].astype(str).isin(under)]
    out = at_risk_customers(ctx, max_revenue=ceiling, limit=5)
    assert [r["customer_id"] for r in out.result["rows"]] == list(expected["customer_id"][:5])
    assert out.result["scored_customers"] == len(expected) > 0
    assert out.result["max_revenue"] == ceiling
    assert out.result["total_value_at_risk"] == pytest.approx(expected["value_at_risk"].sum())
    said = f"who spent ${ceiling:,.2f} or less to date"
    at_risk = int((expected["churn_risk"] >= 0.5).sum())
    assert out.answer.startswith(f"{at_risk:,} of {len(expected):,} scored customers {said} (")
    assert f"or more. {VALUE_AT_RISK_FIRST}the 5 customers {said} with the most hold " in out.answer
    assert out.cards[0]["max_revenue"] == ceiling


def test_an_order_floor_with_a_segment_is_its_members_within_it(make_ctx: MakeContext) -> None:
    ctx = make_ctx("operator")
    totals = _lifetime(ctx.data.store().table("orders"))
    segments = ctx.data.segment_frame()
    name = str(segments["segment"].value_counts().index[0])
    members = set(segments.index[segments["segment"] == name].astype(str))
    frequent = set(totals.index[totals["placed"] >= 2]) & members
    out = at_risk_customers(ctx, segment=name, min_orders=2, by="churn_risk", limit=100)
    assert {r["customer_id"] for r in out.result["rows"]} <= frequent
    scored = set(ctx.data.require_scores().frame["customer_id"].astype(str))
    assert out.result["scored_customers"] == len(frequent & scored) > 0
    risks = [r["churn_risk"] for r in out.result["rows"]]
    assert risks == sorted(risks, reverse=True)
    assert f"in '{name}' who placed 2 orders or more to date most likely to leave" in out.answer


def test_nobody_within_the_bounds_is_said(make_ctx: MakeContext) -> None:
    out = at_risk_customers(make_ctx("operator"), min_revenue=1e9)
    assert out.result["rows"] == [] and out.result["scored_customers"] == 0
    assert out.answer == "No scored customers who spent $1,000,000,000.00 or more to date."


def test_bounds_are_checked(make_ctx: MakeContext) -> None:
    ctx = make_ctx("operator")
    with pytest.raises(InvalidInput, match=r"min_revenue \(\$50\.00\) is above max_revenue"):
        at_risk_customers(ctx, min_revenue=50, max_revenue=20)
    with pytest.raises(
        InvalidInput,
        match=r"^A maximum number of orders must be at least 1"
        r"; you asked for 0 \(argument 'max_orders'\)\.$",
    ):
        run_tool(ctx, "at_risk_customers", {"max_orders": 0})


def test_an_average_order_floor_keeps_who_averaged_it_to_date(make_ctx: MakeContext) -> None:
    ctx = make_ctx("operator")
    totals = _lifetime(ctx.data.store().table("orders"))
    averaged = (totals["spent"] / totals["placed"]).round(2)
    floor = round(float(averaged.quantile(0.75)), 2)
    frame = ctx.data.require_scores().frame
    high = set(totals.index[averaged >= floor])
    expected = frame[frame["customer_id"].astype(str).isin(high)]
    out = at_risk_customers(ctx, min_average_order=floor, limit=5)
    assert [r["customer_id"] for r in out.result["rows"]] == list(expected["customer_id"][:5])
    assert out.result["scored_customers"] == len(expected) > 0
    assert out.result["min_average_order"] == floor
    assert f"scored customers who averaged ${floor:,.2f} or more an order to date (" in out.answer
