"""What the scored customers are worth together, first in the at-risk answer when asked ("what
are our customers worth?", `lead` "value"), and the likeliest buyers (`by` purchase): each
figure recomputed here from the scores, the answer checked to say it (a segment's:
test_at_risk_total.py)."""

import numpy as np
import pytest

from assistant.tools.at_risk import at_risk_customers
from assistant.tools.customer_worth import worth_figures, worth_said
from assistant.tools.format import chance, money
from tests.tools.conftest import MakeContext


def test_the_worth_opens_the_answer_with_the_sum_average_and_median(
    make_ctx: MakeContext,
) -> None:
    ctx = make_ctx("operator")
    frame = ctx.data.require_scores().frame
    out = at_risk_customers(ctx, lead="value", by="clv")
    worth = out.result["worth"]
    assert worth["customers"] == len(frame)
    assert worth["total_clv"] == pytest.approx(frame["clv"].sum(), abs=0.01)
    assert worth["average_clv"] == pytest.approx(frame["clv"].mean(), abs=0.01)
    assert worth["median_clv"] == pytest.approx(frame["clv"].median(), abs=0.01)
    assert worth["value_at_risk"] == pytest.approx(frame["value_at_risk"].sum(), abs=0.01)
    days = out.result["clv_days"]
    assert out.answer.startswith(
        f"The {len(frame):,} scored customers are worth {money(worth['total_clv'])} together in "
        f"predicted value over the next {days} days: {money(worth['average_clv'])} a customer "
        f"on average, median {money(worth['median_clv'])}"
    )
    assert "Ranked by predicted value" in out.answer  # then who holds most of it
    assert at_risk_customers(ctx).result["worth"] is None  # the list alone has none


def test_the_top_tenths_share_and_the_words_of_one_customer() -> None:
    values = np.array([90.0, 5.0, 3.0, 2.0] + [0.0] * 6)
    figures = worth_figures(values, at_risk=25.0)
    assert (figures["top_customers"], figures["top_clv_share"]) == (1, 0.9)
    assert figures["at_risk_share"] == 0.25
    one = worth_figures(np.array([40.0]), at_risk=10.0)
    said = worth_said(one, 365, "", "$")
    assert said == (
        "The 1 scored customer is worth $40.00 in predicted value over the next 365 days. "
        "$10.00 of it (25.0%) is at risk (churn risk x predicted value)."
    )
    assert worth_said(worth_figures(np.array([]), 0.0), 365, "", "$") == ""


def test_the_likeliest_buyers_come_first_with_their_expected_purchases(
    make_ctx: MakeContext,
) -> None:
    ctx = make_ctx("operator")
    frame = ctx.data.require_scores().frame
    out = at_risk_customers(ctx, by="purchase", limit=5)
    rows = out.result["rows"]
    chances = [r["p_purchase"] for r in rows]
    assert chances == sorted(chances, reverse=True)
    assert chances[0] == pytest.approx(frame["p_purchase"].max())
    likely = int((frame["churn_risk"] < 0.5).sum())
    days = out.result["churn_days"]
    assert out.answer.startswith(
        f"{likely:,} of {len(frame):,} scored customers ({likely / len(frame):.1%}) are more "
        f"likely than not to buy within the next {days} days. Ranked by chance to buy:"
    )
    expected = sum(r["expected_purchases"] for r in rows)
    assert f"expect {expected:,.1f} purchases between them in the next {days} days" in out.answer
    first = rows[0]
    assert f"First: {first['customer_id']}, chance to buy {chance(first['p_purchase'])}" in (
        out.answer
    )
