"""A plan's answer says what its gain rests on (assumed uplift, value if retained = CLV / p, at
most 20 times CLV) and, when the gain is more than its customers' whole value at risk, says
that too (R22 3.6: +$6,099.34 for 'at risk', whose value at risk is $4,081.41)."""

from assistant.tools.decisions import gain_basis
from assistant.tools.format import money
from assistant.tools.planning import plan_budget
from tests.tools.conftest import MakeContext


def test_every_plan_says_its_gain_is_an_upper_estimate(make_ctx: MakeContext) -> None:
    answer = plan_budget(make_ctx("operator"), budget=200).answer
    assert gain_basis() in answer
    assert "at most 20 times it" in gain_basis() and "not a forecast" in gain_basis()


def test_a_gain_above_the_value_at_risk_names_it(make_ctx: MakeContext) -> None:
    ctx = make_ctx("operator")
    symbol = ctx.settings.currency_symbol
    scores = ctx.data.require_scores().frame
    whole = round(float(scores["value_at_risk"].sum()), 2)
    said = []
    for budget in (1, 200, 100_000):
        out = plan_budget(ctx, budget=budget)
        assert out.result["value_at_risk"] == whole
        gain = out.result["value_with_offers"] - out.result["value_without_offers"]
        sentence = (
            "The gain is more than the whole value at risk of every scored customer, "
            f"{money(whole, symbol)}."
        )
        assert (sentence in out.answer) == (gain > whole)
        said.append(sentence in out.answer)
    assert said[0] is False  # a plan of $1 gains little
