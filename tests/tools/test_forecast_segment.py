"""forecast_demand for one segment: its members' sums, named in the answer, an unknown segment
refused as other tools refuse it, its own replay of the past kept per segment, and the whole
store's forecast as it was."""

from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from assistant.settings import Settings
from assistant.tools import forecasting
from assistant.tools.catalogue import run_tool
from assistant.tools.data import StoreData
from commerce.errors import NotFound
from commerce.workspace import Workspace
from predictors.forecast import Calibration, forecast_demand
from predictors.history import History
from tests.tools.conftest import MakeContext


def _largest_rfm_segment(data: StoreData) -> str:
    segments = data.segments()
    rfm = [name for name in segments.names if not name.startswith("cluster")]
    return max(rfm, key=lambda name: len(segments.members(name)))


def test_the_answer_names_the_segment_and_sums_its_members(
    make_ctx: MakeContext, shared_data: StoreData
) -> None:
    name = _largest_rfm_segment(shared_data)
    members = shared_data.segments().members(name)
    out = run_tool(make_ctx("operator"), "forecast_demand", {"segment": name.upper()})
    history = shared_data.history()
    expected = forecast_demand(
        shared_data.model().predictor, history, history.last_day, 30 / 7, customers=members
    )
    assert out.result["segment"] == name and out.result["customers"] == len(members)
    assert out.result["orders"] == round(expected.orders, 1)
    assert out.result["revenue"] == round(expected.revenue, 2)
    assert out.answer.startswith(
        f"Next 30 days after {history.last_day:%Y-%m-%d}, from the {len(members):,} customers "
        f"in '{name}': {expected.orders:,.0f} orders (90% interval "
    )
    everyone = run_tool(make_ctx("operator"), "forecast_demand", {})
    assert out.result["orders"] < everyone.result["orders"]


def test_an_unknown_segment_is_refused_with_the_known_names(make_ctx: MakeContext) -> None:
    with pytest.raises(NotFound, match=r"no segment 'big spenders'; known: .*loyal"):
        run_tool(make_ctx("operator"), "forecast_demand", {"segment": "big spenders"})


def test_the_whole_store_forecast_is_unchanged(
    make_ctx: MakeContext, shared_data: StoreData
) -> None:
    out = run_tool(make_ctx("operator"), "forecast_demand", {"horizon_days": 28})
    history = shared_data.history()
    expected = forecast_demand(shared_data.model().predictor, history, history.last_day, 4.0)
    assert out.answer.startswith(
        f"Next 28 days after {history.last_day:%Y-%m-%d}, from existing customers: "
    )
    assert "segment" not in out.result and "customers" not in out.result
    assert out.result == forecasting.forecast_summary(expected, False)


def test_each_segment_replays_its_own_past_once(
    tools_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    replays: list[tuple[float, int | None]] = []

    def counted(
        history: History, cutoff: pd.Timestamp, weeks: float, customers: Any = None
    ) -> Calibration:
        # An RFM segment comes as its members at a past cutoff: today's, asked for today.
        members = customers(cutoff) if callable(customers) else customers
        replays.append((weeks, None if members is None else len(members)))
        return Calibration(0.2 if customers is None else 0.5, windows=3)

    monkeypatch.setattr(forecasting, "past_calibration", counted)
    data = StoreData(Workspace(tools_home), Settings(home=tools_home))
    name = _largest_rfm_segment(data)
    size = len(data.segments().members(name))
    everyone = forecasting.cached_forecast(data, 28)
    segment = forecasting.cached_forecast(data, 28, name)
    assert forecasting.cached_forecast(data, 28, name) is segment
    assert forecasting.cached_forecast(data, 28) is everyone  # not replaced by the segment's
    assert replays == [(4.0, None), (4.0, size)]
    assert (everyone.spread, segment.spread) == (0.2, 0.5)
    forecasting.cached_forecast(data, 56, name)
    assert replays[-1] == (8.0, size)  # another horizon: its own windows
    data.close()
