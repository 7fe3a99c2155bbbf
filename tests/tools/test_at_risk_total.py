"""The total value at risk first in the at-risk answer when asked ("what is the total value at
risk?", `lead` "total"): churn risk x predicted value summed over every scored customer in
scope, which the result always carried and the answer gave only after the list's share."""

from assistant.tools.at_risk import at_risk_customers
from assistant.tools.format import money
from tests.tools.conftest import MakeContext


def test_the_total_opens_the_answer_when_asked(make_ctx: MakeContext) -> None:
    ctx = make_ctx("operator")
    frame = ctx.data.require_scores().frame
    total = float((frame["churn_risk"] * frame["clv"]).sum())
    out = at_risk_customers(ctx, lead="total")
    assert abs(out.result["total_value_at_risk"] - total) < 0.01
    assert out.answer.startswith(
        f"The total value at risk is {money(out.result['total_value_at_risk'])}: churn risk x "
        f"predicted value, summed over {len(frame):,} scored customers. "
    )
    assert out.result["lead"] == "total"
    listed = at_risk_customers(ctx)  # the list alone keeps its opening
    assert not listed.answer.startswith("The total") and listed.result["lead"] == "list"


def test_a_segments_total_and_worth_are_its_members(make_ctx: MakeContext) -> None:
    ctx = make_ctx("operator")
    segments = ctx.data.segment_frame()
    name = str(segments["segment"].value_counts().index[0])
    members = set(segments.index[segments["segment"] == name].astype(str))
    frame = ctx.data.require_scores().frame
    theirs = frame[frame["customer_id"].astype(str).isin(members)]
    out = at_risk_customers(ctx, segment=name, lead="total")
    expected = float((theirs["churn_risk"] * theirs["clv"]).sum())
    assert abs(out.result["total_value_at_risk"] - expected) < 0.01
    assert out.answer.startswith(f"The total value at risk in '{name}' is ")
    worth = at_risk_customers(ctx, segment=name, lead="value")  # what they are worth: theirs
    assert abs(worth.result["worth"]["total_clv"] - float(theirs["clv"].sum())) < 0.01
    assert worth.answer.startswith(f"The {len(theirs):,} scored customers in '{name}' are worth ")


def test_a_later_page_opens_with_its_ranks(make_ctx: MakeContext) -> None:
    page = at_risk_customers(make_ctx("operator"), limit=5, offset=5, lead="total")
    assert page.answer.startswith(
        "Ranked by value at risk (churn risk x predicted value): customers 6-10"
    )
