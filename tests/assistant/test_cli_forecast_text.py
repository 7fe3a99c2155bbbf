"""`retain forecast` without --json: totals, a row per week, and the categories."""

from pathlib import Path
from typing import cast

from assistant.cli.console import out
from assistant.cli.forecast import _show
from assistant.tools.forecasting import forecast_summary
from predictors.forecast import NO_CATEGORIES, NO_LINES, forecast_demand
from predictors.predictor import Predictor
from tests.predictors.forecast_shop import SameForEveryone, pet_shop, uncategorised_shop


def _text(tmp_path: Path, days: int, by_category: bool) -> str:
    history = pet_shop(tmp_path, customers=20, bare=10)
    predictor = cast(Predictor, SameForEveryone())
    forecast = forecast_demand(predictor, history, history.last_day, days / 7)
    with out.capture() as captured:
        _show({"forecast": forecast_summary(forecast, by_category)})
    return captured.get()


def test_the_text_shows_each_week_and_a_short_last_one(tmp_path: Path) -> None:
    text = _text(tmp_path, 30, by_category=False)
    assert text.startswith("Next 30 days: ")
    cells = [line.replace("│", " ").split() for line in text.splitlines()]
    rows = [row for row in cells if row and row[0][:1].isdigit()]
    assert [row[0] for row in rows] == ["1-7", "8-14", "15-21", "22-28", "29-30"]
    assert "Per week" in text and "By category" not in text


def test_the_text_shows_categories_with_orders_without_items(tmp_path: Path) -> None:
    text = _text(tmp_path, 28, by_category=True)
    assert "By category" in text and "Pet food" in text and NO_LINES in text
    assert "counts in each; revenue adds up to the total." in text
    assert f"{NO_LINES}: what follows orders recorded without items." in text


def test_the_text_says_when_no_product_has_a_category() -> None:
    history = uncategorised_shop()
    predictor = cast(Predictor, SameForEveryone())
    forecast = forecast_demand(predictor, history, history.last_day, 30 / 7, spread=0.2)
    with out.capture() as captured:
        _show({"forecast": forecast_summary(forecast, True)})
    text = " ".join(captured.get().split())  # the console wraps long lines
    assert NO_CATEGORIES in text and "By category" not in text
