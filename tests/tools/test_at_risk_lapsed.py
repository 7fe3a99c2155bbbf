"""at_risk_customers of lapsed customers ("who haven't ordered in 6 months", "regulars who
haven't ordered since March"): only the scored customers whose last order, by pandas, is before
the cutoff day are ranked and counted; quiet_days counts back from the store's last order day
with that day included; no_order_since reads days as top_products' `since` does; both combine
with a segment and the spend bounds, say the cutoff as applied, and carry the day it resolved
to; two cutoffs, or one nobody or everybody would pass, are refused naming what is wrong."""

import pandas as pd
import pytest

from assistant.tools.at_risk import at_risk_customers
from assistant.tools.base import ToolContext
from assistant.tools.catalogue import run_tool
from commerce.errors import InvalidInput
from tests.tools.conftest import MakeContext
from tests.tools.test_at_risk_wording import VALUE_AT_RISK_FIRST


def _last_orders(ctx: ToolContext) -> "pd.Series[pd.Timestamp]":
    """Each customer's last order day, by pandas."""
    orders = ctx.data.store().table("orders")
    days: pd.Series[pd.Timestamp] = (
        orders.groupby(orders["customer_id"].astype(str))["ts"].max().dt.normalize()
    )
    return days


def _scored_before(ctx: ToolContext, cutoff: pd.Timestamp) -> pd.DataFrame:
    """The scores of the customers with no order on or after `cutoff`, in rank order."""
    last = _last_orders(ctx)
    frame = ctx.data.require_scores().frame
    return frame[frame["customer_id"].astype(str).isin(set(last.index[last < cutoff]))]


def test_no_order_since_a_day_ranks_only_those_quiet_since(make_ctx: MakeContext) -> None:
    ctx = make_ctx("operator")
    last = _last_orders(ctx)
    cutoff = last.sort_values().iloc[len(last) // 2]
    expected = _scored_before(ctx, cutoff)
    out = run_tool(ctx, "at_risk_customers", {"no_order_since": f"{cutoff:%Y-%m-%d}", "limit": 5})
    assert [r["customer_id"] for r in out.result["rows"]] == list(expected["customer_id"][:5])
    assert out.result["scored_customers"] == len(expected) > 0
    assert out.result["total_value_at_risk"] == pytest.approx(expected["value_at_risk"].sum())
    assert out.result["no_order_since"] == f"{cutoff:%Y-%m-%d}"
    assert out.result["quiet_days"] is None
    assert out.cards[0]["no_order_since"] == f"{cutoff:%Y-%m-%d}"
    said = f"who have not ordered since {cutoff:%Y-%m-%d}"
    at_risk = int((expected["churn_risk"] >= 0.5).sum())
    assert out.answer.startswith(f"{at_risk:,} of {len(expected):,} scored customers {said} (")
    assert f"or more. {VALUE_AT_RISK_FIRST}the 5 customers {said} with the most hold " in out.answer


def test_quiet_days_count_back_from_the_last_order_day_inclusive(make_ctx: MakeContext) -> None:
    ctx = make_ctx("operator")
    last = _last_orders(ctx)
    end = last.max()
    frame = ctx.data.require_scores().frame
    scored = last[last.index.isin(set(frame["customer_id"].astype(str))) & (last < end)]
    quiet = (end - scored.sort_values().iloc[len(scored) // 3]).days  # someone's exact gap
    gaps = (end - last).dt.days

    def quiet_for_at_least(days: int) -> pd.DataFrame:
        """'Not in the last N days': their last order N days or more before the last day."""
        return frame[frame["customer_id"].astype(str).isin(set(gaps.index[gaps >= days]))]

    out = at_risk_customers(ctx, quiet_days=quiet, limit=5)
    expected = quiet_for_at_least(quiet)
    assert [r["customer_id"] for r in out.result["rows"]] == list(expected["customer_id"][:5])
    assert out.result["scored_customers"] == len(expected) > 0
    assert out.result["quiet_days"] == quiet
    no_order_from = end - pd.Timedelta(days=quiet - 1)
    assert out.result["no_order_since"] == f"{no_order_from:%Y-%m-%d}"
    assert f"who have not ordered in the {quiet:,} days to {end:%Y-%m-%d}" in out.answer
    # A day more reaches back to the last order of whoever had exactly `quiet` days.
    longer = at_risk_customers(ctx, quiet_days=quiet + 1)
    assert longer.result["scored_customers"] == len(quiet_for_at_least(quiet + 1))
    assert longer.result["scored_customers"] < out.result["scored_customers"]


def test_since_words_resolve_as_top_products_since(make_ctx: MakeContext) -> None:
    ctx = make_ctx("operator")
    end = _last_orders(ctx).max()
    month_start = pd.Timestamp(end.year, end.month, 1)
    out = run_tool(ctx, "at_risk_customers", {"no_order_since": " Month_Start "})
    assert out.result["no_order_since"] == f"{month_start:%Y-%m-%d}"
    assert out.result["scored_customers"] == len(_scored_before(ctx, month_start))
    # A month and day without a year is the latest such day by the last order day.
    yearless = run_tool(ctx, "at_risk_customers", {"no_order_since": f"{end:%m}-01"})
    assert yearless.result["no_order_since"] == f"{month_start:%Y-%m-%d}"


def test_lapsed_with_a_segment_and_a_spend_floor(make_ctx: MakeContext) -> None:
    ctx = make_ctx("operator")
    orders = ctx.data.store().table("orders")
    spent = orders.groupby(orders["customer_id"].astype(str))["amount"].sum()
    floor = float(spent.median())
    segments = ctx.data.segment_frame()
    name = str(segments["segment"].value_counts().index[0])
    members = set(segments.index[segments["segment"] == name].astype(str))
    last = _last_orders(ctx)
    cutoff = last.sort_values().iloc[len(last) * 2 // 3]
    big = set(spent.index[spent.round(2) >= round(floor, 2)])
    lapsed = set(last.index[last < cutoff])
    out = at_risk_customers(
        ctx, segment=name, min_revenue=floor, no_order_since=f"{cutoff:%Y-%m-%d}", limit=100
    )
    rows = {r["customer_id"] for r in out.result["rows"]}
    assert rows == big & lapsed & members & set(ctx.data.require_scores().frame["customer_id"])
    assert out.result["scored_customers"] == len(rows) > 0
    assert (
        f"in '{name}' who spent ${floor:,.2f} or more to date and have not ordered since "
        f"{cutoff:%Y-%m-%d} with the most hold" in out.answer
    )


def test_without_a_cutoff_nothing_changes(make_ctx: MakeContext) -> None:
    out = at_risk_customers(make_ctx("operator"), limit=3)
    assert out.result["quiet_days"] is None and out.result["no_order_since"] is None
    assert out.result["scored_customers"] == len(make_ctx().data.require_scores().frame)
    assert " not ordered " not in out.answer


def test_cutoffs_nobody_or_everybody_passes_are_refused(make_ctx: MakeContext) -> None:
    ctx = make_ctx("operator")
    days = ctx.data.store().table("orders")["ts"].dt.normalize()
    start, end = days.min(), days.max()
    history = (end - start).days + 1
    span = f"{history:,} days from {start:%Y-%m-%d} to {end:%Y-%m-%d}"
    with pytest.raises(InvalidInput, match=rf"^quiet_days \({history:,}\) covers the store's "
                       rf"whole order history \({span}\)"):  # fmt: skip
        at_risk_customers(ctx, quiet_days=history)
    after = end + pd.Timedelta(days=1)
    with pytest.raises(
        InvalidInput,
        match=rf"^no_order_since {after:%Y-%m-%d} is after the store's last order day, "
        rf"{end:%Y-%m-%d}$",
    ):
        at_risk_customers(ctx, no_order_since=f"{after:%Y-%m-%d}")
    with pytest.raises(InvalidInput, match=rf"first order day: .*\(the orders span {span}\)"):
        at_risk_customers(ctx, no_order_since=f"{start:%Y-%m-%d}")


def test_bad_cutoffs_are_refused_by_name(make_ctx: MakeContext) -> None:
    ctx = make_ctx("operator")
    with pytest.raises(
        InvalidInput, match=r"^give quiet_days \(90\) or no_order_since \('03-01'\), not both"
    ):
        at_risk_customers(ctx, quiet_days=90, no_order_since="03-01")
    with pytest.raises(InvalidInput, match=r"^no_order_since 'march' is not a day: give a date"):
        at_risk_customers(ctx, no_order_since="march")
    with pytest.raises(InvalidInput, match=r"^no_order_since '02-30' is no day of the calendar$"):
        at_risk_customers(ctx, no_order_since="02-30")
    with pytest.raises(InvalidInput, match=r"you asked for 0 days \(argument 'quiet_days'\)\.$"):
        run_tool(ctx, "at_risk_customers", {"quiet_days": 0})
