"""What forecast_demand says of its interval (none for a behaviour cluster, the default where
no past window fits, nothing where past windows measured it) and of a one-day horizon."""

import pytest

from assistant.tools import forecast_category, forecasting
from assistant.tools.catalogue import run_tool
from tests.tools.conftest import MakeContext


def test_a_cluster_gets_no_interval_and_the_reason(make_ctx: MakeContext) -> None:
    ctx = make_ctx("operator")
    cluster = next(n for n in ctx.data.segments().names if n.startswith("cluster"))
    out = run_tool(ctx, "forecast_demand", {"segment": cluster})
    assert out.result["orders_interval_90"] is None and out.result["revenue_interval_90"] is None
    assert out.result["interval_basis"] == "none" and out.result["spread"] is None
    note = f"No 90% interval: {forecasting.CLUSTER_UNCALIBRATED}."
    assert out.result["interval_note"] == note and out.answer.endswith(note)
    assert "90% interval " not in out.answer and out.result["orders"] > 0


def test_the_default_spread_is_said(make_ctx: MakeContext) -> None:
    # The tools' store holds two years: no past window of 700 days fits it.
    out = run_tool(make_ctx("operator"), "forecast_demand", {"horizon_days": 700})
    assert out.result["interval_basis"] == "default" and out.result["past_windows"] == 0
    assert out.result["spread"] == 0.25
    assert "uses a default spread of 0.25, not one measured on this store." in out.answer
    assert out.result["interval_note"] in out.answer
    measured = run_tool(make_ctx("operator"), "forecast_demand", {"horizon_days": 28})
    assert measured.result["interval_basis"] == "past windows"
    assert "default" not in measured.answer


def test_a_measured_interval_says_nothing_of_its_windows(make_ctx: MakeContext) -> None:
    # Every answer ended "The 90% interval rests on only 3 past windows...": the band now
    # allows for few windows itself (predictors/test_forecast_coverage.py).
    out = run_tool(make_ctx("operator"), "forecast_demand", {"horizon_days": 28})
    assert out.result["past_windows"] == 8 and out.result["orders_interval_90"] is not None
    assert "interval_note" not in out.result
    assert out.answer.endswith(")."), out.answer  # the revenue interval closes the answer
    assert "past windows" not in out.answer


@pytest.mark.parametrize(("days", "said"), [(1, "Next day after "), (2, "Next 2 days after ")])
def test_one_day_is_one_day(make_ctx: MakeContext, days: int, said: str) -> None:
    out = run_tool(make_ctx("operator"), "forecast_demand", {"horizon_days": days})
    assert out.answer.startswith(said)
    assert [(w["week"], w["days"]) for w in out.result["weekly"]] == [(1, days)]


def test_one_expected_order_is_one_order() -> None:
    assert [forecast_category.orders_said(n) for n in (0.6, 1.4, 1.6, 1240.2)] == [
        "1 order", "1 order", "2 orders", "1,240 orders",
    ]  # fmt: skip
