"""`retain eval` on the packaged CDNOW sample: the JSON shape scripts rely on, and the report."""

import json
from pathlib import Path

from typer.testing import CliRunner

from assistant.cli import app
from commerce.ingest import IngestRequest, ingest
from commerce.source_file import Source
from commerce.workspace import Workspace
from tests.factories import simulate_orders, write_csv

runner = CliRunner()


def test_eval_cdnow_sample_json_and_report(retain_home: Path, tmp_path: Path) -> None:
    report = tmp_path / "report.html"
    result = runner.invoke(
        app, ["eval", "--dataset", "cdnow-sample", "--json", "--report", str(report)]
    )
    assert result.exit_code == 0, result.output
    table = json.loads(result.stdout)
    assert table["split"]["calibration_end"] == "1997-09-30"
    assert table["split"]["customers"] == 2357
    assert set(table["models"]) == {"bgnbd", "pareto_nbd", "retain"}
    for metrics in table["models"].values():
        for key in ("mae", "rmse", "corr", "auc", "brier", "ece", "gini", "spearman"):
            assert isinstance(metrics[key], float), key
    bgnbd = table["models"]["bgnbd"]
    # The harness reproduces the published BG/NBD results on this sample.
    assert bgnbd["params"]["r"] == 0.2426 and bgnbd["loglik"] == -9582.43
    assert (bgnbd["mae"], bgnbd["rmse"], round(bgnbd["corr"], 3)) == (0.7855, 1.608, 0.626)
    assert table["models"]["retain"]["params"] is None
    html = report.read_text()
    assert html.count("<img") == 4 and "retain" in html


def test_eval_rejects_a_split_outside_the_data(retain_home: Path) -> None:
    result = runner.invoke(
        app, ["eval", "--dataset", "cdnow-sample", "--holdout-end", "1999-12-31"]
    )
    assert result.exit_code == 2
    assert "after the data" in result.stderr


def test_eval_rejects_a_holdout_shorter_than_two_weeks(retain_home: Path) -> None:
    args = ["--calibration-end", "1998-06-20", "--holdout-end", "1998-06-30"]
    result = runner.invoke(app, ["eval", "--dataset", "cdnow-sample", *args])
    assert result.exit_code == 2
    assert "the holdout is 10 days; it needs at least 14" in result.stderr


def test_eval_of_a_store_too_small_for_the_network_says_so(
    retain_home: Path, tmp_path: Path
) -> None:
    orders = write_csv(simulate_orders(customers=300, seed=2), tmp_path / "orders.csv")
    ingest(Workspace(retain_home), IngestRequest({"orders": Source(orders)}))
    result = runner.invoke(app, ["eval", "--json"])
    assert result.exit_code == 0, result.output
    assert "only 300 customers have bought" in result.stderr
    assert "uses the classic models alone" in result.stderr
    assert set(json.loads(result.stdout)["models"]) == {"bgnbd", "pareto_nbd", "retain"}
