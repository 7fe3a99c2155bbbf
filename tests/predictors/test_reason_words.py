"""Reasons read the way a retention operator would say them, whatever the feature's value:
no "544.0x", no "buys every 0.0 weeks", no "0%" chance, and the facts behind an odd ratio."""

import pandas as pd
import pytest

import predictors.reasons
from predictors.features import customer_features
from predictors.history import from_transactions
from predictors.reasons import PHRASES, phrase, top_reasons

CUTOFF = pd.Timestamp("2024-12-31")


def features_of(rows: list[tuple[str, str]]) -> pd.DataFrame:
    """The features at CUTOFF of customers given as (customer_id, purchase day) rows."""
    frame = pd.DataFrame(rows, columns=["customer_id", "ts"]).assign(amount=10.0)
    return customer_features(
        from_transactions(frame.assign(ts=pd.to_datetime(frame["ts"]))), CUTOFF
    )


def reasons_for(features: pd.DataFrame, shown: list[str], monkeypatch: pytest.MonkeyPatch) -> str:
    """top_reasons' words for the first customer when the model picks the `shown` features."""
    monkeypatch.setattr(predictors.reasons, "reason_features", lambda *_: [shown] * len(features))
    return "; ".join(top_reasons(None, features)[0])  # type: ignore[arg-type]


def test_two_days_in_a_row_then_a_long_silence_reads_as_the_facts(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Two consecutive days, then 544 quiet days: the rhythm is clipped to a day, overdue is 544.
    features = features_of([("a", "2023-07-05"), ("a", "2023-07-06")])
    assert features.loc["a", "overdue"] == pytest.approx(544)
    assert reasons_for(features, ["overdue"], monkeypatch) == (
        "no purchase for 78 weeks after two purchases 1 day apart"
    )


def test_a_huge_ratio_over_a_real_rhythm_names_both_durations(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    steady = features_of([("a", d) for d in ["2024-01-01", "2024-01-02", "2024-01-03"]])
    assert steady.loc["a", "overdue"] == pytest.approx(363)
    assert reasons_for(steady, ["overdue"], monkeypatch) == (
        "no purchase for 52 weeks, against a usual gap of 1 day"
    )
    # Twelve days in a row, a 324-day pause, then a purchase a month ago: the last gap is 11.6x
    # the average, which itself is mostly that one pause.
    days = [f"2024-01-{d:02d}" for d in range(1, 13)] + ["2024-12-01"]
    burst = features_of([("b", day) for day in days])
    assert burst.loc["b", "gap_trend"] == pytest.approx(11.6, abs=0.05)
    assert reasons_for(burst, ["gap_trend", "overdue"], monkeypatch) == (
        "last gap between purchases 46 weeks, against an average of 4 weeks; "
        "1.1x their usual gap since the last purchase"
    )


def test_a_one_time_buyer_has_no_usual_gap_to_be_overdue_against(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    features = features_of([("a", "2024-10-01")])
    assert reasons_for(features, ["overdue", "gap_mean"], monkeypatch) == (
        "no second purchase in the 13 weeks since their first; no repeat purchase yet"
    )


def test_ratios_and_counts_without_the_customer_facts() -> None:
    assert phrase("overdue", 544.0) == "544x their usual gap since the last purchase"
    assert phrase("overdue", 2.0) == "2x their usual gap since the last purchase"
    assert phrase("overdue", 2.46) == "2.5x their usual gap since the last purchase"
    assert phrase("gap_trend", 12345.6) == "last gap between purchases 12,346x their average gap"
    assert phrase("frequency", 1234.0) == "1,234 repeat purchase days so far"
    assert phrase("weeks_since_last", 78.0) == "last purchase 78 weeks ago"
    assert phrase("weeks_since_last", 200.0) == "last purchase 3.8 years ago"


def test_zero_and_extreme_values_never_read_as_nonsense() -> None:
    assert phrase("gap_mean", 0.0) == "no repeat purchase yet"
    assert phrase("gap_mean", 3 / 7) == "buys every 3 days on average"
    assert phrase("gap_mean", 3.5) == "buys every 3.5 weeks on average"
    assert phrase("rating_mean", 0.0) == "no review rating yet"
    share = "BG/NBD puts the chance they are still a customer at "
    assert phrase("classic_p_alive", 0.001) == share + "under 1%"
    assert phrase("classic_p_alive", 0.999) == share + "over 99%"
    for name in PHRASES:
        for value in (0.0, 1e6):
            words = phrase(name, value)
            assert ".0x" not in words and "; " not in words and "{" not in words, words
        with pytest.raises(ValueError, match="finite"):
            phrase(name, float("nan"))


def test_a_value_the_features_could_not_compute_is_left_out(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    features = features_of([("a", "2024-10-01")]).assign(classic_p_alive=float("nan"))
    assert reasons_for(features, [], monkeypatch) == "last purchase 13 weeks ago"
