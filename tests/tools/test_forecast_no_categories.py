"""A forecast asked "by category" of a store whose products name no category says so, in the
JSON summary (a `note`) and in the chat answer, rather than answering as if not asked."""

from pathlib import Path
from types import SimpleNamespace
from typing import cast

import pandas as pd
import pytest

from assistant.tools import forecasting
from assistant.tools.base import ToolContext
from assistant.tools.forecasting import forecast_summary
from predictors.forecast import NO_CATEGORIES, NO_MEMBER_CATEGORIES, Forecast, forecast_demand
from predictors.history import History
from predictors.predictor import Predictor
from tests.predictors.forecast_shop import SameForEveryone, pet_shop, uncategorised_shop


def _forecast(history: History, customers: "pd.Index[str] | None" = None) -> Forecast:
    predictor = cast(Predictor, SameForEveryone())
    return forecast_demand(predictor, history, history.last_day, 4.0, 0.2, customers)


def test_the_summary_notes_that_no_product_has_a_category() -> None:
    forecast = _forecast(uncategorised_shop())
    assert forecast.by_category is None and forecast.category_note == NO_CATEGORIES
    summary = forecast_summary(forecast, with_categories=True)
    assert summary["note"] == NO_CATEGORIES and "by_category" not in summary
    assert "note" not in forecast_summary(forecast, with_categories=False)


def test_a_segment_that_bought_nothing_categorised_gets_its_own_note(tmp_path: Path) -> None:
    history = pet_shop(tmp_path, customers=20)
    assert _forecast(history).category_note is None
    nobody = _forecast(history, pd.Index(["not-a-customer"]))
    assert nobody.by_category is None and nobody.category_note == NO_MEMBER_CATEGORIES


def test_the_chat_answer_says_there_is_no_split(monkeypatch: pytest.MonkeyPatch) -> None:
    forecast = _forecast(uncategorised_shop())
    monkeypatch.setattr(forecasting, "cached_forecast", lambda data, days, segment: forecast)
    ctx = cast(
        ToolContext, SimpleNamespace(settings=SimpleNamespace(currency_symbol="$"), data=None)
    )
    out = forecasting.forecast_demand(ctx, horizon_days=28, by="category")
    assert out.answer.endswith(f" {NO_CATEGORIES}")
    assert out.result["note"] == NO_CATEGORIES
    plain = forecasting.forecast_demand(ctx, horizon_days=28)
    assert NO_CATEGORIES not in plain.answer and "note" not in plain.result
