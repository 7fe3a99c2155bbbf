"""The forecast tool keeps the replay of past windows per store: a new model forecasts again
without replaying them, and says the same interval width as before."""

import shutil
from pathlib import Path

import pytest

from assistant.settings import Settings
from assistant.tools import forecasting
from assistant.tools.data import StoreData
from commerce.workspace import Workspace
from predictors.forecast import Calibration
from predictors.history import History
from predictors.pipeline import latest_model


def test_a_new_model_reuses_the_spread_of_the_same_store(
    home_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    replays: list[float] = []

    def counted(
        history: History, cutoff: object, horizon_weeks: float, customers: object = None
    ) -> Calibration:
        replays.append(horizon_weeks)
        return Calibration(0.2, windows=3)

    monkeypatch.setattr(forecasting, "past_calibration", counted)
    workspace = Workspace(home_copy)
    data = StoreData(workspace, Settings(home=home_copy))
    first = forecasting.cached_forecast(data, 28)
    model = latest_model(workspace)
    shutil.copytree(model, model.with_name(f"{model.name}-retrained"))  # a newer model folder
    second = forecasting.cached_forecast(data, 28)
    assert data.model().folder.name.endswith("-retrained")
    assert second is not first  # forecast again, with the new model
    assert replays == [4.0]  # but the past was replayed once
    assert first.spread == second.spread == 0.2
    forecasting.cached_forecast(data, 56)
    assert replays == [4.0, 8.0]  # another horizon: its own windows
    data.close()
