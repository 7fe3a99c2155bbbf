"""at_risk_customers with floors on the scores ("how many customers have churn risk above 90%?",
"customers with a CLV over $1,000"): min_churn_risk (a percent) lists only those at or over
it and counts them instead of the 50% line; min_clv lists only those worth at least that and
says first how many that leaves. Before, neither existed and the default 50% line read as the
answer; a probability given as min_churn_risk is refused rather than read as under 1%."""

import pytest

from assistant.tools.at_risk import at_risk_customers
from assistant.tools.catalogue import run_tool
from commerce.errors import InvalidInput
from tests.tools.conftest import MakeContext


def test_a_churn_risk_floor_counts_and_lists_those_at_or_over_it(make_ctx: MakeContext) -> None:
    ctx = make_ctx()
    frame = ctx.data.require_scores().frame
    line = float(frame["churn_risk"].quantile(0.8))
    percent = round(line * 100, 1)
    over = frame[frame["churn_risk"] >= percent / 100]
    assert 0 < len(over) < int((frame["churn_risk"] >= 0.5).sum())
    out = run_tool(ctx, "at_risk_customers", {"min_churn_risk": percent, "limit": 5})
    assert out.answer.startswith(
        f"{len(over):,} of {len(frame):,} scored customers ({len(over) / len(frame):.1%}) have "
        f"a churn risk of {percent:g}% or more. Ranked by value at risk"
    )
    assert f"the 5 customers with a churn risk of {percent:g}% or more with the most" in out.answer
    assert [r["customer_id"] for r in out.result["rows"]] == over["customer_id"].head(5).tolist()
    assert out.result["at_risk_count"] == len(over)
    assert out.result["min_churn_risk"] == percent
    assert out.result["listed_customers"] == len(over)


def test_a_value_floor_says_how_many_it_leaves_then_those_at_risk(make_ctx: MakeContext) -> None:
    ctx = make_ctx()
    frame = ctx.data.require_scores().frame
    floor = round(float(frame["clv"].quantile(0.9)), 2)
    worth = frame[frame["clv"] >= floor]
    at_risk = int((worth["churn_risk"] >= 0.5).sum())
    out = at_risk_customers(ctx, min_clv=floor, by="clv", limit=3)
    said = f"${floor:,.2f}"
    assert out.answer.startswith(
        f"{len(worth):,} of {len(frame):,} scored customers have a predicted value of {said} "
        f"or more; {at_risk:,} of them ({at_risk / len(worth):.1%}) have a churn risk of 50% "
        "or more."
    )
    assert all(r["clv"] >= floor for r in out.result["rows"])
    assert out.result["scored_customers"] == len(worth)
    assert out.result["min_clv"] == floor


def test_both_floors_together_list_those_past_both(make_ctx: MakeContext) -> None:
    ctx = make_ctx()
    frame = ctx.data.require_scores().frame
    floor = float(frame["clv"].median())
    both = frame[(frame["clv"] >= floor) & (frame["churn_risk"] >= 0.6)]
    out = at_risk_customers(ctx, min_clv=floor, min_churn_risk=60, limit=100)
    assert out.result["at_risk_count"] == len(both)
    assert {r["customer_id"] for r in out.result["rows"]} <= set(both["customer_id"])


def test_a_probability_is_refused_naming_the_percent_to_give(make_ctx: MakeContext) -> None:
    with pytest.raises(InvalidInput, match=r"min_churn_risk is a percent .* give 90"):
        at_risk_customers(make_ctx(), min_churn_risk=0.9)


def test_a_floor_nobody_meets_says_so(make_ctx: MakeContext) -> None:
    ctx = make_ctx()
    top = float(ctx.data.require_scores().frame["clv"].max())
    out = at_risk_customers(ctx, min_clv=top + 1)
    assert out.result["rows"] == []
    assert out.answer.startswith("No scored customers with a predicted value of $")
