"""A segment the rules define that no customer is in now ('new' on the tools' store: nobody's
first purchase is in its last 30 days) is empty, not unknown, in every tool and command."""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.cli import app
from assistant.tools.catalogue import run_tool
from tests.tools.conftest import MakeContext, sent_model

EMPTY = "new"


def test_the_index_knows_the_empty_segment(make_ctx: MakeContext) -> None:
    segments = make_ctx().data.segments()
    assert EMPTY in segments.names and len(segments.members("NEW")) == 0
    assert segments.resolve(" New ") == EMPTY


def test_a_forecast_of_nobody_is_zero_and_says_why(make_ctx: MakeContext) -> None:
    out = run_tool(make_ctx("operator"), "forecast_demand", {"segment": EMPTY})
    assert out.result["customers"] == 0 and out.result["orders"] == 0
    assert out.answer == "'new' has no customers now: no orders or revenue are expected from it."


def test_a_plan_for_nobody_is_empty_and_says_why(make_ctx: MakeContext) -> None:
    out = run_tool(make_ctx("operator"), "plan_budget", {"budget": 100, "segment": EMPTY})
    assert out.result["customers"] == 0 and out.result["spent"] == 0
    assert "in 'new' ('new' has no customers now)" in out.answer


def test_a_ranking_of_nobody_says_why(make_ctx: MakeContext) -> None:
    out = run_tool(make_ctx("operator"), "top_customers", {"segment": EMPTY})
    assert out.result["rows"] == [] and out.result["segment_size"] == 0
    assert out.answer == "No customers to rank: 'new' has no customers now."


def test_the_summary_says_it_is_empty_without_writing_one(make_ctx: MakeContext) -> None:
    ctx = make_ctx("operator")
    out = run_tool(ctx, "segment_summary", {"segment": EMPTY})
    assert out.answer == "'new' has no customers now: first purchase in the last 30 days."
    assert out.result["customers"] == 0 and out.cards[0]["type"] == "segment"
    assert sent_model(ctx).sent == []  # no model was asked to write about nobody


def test_segments_show_says_it_is_empty(tools_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RETAIN_HOME", str(tools_home))
    runner = CliRunner()
    shown = runner.invoke(app, ["segments", "show", EMPTY])
    assert shown.exit_code == 0, shown.output
    assert "'new' has no customers now: first purchase in the last 30 days." in shown.stdout
    facts = json.loads(runner.invoke(app, ["segments", "show", EMPTY, "--json"]).stdout)
    assert facts["name"] == EMPTY and facts["customers"] == 0
    forecast = runner.invoke(app, ["forecast", "--segment", EMPTY])
    assert forecast.exit_code == 0, forecast.output
    assert "'new' has no customers now" in forecast.stdout
