"""How many scored customers are at risk, first in the at-risk answer and in its result ("how
many customers are at risk of churning?", "whats our churn rate?"): those within the list's
filters whose churn risk is at least the line GET /v1/customers?at_risk=true draws. Before, the
only count was the pool ("across 23,570 scored customers"), which read as the number at risk."""

from assistant.tools.at_risk import AT_RISK, at_risk_customers
from tests.tools.conftest import MakeContext


def test_the_answer_opens_with_how_many_are_at_risk_and_their_share(
    make_ctx: MakeContext,
) -> None:
    ctx = make_ctx()
    frame = ctx.data.require_scores().frame
    at_risk = int((frame["churn_risk"] >= 0.5).sum())
    out = at_risk_customers(ctx)
    assert AT_RISK == 0.5 and 0 < at_risk < len(frame)
    assert out.answer.startswith(
        f"{at_risk:,} of {len(frame):,} scored customers ({at_risk / len(frame):.1%}) have a "
        "churn risk of 50% or more. Ranked by value at risk"
    )
    assert out.result["at_risk_count"] == at_risk
    assert out.result["at_risk_share"] == round(at_risk / len(frame), 4)


def test_a_segment_counts_its_own_members(make_ctx: MakeContext) -> None:
    ctx = make_ctx()
    frame = ctx.data.require_scores().frame.set_index("customer_id")
    segments = ctx.data.segment_frame()
    name = str(segments["segment"].value_counts().index[0])
    members = segments.index[segments["segment"] == name].astype(str)
    risks = frame.loc[frame.index.astype(str).isin(members), "churn_risk"]
    out = at_risk_customers(ctx, segment=name)
    assert out.result["at_risk_count"] == int((risks >= 0.5).sum())
    assert out.answer.startswith(f"{int((risks >= 0.5).sum()):,} of {len(risks):,} scored ")
    assert f"in '{name}' (" in out.answer


def test_a_later_page_does_not_count_again(make_ctx: MakeContext) -> None:
    page = at_risk_customers(make_ctx(), limit=5, offset=5)
    assert page.answer.startswith("Ranked by value at risk")
    assert page.result["at_risk_count"] > 0
