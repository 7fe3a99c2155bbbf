"""forecast_demand by category names the category with the most money, and how much revenue
follows orders recorded without items (which name no category)."""

from pathlib import Path
from types import SimpleNamespace
from typing import cast

import pytest

from assistant.tools import forecasting
from assistant.tools.base import ToolContext
from predictors.forecast import NO_LINES, forecast_demand
from predictors.predictor import Predictor
from tests.predictors.forecast_shop import SameForEveryone, pet_shop


def test_the_answer_names_the_top_category_by_money_and_the_unexplained_part(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    history = pet_shop(tmp_path, customers=20, bare=10)
    predictor = cast(Predictor, SameForEveryone())
    forecast = forecast_demand(predictor, history, history.last_day, 4.0)
    monkeypatch.setattr(forecasting, "cached_forecast", lambda data, days, segment: forecast)
    ctx = cast(
        ToolContext, SimpleNamespace(settings=SimpleNamespace(currency_symbol="$"), data=None)
    )
    out = forecasting.forecast_demand(ctx, horizon_days=28, by="category")
    rows = out.result["by_category"]
    assert [r["category"] for r in rows] == ["Pet food", "Snacks", NO_LINES]
    assert sum(r["revenue"] for r in rows) == pytest.approx(out.result["revenue"], abs=0.02)
    assert f"Most revenue from Pet food (${rows[0]['revenue']:,.2f})." in out.answer
    assert f"${rows[-1]['revenue']:,.2f} of it follows past orders recorded without items" in (
        out.answer
    )
