"""The forecast tool takes the whole store's interval from what `retain score` saved beside the
scores when it was calibrated for exactly this history, and replays the past itself when the
file is stale, corrupt or missing."""

import json
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from assistant.settings import Settings
from assistant.tools import forecasting
from assistant.tools.data import StoreData
from commerce.workspace import Workspace
from predictors.forecast import Calibration
from predictors.forecast_interval import past_calibration
from predictors.forecast_interval_saved import (
    FILE,
    USUAL_HORIZON_DAYS,
    save_usual_calibrations,
    saved_calibration,
)
from predictors.history import History, from_store
from predictors.pipeline import scores_folder

REPLAYED = Calibration(0.2, windows=3)


def _save(home: Path) -> Path:
    """The usual horizons' calibrations of the current store, saved as `retain score` does."""
    workspace = Workspace(home)
    store = workspace.store()
    folder = scores_folder(workspace)
    assert folder is not None
    return save_usual_calibrations(folder, store.version, from_store(store))


def _replays(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Count the tool's replays of the past; each gives REPLAYED."""
    replays: list[float] = []

    def counted(
        history: History, cutoff: object, horizon_weeks: float, customers: object = None
    ) -> Calibration:
        replays.append(horizon_weeks)
        return REPLAYED

    monkeypatch.setattr(forecasting, "past_calibration", counted)
    return replays


def _forecast_spread(home: Path, days: int) -> Calibration:
    data = StoreData(Workspace(home), Settings(home=home))
    try:
        return forecasting.cached_forecast(data, days).calibration
    finally:
        data.close()


def test_a_saved_calibration_of_this_store_is_used_without_replaying(
    home_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    document = json.loads(_save(home_copy).read_text())

    def no_replay(*args: object, **kwargs: object) -> Calibration:
        raise AssertionError("the past was replayed though a matching calibration was saved")

    monkeypatch.setattr(forecasting, "past_calibration", no_replay)
    for days in USUAL_HORIZON_DAYS:
        calibration = _forecast_spread(home_copy, days)
        assert calibration.spread == document["horizons"][str(days)]["spread"]
        assert calibration.windows == document["horizons"][str(days)]["windows"]


def test_the_saved_calibration_is_the_replay_itself(home_copy: Path) -> None:
    _save(home_copy)
    workspace = Workspace(home_copy)
    store = workspace.store()
    history = from_store(store)
    saved = saved_calibration(workspace, store.version, history, 30)
    assert saved == past_calibration(history, history.last_day, 30 / 7)


def test_a_horizon_not_saved_is_replayed(home_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _save(home_copy)
    replays = _replays(monkeypatch)
    assert _forecast_spread(home_copy, 14) == REPLAYED
    assert replays == [2.0]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("store_version", "0123456789ab"),  # events grew the store, or it was ingested again
        ("purchase_days", 1),  # a history other than the one the version names
        ("last_day", "1999-01-01"),
        ("recipe", {"replay_version": 0, "windows": 3, "min_windows": 2, "default_spread": 0.25}),
    ],
)
def test_a_stale_calibration_is_not_used(
    home_copy: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    field: str,
    value: Any,
) -> None:
    path = _save(home_copy)
    document = json.loads(path.read_text())
    path.write_text(json.dumps(document | {field: value}))
    replays = _replays(monkeypatch)
    with caplog.at_level(logging.INFO, "predictors.forecast_interval_saved"):
        assert _forecast_spread(home_copy, 30) == REPLAYED
    assert replays == [30 / 7]
    assert "replaying the past" in caplog.text


def _windows_as_words(text: str) -> str:
    document = json.loads(text)
    document["horizons"]["30"]["windows"] = "eight"
    return json.dumps(document)


@pytest.mark.parametrize(
    "corrupt",
    [
        lambda text: text[: len(text) // 2],  # cut short: not JSON
        lambda text: '{"store_version": "x"}',  # fields missing
        lambda text: "[]",
        _windows_as_words,  # a field of the wrong type
    ],
)
def test_a_corrupt_calibration_is_said_and_replayed(
    home_copy: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    corrupt: Callable[[str], str],
) -> None:
    path = _save(home_copy)
    path.write_text(corrupt(path.read_text()))
    replays = _replays(monkeypatch)
    with caplog.at_level(logging.WARNING, "predictors.forecast_interval_saved"):
        assert _forecast_spread(home_copy, 30) == REPLAYED
    assert replays == [30 / 7]
    (record,) = [r for r in caplog.records if r.name == "predictors.forecast_interval_saved"]
    assert record.levelno == logging.WARNING
    assert f"{path} cannot be read" in record.getMessage()
    assert "retain score" in record.getMessage()


def test_no_interval_round_trips(home_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A calibration with no interval (NaN spread, a reason) is saved as null and read back."""
    none = Calibration(float("nan"), 1, reason="only 1 past window of this length fits")
    monkeypatch.setattr("predictors.forecast_interval_saved.past_calibration", lambda *args: none)
    path = _save(home_copy)
    assert json.loads(path.read_text())["horizons"]["30"]["spread"] is None
    workspace = Workspace(home_copy)
    store = workspace.store()
    saved = saved_calibration(workspace, store.version, from_store(store), 30)
    assert saved is not None and saved.reason == none.reason and saved.windows == 1
    assert saved.note == none.note and saved.spread != saved.spread  # NaN


def test_no_file_is_no_calibration(home_copy: Path) -> None:
    workspace = Workspace(home_copy)
    store = workspace.store()
    folder = scores_folder(workspace)
    assert folder is not None and not (folder / FILE).exists()
    assert saved_calibration(workspace, store.version, from_store(store), 30) is None
