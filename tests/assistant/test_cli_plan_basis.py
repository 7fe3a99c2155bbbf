"""`retain plan` says what its gain rests on, as the chat's plan does: the assumed uplift and
the value of a kept customer (CLV / chance of buying, at most 20 times it), and, when the gain
is more than the whole value at risk of the customers planned for, that it is. Both sentences
come from the same code as the chat answer (plan_basis), on a trained synthetic store."""

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from assistant.cli import app
from assistant.llm.fake import ScriptedChatModel
from assistant.settings import Settings
from assistant.tools.base import ToolContext
from assistant.tools.data import StoreData
from assistant.tools.decisions import gain_basis
from assistant.tools.planning import plan_basis, plan_budget
from commerce.workspace import Workspace
from predictors.pipeline import score_store
from tests.assistant.trained_home import trained_home
from tests.factories import simulate_orders
from tests.retrieval.fakes import HashingEmbedder

runner = CliRunner()
BUDGET = "400"


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("plan_basis")
    home = trained_home(folder, simulate_orders(customers=400, seed=3), epochs=2)
    score_store(Workspace(home))
    return home


@pytest.fixture(autouse=True)
def use_home(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RETAIN_HOME", str(home))


def plan_json(*args: str) -> dict[str, Any]:
    result = runner.invoke(app, ["plan", "--budget", BUDGET, *args, "--json"])
    assert result.exit_code == 0, result.output
    plan: dict[str, Any] = json.loads(result.stdout)
    return plan


def plan_text(*args: str) -> str:
    result = runner.invoke(app, ["plan", "--budget", BUDGET, *args], env={"COLUMNS": "300"})
    assert result.exit_code == 0, result.output
    return " ".join(result.stdout.split())  # the console wraps long lines


def gain(plan: dict[str, Any]) -> float:
    return float(plan["value_with_offers"] - plan["value_without_offers"])


def segments() -> list[str]:
    rows = json.loads(runner.invoke(app, ["segments", "--json"]).stdout)
    return [row["name"] for row in rows if row["customers"]]


def test_the_plan_says_what_its_gain_assumes() -> None:
    assert gain_basis() in plan_text()
    assert "at most 20 times it" in gain_basis()


def test_a_gain_above_the_segments_value_at_risk_is_said_in_the_chats_words(home: Path) -> None:
    plans = {name: plan_json("--segment", name) for name in segments()}
    over = [name for name, plan in plans.items() if gain(plan) > plan["value_at_risk"]]
    within = [name for name, plan in plans.items() if gain(plan) <= plan["value_at_risk"]]
    assert over and within, {name: (gain(p), p["value_at_risk"]) for name, p in plans.items()}
    name = over[0]
    said = f"The gain is more than the whole value at risk of '{name}', "
    text = plan_text("--segment", name)
    assert said in text
    symbol = Settings(home=home).currency_symbol
    assert plan_basis(gain(plans[name]), plans[name]["value_at_risk"], name, symbol) in text
    # The chat's plan of the same segment says the same sentence.
    data = StoreData(Workspace(home), Settings(home=home))
    model = ScriptedChatModel([])
    ctx = ToolContext(data.settings, "admin", data, lambda: model, HashingEmbedder)
    assert said in plan_budget(ctx, budget=float(BUDGET), segment=name).answer
    for name in within:
        assert "whole value at risk" not in plan_text("--segment", name)


def test_the_json_gives_the_value_at_risk_the_sentence_rests_on() -> None:
    whole = plan_json()
    rows = json.loads(runner.invoke(app, ["at-risk", "--limit", "10000", "--json"]).stdout)
    assert whole["value_at_risk"] == pytest.approx(sum(r["value_at_risk"] for r in rows), abs=0.05)
