"""The classic BG/NBD base, which carries most of the recency signal, is among the reasons: a
weekly buyer silent for 44 weeks hears why, not only what the network corrected."""

import pandas as pd
import pytest
import torch

from predictors.btyd import BGNBD
from predictors.classic import Classic
from predictors.inputs import InputSpec
from predictors.model import NetConfig, RetentionNet
from predictors.predictor import Calibration, Predictor
from predictors.reasons import phrase, reason_features, top_reasons
from tests.predictors.test_reason_words import features_of

# The published BG/NBD fit of CDNOW, in weeks (pinned in test_btyd_cdnow.py).
CDNOW = BGNBD(r=0.243, alpha=4.414, a=0.793, b=2.426)
ODDS = "BG/NBD puts the chance they are still a customer at "
LAPSED = {"weeks_since_last": 44.4, "gap_mean": 1.03, "gap_last": 1.57, "frequency": 26.0}


def weekly(customer: str, first: str, purchases: int) -> list[tuple[str, str]]:
    days = pd.date_range(first, periods=purchases, freq="7D")
    return [(customer, str(day.date())) for day in days]


def classic_only() -> tuple[Predictor, pd.DataFrame]:
    """An untrained network on BG/NBD, so the base is all there is (the classic-only fallback),
    and the inputs of: a weekly buyer silent since March, a one-time buyer, a weekly buyer."""
    rows = [
        *weekly("lapsed", "2023-09-01", 27),
        ("once", "2024-10-01"),
        *weekly("steady", "2024-06-04", 30),
    ]
    features = features_of(rows)
    classic = Classic(purchases=CDNOW, spend=None, mean_spend=10.0)
    inputs = pd.concat([features, classic.frame(features, 13.0)], axis=1)
    spec = InputSpec.fit(inputs)
    net = RetentionNet(NetConfig(len(spec.names)))
    return Predictor(spec, net, Calibration(), classic, torch.device("cpu")), inputs


def test_the_classic_base_is_a_reason_where_bgnbd_gives_up_on_the_customer() -> None:
    predictor, inputs = classic_only()
    assert list(inputs.index) == ["lapsed", "once", "steady"]
    assert inputs["classic_p_alive"].iloc[0] < 1e-3
    # A one-time buyer is alive to BG/NBD and the steady one buys weekly: neither is told that.
    assert reason_features(predictor, inputs) == [["classic_p_alive"], [], []]
    assert top_reasons(predictor, inputs)[0] == [
        ODDS + "under 1%: last purchase 44 weeks ago, against a usual gap of 7 days"
    ]


def test_a_customer_scored_alone_gets_the_reasons_of_everyone_scored() -> None:
    # rescore.py scores a few customers at a time: the base counts against a fixed average.
    predictor, inputs = classic_only()
    everyone = reason_features(predictor, inputs)
    assert [reason_features(predictor, inputs.iloc[[row]])[0] for row in range(3)] == everyone


@pytest.mark.parametrize(
    ("facts", "words"),
    [(LAPSED, "under 1%: last purchase 44 weeks ago, against a usual gap of 7 days"),
     (LAPSED | {"frequency": 1.0}, "under 1%: last purchase 44 weeks ago"),
     ({}, "under 1%"),
     (LAPSED | {"weeks_since_last": float("nan")}, "under 1%")],
)  # fmt: skip
def test_bgnbd_odds_come_with_the_recency_behind_them(facts: dict[str, float], words: str) -> None:
    assert phrase("classic_p_alive", 1e-8, facts) == ODDS + words


def test_the_recency_is_told_once_beside_the_last_purchase(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from tests.predictors.test_reason_words import reasons_for

    features = features_of(weekly("a", "2023-09-01", 27)).assign(classic_p_alive=1e-8)
    assert reasons_for(features, ["classic_p_alive", "weeks_since_last"], monkeypatch) == (
        ODDS + "under 1%; last purchase 44 weeks ago"
    )
