"""What an at-risk list's first sentence says it is ranked by, and how the money at risk of a
list not ranked by it is worded (a user's review: the default list opens with customers under
50% churn risk, and "the 5 with the highest predicted value hold $327 of the $392,249 at risk"
read as if they were at risk)."""

from assistant.tools.at_risk import at_risk_customers
from tests.tools.conftest import MakeContext

VALUE_AT_RISK_FIRST = "Ranked by value at risk (churn risk x predicted value): "


def _first_sentence(answer: str) -> str:
    """The sentence that says what ranks, after the one that counts who is at risk."""
    return answer.split(" First: ")[0].split(" or more. ", 1)[1]


def test_the_default_list_says_first_that_it_is_ranked_by_money_at_risk(
    make_ctx: MakeContext,
) -> None:
    ctx = make_ctx()
    frame = ctx.data.require_scores().frame
    top = frame.nlargest(10, "value_at_risk")
    out = at_risk_customers(ctx)
    assert _first_sentence(out.answer) == (
        f"{VALUE_AT_RISK_FIRST}the 10 customers with the most hold "
        f"${top['value_at_risk'].sum():,.2f} of the ${frame['value_at_risk'].sum():,.2f} at "
        f"risk."
    )


def test_the_most_valuable_are_worth_their_value_and_are_not_said_to_hold_the_risk(
    make_ctx: MakeContext,
) -> None:
    ctx = make_ctx()
    frame = ctx.data.require_scores().frame
    out = at_risk_customers(ctx, by="clv", limit=5)
    rows = out.result["rows"]
    worth = sum(r["clv"] for r in rows)
    held = sum(r["value_at_risk"] for r in rows)
    assert _first_sentence(out.answer) == (
        f"Ranked by predicted value: the 5 customers with the highest predicted value are "
        f"worth ${worth:,.2f}; their value at risk is ${held:,.2f} of the "
        f"${frame['value_at_risk'].sum():,.2f} at risk."
    )
    assert " hold " not in out.answer


def test_a_first_customer_under_the_line_is_said_to_be(make_ctx: MakeContext) -> None:
    # R31: "22,152 ... have a churn risk of 50% or more. ... First: 22279, churn risk 48%"
    ctx = make_ctx()
    for by in ("value_at_risk", "clv", "churn_risk"):
        out = at_risk_customers(ctx, by=by)
        first = out.result["rows"][0]
        said = "(under the 50% line)" in out.answer.split(" First: ")[1]
        assert said == (first["churn_risk"] < 0.5), by
    floor = at_risk_customers(ctx, min_churn_risk=10)
    assert "under the" not in floor.answer  # the floor asked is the line: none are under it
