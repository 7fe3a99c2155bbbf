"""What plan_budget says beyond the plan: how far from the best possible plan it can be, a
discount asked above the policy's cap, and a budget written in another currency."""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.cli import app
from assistant.tools.format import money
from assistant.tools.planning import plan_budget
from tests.tools.conftest import MakeContext


def test_the_plan_states_the_most_any_plan_could_add(make_ctx: MakeContext) -> None:
    ctx = make_ctx("operator")
    plan = plan_budget(ctx, budget=200).result
    gain = plan["value_with_offers"] - plan["value_without_offers"]
    assert gain <= plan["net_gain_bound"] + 0.01
    bound = money(plan["net_gain_bound"], ctx.settings.currency_symbol)
    answer = plan_budget(ctx, budget=200).answer
    assert f"No plan within the budget could add more than +{bound} under these" in answer


def test_a_discount_above_the_policy_is_said_to_be_capped(make_ctx: MakeContext) -> None:
    ctx = make_ctx("operator")
    policy = ctx.settings.max_discount_pct
    out = plan_budget(ctx, budget=200, max_discount_pct=policy + 30)
    said = f"Discounts are capped at the policy's {policy:g}%, not the {policy + 30:g}% asked"
    assert said in out.answer and said in out.result["note"] and said in out.cards[0]["note"]
    within = plan_budget(ctx, budget=200, max_discount_pct=policy)
    assert "capped" not in within.answer and "note" not in within.result


def test_a_budget_in_another_currency_is_planned_as_the_stores_and_said(
    make_ctx: MakeContext,
) -> None:
    ctx = make_ctx("operator")
    symbol = ctx.settings.currency_symbol
    out = plan_budget(ctx, budget=5000, currency="\u20ac")
    said = (
        f"The budget was written in \u20ac, but this store counts in {symbol}: it is planned as "
        f"{money(5000, symbol)}, with no exchange rate applied."
    )
    assert said in out.answer and out.result["currency_note"] == said
    assert out.result["spent"] == plan_budget(ctx, budget=5000).result["spent"]
    same = plan_budget(ctx, budget=5000, currency=symbol)
    assert "currency_note" not in same.result and "exchange" not in same.answer
    # Codes, as an API caller or a model may send them, are the same currencies.
    assert "currency_note" not in plan_budget(ctx, budget=5000, currency="usd").result
    assert plan_budget(ctx, budget=5000, currency="EUR").result["currency_note"] == said


def test_retain_plan_says_the_cap_and_the_bound(
    tools_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RETAIN_HOME", str(tools_home))
    runner = CliRunner()
    shown = runner.invoke(app, ["plan", "--budget", "200", "--max-discount", "50"])
    assert shown.exit_code == 0, shown.output
    text = " ".join(shown.stdout.split())  # the console wraps long lines
    assert "Discounts are capped at the policy's 20%, not the 50% asked" in text
    assert "No plan within the budget could add more than +" in text
    plan = json.loads(runner.invoke(app, ["plan", "--budget", "200", "--json"]).stdout)
    assert plan["value_with_offers"] - plan["value_without_offers"] <= plan["net_gain_bound"] + 0.01
    assert "note" not in plan
