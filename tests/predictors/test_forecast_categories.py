"""Demand per category: revenue follows money, orders count the orders that hold a category,
and what no category explains is a row of its own, so the categories add up to the total."""

from pathlib import Path
from typing import cast

import pandas as pd
import pytest

from predictors.forecast import NO_LINES, Forecast, category_mix, forecast_demand
from predictors.history import History
from predictors.predictor import Predictor
from tests.predictors.forecast_shop import ORDER, SameForEveryone, pet_shop


def _forecast(history: History) -> Forecast:
    predictor = cast(Predictor, SameForEveryone())
    return forecast_demand(predictor, history, history.last_day, 4.0)


def _rows(forecast: Forecast) -> pd.DataFrame:
    assert forecast.by_category is not None
    return forecast.by_category.set_index("category")


def test_order_lines_carry_their_money(tmp_path: Path) -> None:
    lines = pet_shop(tmp_path, customers=2).categories
    assert lines is not None
    spend = lines.groupby("category")["spend"].sum()
    assert spend.to_dict() == {"Pet food": 2 * 6 * 60.0, "Snacks": 2 * 6 * 9.0}
    assert lines.groupby("category")["quantity"].sum().to_dict() == {"Pet food": 12, "Snacks": 108}


def test_revenue_is_split_by_money_not_units(tmp_path: Path) -> None:
    forecast = _forecast(pet_shop(tmp_path))
    rows = _rows(forecast)
    assert list(rows.index) == ["Pet food", "Snacks"]  # by revenue, pet food first
    assert rows.loc["Pet food", "revenue"] == pytest.approx(forecast.revenue * 60 / ORDER)
    assert rows.loc["Snacks", "revenue"] == pytest.approx(forecast.revenue * 9 / ORDER)
    # Every order holds both: each category is in every expected order.
    assert rows["orders"].tolist() == pytest.approx([forecast.orders, forecast.orders])


def test_orders_without_items_are_a_row_and_the_rows_add_up(tmp_path: Path) -> None:
    forecast = _forecast(pet_shop(tmp_path, customers=20, bare=10))
    rows = _rows(forecast)
    assert list(rows.index) == ["Pet food", "Snacks", NO_LINES]  # the unexplained part last
    assert rows["revenue"].sum() == pytest.approx(forecast.revenue)
    assert rows.loc[NO_LINES, "revenue"] == pytest.approx(forecast.revenue / 2)
    assert rows.loc[NO_LINES, "orders"] == pytest.approx(forecast.orders / 2)
    assert rows.loc["Pet food", "orders"] == pytest.approx(forecast.orders / 2)


def _history(
    days: list[tuple[str, str, float]], lines: list[tuple[str, str, str, float, float]]
) -> History:
    """days: customer, day, amount; lines: customer, day, category, quantity, spend."""
    frame = pd.DataFrame(days, columns=["customer_id", "day", "spend"])
    items = pd.DataFrame(lines, columns=["customer_id", "day", "category", "quantity", "spend"])
    for table in (frame, items):
        table["day"] = pd.to_datetime(table["day"])
    return History(days=frame.assign(units=float("nan")), categories=items)


def _mix(history: History, cutoff: str) -> pd.DataFrame:
    mix = category_mix(history, pd.Timestamp(cutoff))
    assert mix is not None
    return mix[mix.index.get_level_values("customer_id") == "a"].droplevel("customer_id")


def test_a_customers_mix_weighs_each_day_by_its_amount() -> None:
    history = _history(
        [("a", "2024-01-01", 30.0), ("a", "2024-01-08", 10.0), ("a", "2024-01-15", 60.0)],
        [
            ("a", "2024-01-01", "Tea", 1, 20.0),  # a day of 30: 20 tea, 10 coffee
            ("a", "2024-01-01", "Coffee", 1, 10.0),
            ("a", "2024-01-08", "Tea", 5, 0.0),  # free samples only: split by units
            ("a", "2024-01-08", "Coffee", 5, 0.0),
        ],  # 2024-01-15 has no lines
    )
    mix = _mix(history, "2024-01-15")
    assert mix["revenue"].to_dict() == pytest.approx(
        {"Tea": (20 + 5) / 100, "Coffee": (10 + 5) / 100, NO_LINES: 60 / 100}
    )
    assert mix["orders"].to_dict() == pytest.approx(
        {"Tea": 2 / 3, "Coffee": 2 / 3, NO_LINES: 1 / 3}
    )
    # Before the third day there is nothing without lines, and nothing after the cutoff counts.
    early = _mix(history, "2024-01-08")
    assert set(early.index) == {"Tea", "Coffee"}
    assert early["revenue"].sum() == pytest.approx(1.0)


def test_a_customer_who_spent_nothing_weighs_each_day_the_same() -> None:
    history = _history(
        [("a", "2024-01-01", 0.0), ("a", "2024-01-08", 0.0)],
        [("a", "2024-01-01", "Tea", 1, 0.0)],
    )
    mix = _mix(history, "2024-01-08")
    assert mix["revenue"].to_dict() == pytest.approx({"Tea": 0.5, NO_LINES: 0.5})
