"""Segments, at-risk, plan and forecast from the command line, on a trained synthetic store."""

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from assistant.cli import app
from commerce.ingest import IngestRequest, ingest
from commerce.source_file import Source
from commerce.workspace import Workspace
from predictors.pipeline import score_store
from tests.assistant.trained_home import trained_home
from tests.factories import simulate_orders, write_csv

runner = CliRunner()


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("decisions")
    home = trained_home(folder, simulate_orders(customers=700, seed=5), epochs=3)
    score_store(Workspace(home))
    return home


@pytest.fixture(autouse=True)
def use_home(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RETAIN_HOME", str(home))


def _json(args: list[str]) -> object:
    result = runner.invoke(app, [*args, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_segments_cover_every_customer(home: Path) -> None:
    rows = _json(["segments"])
    assert isinstance(rows, list)
    assert sum(r["customers"] for r in rows) == Workspace(home).store().manifest.customers
    assert {"avg_clv", "avg_churn_risk", "share_of_revenue"} <= set(rows[0])
    shown = _json(["segments", "show", rows[0]["name"]])
    assert isinstance(shown, dict)
    assert {k: shown[k] for k in rows[0]} == rows[0]
    assert shown["themes"] == []  # no review index in this store: no themes, and no error
    missing = runner.invoke(app, ["segments", "show", "no such group"])
    assert missing.exit_code == 2 and "no segment 'no such group'" in missing.stderr


def test_the_segments_table_shows_each_segments_value_at_risk() -> None:
    rows = _json(["segments"])
    assert isinstance(rows, list)
    # 80 columns, as a terminal opens: the words wrap, no number is cut ("286,525.…").
    result = runner.invoke(app, ["segments"], env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    table = result.stdout.splitlines()
    assert all(len(line) <= 80 for line in table)
    assert any("at risk" in line for line in table if "┃" in line)  # the header's second line
    values = [line.split("│")[6].strip() for line in table if line.count("│") == 8]
    for row in rows:
        assert f"{row['value_at_risk']:,.2f}" in values, row


def test_at_risk_is_ranked_by_value_at_risk() -> None:
    rows = _json(["at-risk", "--limit", "5"])
    assert isinstance(rows, list) and len(rows) == 5
    values = [r["value_at_risk"] for r in rows]
    assert values == sorted(values, reverse=True)


def test_plan_respects_budget_and_policy(tmp_path: Path) -> None:
    csv = tmp_path / "plan.csv"
    plan = _json(["plan", "--budget", "100", "--max-discount", "10", "--csv", str(csv)])
    assert isinstance(plan, dict)
    assert plan["spent"] <= 100
    assert max(plan["assumptions"]["discount_pct"]) <= 10
    assert plan["value_with_offers"] >= plan["value_without_offers"]
    offers = pd.read_csv(csv)
    assert len(offers) == plan["customers"] and offers["discount_pct"].max() <= 10
    # The policy cap from settings wins over a higher request.
    capped = _json(["plan", "--budget", "100", "--max-discount", "50"])
    assert isinstance(capped, dict) and max(capped["assumptions"]["discount_pct"]) <= 20


def test_forecast_has_an_interval_and_weeks() -> None:
    result = _json(["forecast", "--days", "28"])
    assert isinstance(result, dict)
    forecast = result["forecast"]
    low, high = forecast["orders_interval_90"]
    assert low <= forecast["orders"] <= high
    assert len(forecast["weekly"]) == 4


def test_forecast_refuses_a_model_of_another_store(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy = tmp_path / "home"
    shutil.copytree(home, copy, symlinks=True)
    other = write_csv(simulate_orders(customers=600, seed=9), tmp_path / "other.csv")
    ingest(Workspace(copy), IngestRequest({"orders": Source(other)}))
    monkeypatch.setenv("RETAIN_HOME", str(copy))
    result = runner.invoke(app, ["forecast", "--days", "28"])
    assert result.exit_code == 2 and "was trained on store" in result.output


@pytest.mark.parametrize(
    ("args", "why"),
    [
        (["--budget", "nan"], "--budget must be a number"),
        (["--budget", "100", "--cost-per-contact", "-5"], "cost per contact must be 0 or more"),
        (["--budget", "100", "--max-discount", "-1"], "--max-discount must be a percentage"),
    ],
)
def test_plan_refuses_numbers_that_make_no_plan(args: list[str], why: str) -> None:
    result = runner.invoke(app, ["plan", *args])
    assert result.exit_code == 2 and why in result.output


def test_plan_csv_into_a_missing_folder_is_refused_before_planning(tmp_path: Path) -> None:
    target = tmp_path / "no such folder" / "plan.csv"
    result = runner.invoke(app, ["plan", "--budget", "100", "--csv", str(target)])
    assert result.exit_code == 2, result.output
    assert f"the folder {target.parent} does not exist" in result.stderr
    assert "Plan:" not in result.stdout and not target.parent.exists()


def test_plan_and_at_risk_take_lapsed_customers_as_the_chat_does(home: Path) -> None:
    orders = Workspace(home).store().table("orders")
    last = pd.to_datetime(orders["ts"]).max().normalize()
    quiet = orders.assign(day=pd.to_datetime(orders["ts"]).dt.normalize()).groupby(
        orders["customer_id"].astype(str)
    )["day"].max() <= last - pd.Timedelta(days=60)
    lapsed = set(quiet[quiet].index)
    plan = _json(["plan", "--budget", "100", "--quiet-days", "60"])
    assert isinstance(plan, dict)
    assert plan["lapsed"] == f"have not ordered in the 60 days to {last:%Y-%m-%d}"
    assert 0 < plan["customers"] <= len(lapsed)
    rows = _json(["at-risk", "--limit", "50", "--quiet-days", "60"])
    assert isinstance(rows, list) and rows and {r["customer_id"] for r in rows} <= lapsed
    since = _json(["plan", "--budget", "100", "--no-order-since", f"{last:%Y-%m-%d}"])
    assert isinstance(since, dict) and since["lapsed"].startswith("have not ordered since")
    both = runner.invoke(app, ["plan", "--budget", "100", "--quiet-days", "5",
                               "--no-order-since", "month_start"])  # fmt: skip
    assert both.exit_code == 2 and "not both" in both.output
