"""Forecasts shorter than the network's training windows: below the shortest window it was
trained on, the forecast keeps the network's level there and takes BG/NBD's shape in time, so a
steady store gets no week-1 spike and a 1-day forecast near its daily rate; from that window
on, the figures are the network's own, as before."""

from dataclasses import dataclass
from typing import cast

import numpy as np
import pandas as pd
import pytest

from predictors.classic import Classic
from predictors.features import customer_features
from predictors.forecast import forecast_demand, trained_from
from predictors.history import History, from_transactions
from predictors.predictor import Predictor
from predictors.scoring import weeks
from predictors.train import TrainConfig, train_predictor
from predictors.windows import shortest_window_weeks
from tests.predictors.fake_predictor import EachHorizon

CHURN_WEEKS = weeks(90)  # what `retain train` trains for by default


def steady_store(customers: int = 400, seed: int = 0, span_weeks: int = 60) -> History:
    """Customers who never leave, each buying as a Poisson process at its own constant rate
    (mean 0.3 a week): the store's purchase rate is the same every day."""
    rng = np.random.default_rng(seed)
    first = pd.Timestamp("2024-01-01")
    rows = []
    for c in range(customers):
        rate = rng.gamma(2.0, 0.15)  # purchases per week
        t = rng.exponential(1 / rate)
        while t < span_weeks:
            rows.append((f"s{c:04d}", first + pd.Timedelta(weeks=t), 30.0))
            t += rng.exponential(1 / rate)
    frame = pd.DataFrame(rows, columns=["customer_id", "ts", "amount"])
    frame["ts"] = frame["ts"].dt.floor("D")
    return from_transactions(frame)


def daily_rate(history: History, days: int = 56) -> float:
    """Purchase days per day over the last `days` days (what the store really does)."""
    recent = history.days["day"] > history.last_day - pd.Timedelta(days=days)
    return float(recent.sum()) / days


@dataclass
class EagerAtShortHorizons(EachHorizon):
    """BG/NBD's expectations, overstated by a factor 1 + 1/weeks: off at short horizons, as the
    network was below the windows it was trained on, and close to BG/NBD at long ones."""

    classic: Classic

    def predict(self, features: pd.DataFrame, horizon_weeks: float) -> pd.DataFrame:
        x, t_x, big_t = (features[c].to_numpy(np.float64) for c in ("frequency", "recency", "T"))
        bgnbd = self.classic.purchases.expected_purchases(horizon_weeks, x, t_x, big_t)
        count = bgnbd * (1 + 1 / horizon_weeks)
        return pd.DataFrame(
            {"expected_purchases": count, "expected_spend": 30.0 * count}, index=features.index
        )


@pytest.fixture(scope="module")
def store() -> History:
    return steady_store()


@pytest.fixture(scope="module")
def eager(store: History) -> Predictor:
    classic = Classic.fit(customer_features(store, store.last_day))
    return cast(Predictor, EagerAtShortHorizons(classic))


def test_the_shortest_trained_window_is_found_as_training_finds_it(store: History) -> None:
    # 60 weeks of history, 90-day churn horizon: windows of 13, 10, 6 and 4 weeks.
    assert shortest_window_weeks(store.first_day, store.last_day, CHURN_WEEKS) == 4.0
    document = {"eligible": True, "cutoff": f"{store.last_day:%Y-%m-%d}",
                "horizons": {"churn_days": 90, "clv_days": 365}}  # fmt: skip
    assert trained_from(document, store) == 4.0


def test_a_saved_shortest_window_is_read_not_worked_out_again(store: History) -> None:
    # A model saves its shortest window: a later history (another first day) cannot move it.
    document = {"eligible": True, "cutoff": f"{store.last_day:%Y-%m-%d}", "trained_from_weeks": 6,
                "horizons": {"churn_days": 90, "clv_days": 365}}  # fmt: skip
    assert trained_from(document, store) == 6.0
    assert trained_from(document | {"trained_from_weeks": None}, store) is None
    assert trained_from(document | {"eligible": False}, store) is None
    # The classic models alone hold at every horizon: nothing to trust less.
    assert trained_from(document | {"eligible": False}, store) is None
    # Too short a history for any window: no network was trained.
    assert (
        shortest_window_weeks(store.first_day, store.first_day + pd.Timedelta(weeks=9), 13) is None
    )


def test_weeks_before_the_shortest_window_take_bgnbd_shape(
    store: History, eager: Predictor
) -> None:
    trusted = forecast_demand(eager, store, store.last_day, 6.0, spread=0.2)
    shaped = forecast_demand(eager, store, store.last_day, 6.0, spread=0.2, trained_from_weeks=4)
    old, new = trusted.weekly["orders"].to_numpy(), shaped.weekly["orders"].to_numpy()
    assert old[0] > 1.4 * old[1:4].mean()  # the spike the predictor makes on its own
    # A steady store: week 1 within 2% of weeks 2-4 (BG/NBD's weeks differ by less than that).
    assert new[0] == pytest.approx(new[1:4].mean(), rel=0.02)
    # Weeks 1-4 add up to the predictor's own 4-week figure, and from week 4 on nothing moves.
    assert new[:4].sum() == pytest.approx(old[:4].sum(), rel=1e-12)
    assert new[4:] == pytest.approx(old[4:], rel=1e-12)
    assert (shaped.orders, shaped.revenue) == pytest.approx((trusted.orders, trusted.revenue))
    assert shaped.weekly["revenue"].sum() == pytest.approx(shaped.revenue)


def test_a_horizon_at_or_past_the_shortest_window_is_unchanged(
    store: History, eager: Predictor
) -> None:
    for horizon in (4.0, 13.0):
        trusted = forecast_demand(eager, store, store.last_day, horizon, spread=0.2)
        shaped = forecast_demand(
            eager, store, store.last_day, horizon, spread=0.2, trained_from_weeks=4
        )
        assert shaped.orders == trusted.orders and shaped.revenue == trusted.revenue
        assert shaped.orders_interval == trusted.orders_interval


def test_a_trained_network_forecasts_one_day_near_the_daily_rate(store: History) -> None:
    cutoff = store.last_day
    predictor, _ = train_predictor(store, cutoff, CHURN_WEEKS, TrainConfig(seed=0, device="cpu"))
    shortest = shortest_window_weeks(store.first_day, cutoff, CHURN_WEEKS)
    day = forecast_demand(predictor, store, cutoff, 1 / 7, spread=0.2, trained_from_weeks=shortest)
    # Within 10% of the last 8 weeks' rate (the network alone said ~30% more).
    assert day.orders == pytest.approx(daily_rate(store), rel=0.10)
    month = forecast_demand(predictor, store, cutoff, 4.0, spread=0.2, trained_from_weeks=shortest)
    weekly = month.weekly["orders"].to_numpy()
    assert weekly[0] == pytest.approx(weekly[1:].mean(), rel=0.02)
    alone = forecast_demand(predictor, store, cutoff, 4.0, spread=0.2)
    assert month.orders == alone.orders
