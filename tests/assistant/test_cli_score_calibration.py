"""`retain score` saves the forecast interval's calibration of the usual horizons beside the
scores, tagged with the store version, so the first forecast need not replay the past;
`--if-missing` on a scored store still writes it when it is missing or stale."""

import json
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from assistant.cli import app
from commerce.workspace import Workspace
from predictors import forecast_interval_saved
from predictors import history as history_module
from predictors.forecast import Calibration
from predictors.forecast_interval import past_calibration
from predictors.forecast_interval_saved import FILE, USUAL_HORIZON_DAYS, saved_calibration
from predictors.history import History, from_store
from predictors.pipeline import scores_folder
from tests.assistant.trained_home import trained_home
from tests.factories import simulate_orders

runner = CliRunner()


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    orders = simulate_orders(customers=300, seed=5)
    return trained_home(tmp_path_factory.mktemp("score_calibration"), orders, epochs=2)


@pytest.fixture(autouse=True)
def use_home(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RETAIN_HOME", str(home))


def test_score_saves_the_calibration_of_the_store_it_scored(home: Path) -> None:
    result = runner.invoke(app, ["score", "--json"])
    assert result.exit_code == 0, result.output
    path = Path(json.loads(result.stdout)["forecast_calibration"])
    workspace = Workspace(home)
    assert path == scores_folder(workspace) / FILE  # type: ignore[operator]
    store = workspace.store()
    assert json.loads(path.read_text())["store_version"] == store.version
    history = from_store(store)
    for days in USUAL_HORIZON_DAYS:
        saved = saved_calibration(workspace, store.version, history, days)
        assert saved == past_calibration(history, history.last_day, days / 7)
    text = runner.invoke(app, ["score"]).stdout
    assert "Forecast interval calibrated for the next 30 and 90 days: " in text


def test_if_missing_calibrates_a_scored_store_once(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert runner.invoke(app, ["score"]).exit_code == 0
    folder = scores_folder(Workspace(home))
    assert folder is not None
    (folder / FILE).unlink()
    result = runner.invoke(app, ["score", "--if-missing"])
    assert result.exit_code == 0, result.output
    assert "already scored; kept the scores" in result.stdout
    assert "Forecast interval calibrated" in result.stdout
    assert (folder / FILE).is_file()

    def no_replay(*args: object) -> Calibration:
        raise AssertionError("replayed the past though the saved calibration matches")

    monkeypatch.setattr(forecast_interval_saved, "past_calibration", no_replay)
    again = runner.invoke(app, ["score", "--if-missing"])
    assert again.exit_code == 0, again.output
    assert "Forecast interval calibrated" not in again.stdout


def _history_reads(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Count the reads of a whole history (every `from_store` ends in `from_transactions`)."""
    reads: list[int] = []
    collapse = history_module.from_transactions

    def counted(transactions: pd.DataFrame) -> History:
        reads.append(len(transactions))
        return collapse(transactions)

    monkeypatch.setattr(history_module, "from_transactions", counted)
    return reads


def test_score_reads_the_history_once(monkeypatch: pytest.MonkeyPatch) -> None:
    reads = _history_reads(monkeypatch)
    result = runner.invoke(app, ["score"])
    assert result.exit_code == 0, result.output
    assert "Forecast interval calibrated" in result.stdout
    assert len(reads) == 1  # the scores and the calibration after them share it
    again = runner.invoke(app, ["score", "--if-missing"])
    assert again.exit_code == 0, again.output
    assert "Forecast interval calibrated" not in again.stdout
    assert len(reads) == 1  # a current calibration is told without reading the history


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("store_version", "0123456789ab"),
        ("purchase_days", 1),  # calibrated on a history other than the version's
        ("last_day", "1999-01-01"),
        ("recipe", {"replay_version": 0}),
    ],
)
def test_if_missing_calibrates_again_when_the_saved_one_is_stale(
    home: Path, field: str, value: object
) -> None:
    assert runner.invoke(app, ["score"]).exit_code == 0
    folder = scores_folder(Workspace(home))
    assert folder is not None
    fresh = json.loads((folder / FILE).read_text())
    (folder / FILE).write_text(json.dumps(fresh | {field: value}))
    result = runner.invoke(app, ["score", "--if-missing"])
    assert result.exit_code == 0, result.output
    assert "Forecast interval calibrated" in result.stdout
    assert json.loads((folder / FILE).read_text()) == fresh
