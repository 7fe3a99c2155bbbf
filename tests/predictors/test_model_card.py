"""The model card says what the model is: network-corrected and calibrated only when the
network was trained."""

from typing import Any

from predictors.pipeline import model_card


def _meta(eligible: bool) -> dict[str, Any]:
    reasons = [] if eligible else ["only 60 customers have bought (at least 500 needed)"]
    return {
        "version": "m20240101-000000",
        "store_version": "s1",
        "cutoff": "2024-06-30",
        "horizons": {"churn_days": 90, "clv_days": 365},
        "eligible": eligible,
        "fallback_reasons": reasons,
        "backtest": None,
    }


def _what_it_is(card: str) -> str:
    return card.split("## What it is\n")[1].split("\n## ")[0]


def test_a_trained_network_is_described_as_correcting_and_calibrated() -> None:
    card = model_card(_meta(eligible=True))
    what = _what_it_is(card)
    assert "corrected per customer" in what and "Platt-calibrated" in what
    assert "## Fallback" not in card


def test_a_classic_only_model_is_not_described_as_network_corrected() -> None:
    card = model_card(_meta(eligible=False))
    what = _what_it_is(card)
    assert what.startswith("BG/NBD (purchases) and Gamma-Gamma (spend) fitted on this store")
    assert "network" in what and "corrected per customer" not in what
    assert "Platt" not in what and "not recalibrated" in what
    assert "The network was not trained: only 60 customers have bought" in card
