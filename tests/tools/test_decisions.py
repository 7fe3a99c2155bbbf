"""list_segments, plan_budget, forecast_demand and model_report, and what they say without
scores or a model."""

import json
import shutil
from pathlib import Path

import pytest

from assistant.settings import Settings
from assistant.tools.data import StoreData
from assistant.tools.forecasting import forecast_demand
from assistant.tools.model_report import model_report
from assistant.tools.planning import plan_budget
from assistant.tools.segments import list_segments
from commerce.errors import NotFound
from commerce.workspace import Workspace
from tests.tools.conftest import MakeContext, context


def test_segments_cover_every_customer(make_ctx: MakeContext) -> None:
    ctx = make_ctx()
    customers = len(ctx.data.store().table("customers"))
    for by in ("segment", "cluster"):
        out = list_segments(ctx, by=by)
        rows = out.cards[0]["rows"]
        assert sum(r["customers"] for r in rows) == customers == out.result["customers"]
        assert {"name", "customers", "share_of_revenue", "avg_clv", "avg_churn_risk"} <= set(
            rows[0]
        )
        assert sum(r["share_of_revenue"] for r in rows) == pytest.approx(1.0, abs=0.01)
        assert f"cover {customers} customers; the largest is '{rows[0]['name']}'" in out.answer


def test_plan_stays_within_budget_and_policy(make_ctx: MakeContext) -> None:
    ctx = make_ctx("operator")
    out = plan_budget(ctx, budget=200, max_discount_pct=50)
    plan = out.cards[0]
    assert plan["type"] == "plan" and 0 < plan["spent"] <= 200
    assert max(plan["assumptions"]["discount_pct"]) <= ctx.settings.max_discount_pct
    assert plan["value_with_offers"] >= plan["value_without_offers"]
    assert sum(r["customers"] for r in plan["by_discount_rows"]) == plan["customers"] == out.rows
    assert len(plan["offers"]) == min(20, plan["customers"])
    assert out.answer.startswith(f"With $200.00: offers to {plan['customers']} customers")
    capped = plan_budget(ctx, budget=200, max_discount_pct=5).result
    assert max(capped["assumptions"]["discount_pct"]) == 5


def test_plan_within_a_segment(make_ctx: MakeContext) -> None:
    ctx = make_ctx("operator")
    segments = ctx.data.segment_frame()
    name = segments["segment"].value_counts().index[0]
    members = set(segments.index[segments["segment"] == name])
    out = plan_budget(ctx, budget=50, segment=name)
    assert out.result["segment"] == name and f" in '{name}'" in out.answer
    assert {o["customer_id"] for o in out.result["offers"]} <= members


def test_forecast_has_intervals_weeks_and_categories(make_ctx: MakeContext) -> None:
    out = forecast_demand(make_ctx("operator"), horizon_days=28, by="category")
    card = out.cards[0]
    low, high = card["orders_interval_90"]
    assert card["horizon_days"] == 28 and low <= card["orders"] <= high
    assert len(card["weekly"]) == 4 == out.rows
    assert sum(w["orders"] for w in card["weekly"]) == pytest.approx(card["orders"], abs=0.1)
    categories = {row["category"] for row in card["by_category"]}
    assert categories <= {"Coffee", "Tea", "Snacks"} and categories
    assert out.answer.startswith(
        f"Next 28 days after {card['as_of']}, from existing customers: {card['orders']:,.0f}"
    )


def test_model_report_replays_calibration_without_a_saved_one(make_ctx: MakeContext) -> None:
    out = model_report(make_ctx("operator"))
    result = out.result
    assert result["store_version"] == result["freshness"]["store_version"]
    assert result["freshness"]["model_is_current"] is True
    assert result["freshness"]["review_index"] == "current"
    assert out.answer.startswith(f"Model {result['version']} was trained")
    assert "classic models only" in out.answer  # 300 customers: too few for the network
    calibration = out.cards[0]["calibration"]
    assert calibration and result["calibration_source"].startswith("in-sample")
    assert sum(p["n"] for p in calibration) > 0
    assert all(0 <= p["predicted"] <= 1 and 0 <= p["observed"] <= 1 for p in calibration)


def test_model_report_reads_holdout_metrics_and_calibration(home_copy: Path) -> None:
    document_path = next((home_copy / "models").glob("m*/predictor.json"))
    document = json.loads(document_path.read_text())
    metrics = {"auc": 0.81, "brier": 0.1, "ece": 0.02, "mae": 0.3}
    document["backtest"] = {
        "split": {"calibration_end": "2024-10-01", "holdout_end": "2024-12-30"},
        "models": {"retain": metrics, "bgnbd": {"auc": 0.79, "brier": 0.11, "ece": 0.03}},
        "calibration": [[0.1, 0.12, 40], [0.6, 0.55, 10]],
    }
    document_path.write_text(json.dumps(document))
    data = StoreData(Workspace(home_copy), Settings(home=home_copy))
    out = model_report(context(data, "operator"))
    assert out.cards[0]["metrics"]["auc"] == 0.81
    assert out.result["baselines"]["bgnbd"]["auc"] == 0.79
    assert out.result["calibration"] == [
        {"predicted": 0.1, "observed": 0.12, "n": 40},
        {"predicted": 0.6, "observed": 0.55, "n": 10},
    ]
    assert out.result["calibration_source"] == "backtest holdout"
    assert "AUC 0.810, Brier 0.100, calibration error 0.020 (BG/NBD AUC 0.790)." in out.answer


def test_without_scores_or_model_the_tools_say_what_to_run(home_copy: Path) -> None:
    shutil.rmtree(home_copy / "scores")
    shutil.rmtree(home_copy / "models")
    ctx = context(StoreData(Workspace(home_copy), Settings(home=home_copy)), "operator")
    with pytest.raises(NotFound, match=r"run `retain train` and `retain score`"):
        plan_budget(ctx, budget=100)
    with pytest.raises(NotFound, match=r"run `retain train` first"):
        forecast_demand(ctx)
    with pytest.raises(NotFound, match=r"run `retain train` first"):
        model_report(ctx)
    out = list_segments(ctx)
    assert "avg_clv" not in out.result["rows"][0] and "retain score" in out.answer
