"""The RFM summary the BTYD models fit on: hand-checked answers on a tiny log, time zones, bad
input, a slow obvious reference on a random log, and a million customers."""

from __future__ import annotations

import time

import numpy as np
import pandas as pd
import pytest

from predictors.btyd import rfm_summary


def _tiny_log() -> pd.DataFrame:
    rows = [
        # A: two purchases on Jan 1 merge into one; Jan 15 23:59 is still calibration.
        ("A", "2024-01-01 09:00", 10.0),
        ("A", "2024-01-01 18:00", 5.0),
        ("A", "2024-01-08 12:00", 20.0),
        ("A", "2024-01-15 23:59", 30.0),
        ("A", "2024-01-16 08:00", 7.0),
        ("A", "2024-01-29 20:00", 3.0),  # holdout end is inclusive
        ("A", "2024-01-30 08:00", 100.0),  # after the holdout: ignored
        # B: one purchase only.
        ("B", "2024-01-10 12:00", 12.0),
        # C: first purchase in the holdout, so not a calibration customer.
        ("C", "2024-01-20 12:00", 50.0),
        # D: same-day pairs in calibration and in the holdout.
        ("D", "2024-01-03 10:00", 4.0),
        ("D", "2024-01-03 11:00", 6.0),
        ("D", "2024-01-20 10:00", 1.0),
        ("D", "2024-01-20 16:00", 2.0),
    ]
    frame = pd.DataFrame(rows, columns=["customer_id", "ts", "amount"])
    frame["ts"] = pd.to_datetime(frame["ts"])
    return frame.sample(frac=1.0, random_state=3)  # order must not matter


def test_summary_tiny_frame_known_answers() -> None:
    out = rfm_summary(_tiny_log(), pd.Timestamp("2024-01-15"), pd.Timestamp("2024-01-29"))
    expected = pd.DataFrame(
        {
            "frequency": [2, 0, 0],
            "recency": [2.0, 0.0, 0.0],
            "T": [2.0, 5 / 7, 12 / 7],
            "monetary_value": [25.0, 0.0, 0.0],
            "holdout_frequency": [2, 0, 1],
            "holdout_spend": [10.0, 0.0, 3.0],
            "holdout_days": [2.0, 2.0, 2.0],
        },
        index=pd.Index(["A", "B", "D"], name="customer_id"),
    )
    pd.testing.assert_frame_equal(out, expected, check_dtype=False, check_index_type=False)
    assert out["frequency"].dtype == np.int64
    assert out["holdout_frequency"].dtype == np.int64


def test_summary_without_holdout_and_in_days() -> None:
    out = rfm_summary(_tiny_log(), pd.Timestamp("2024-01-15"), time_unit_days=1.0)
    assert list(out.columns) == ["frequency", "recency", "T", "monetary_value"]
    assert out.loc["A", "recency"] == 14.0
    assert out.loc["B", "T"] == 5.0


def test_summary_timezone_uses_local_calendar_days() -> None:
    log = _tiny_log()
    log["ts"] = log["ts"].dt.tz_localize("America/New_York")
    naive = rfm_summary(log, pd.Timestamp("2024-01-15"), pd.Timestamp("2024-01-29"))
    # 03:00 UTC on Jan 16 is still Jan 15 in New York, 12:00 UTC on Jan 29 is Jan 29.
    aware = rfm_summary(
        log,
        pd.Timestamp("2024-01-16 03:00", tz="UTC"),
        pd.Timestamp("2024-01-29 12:00", tz="UTC"),
    )
    assert naive.loc["A", "frequency"] == 2
    pd.testing.assert_frame_equal(naive, aware)


def test_summary_empty_and_bad_input() -> None:
    empty = _tiny_log().iloc[:0]
    out = rfm_summary(empty, pd.Timestamp("2024-01-15"), pd.Timestamp("2024-01-29"))
    assert out.empty
    assert "holdout_frequency" in out.columns
    with pytest.raises(ValueError, match="missing columns"):
        rfm_summary(_tiny_log().drop(columns="amount"), pd.Timestamp("2024-01-15"))
    with pytest.raises(ValueError, match="holdout_end"):
        rfm_summary(_tiny_log(), pd.Timestamp("2024-01-15"), pd.Timestamp("2024-01-01"))


def _naive_summary(
    log: pd.DataFrame, cal_end: pd.Timestamp, hold_end: pd.Timestamp
) -> pd.DataFrame:
    """Customer-by-customer reference implementation of the summary (slow, obvious)."""
    rows = {}
    for cid, group in log.groupby("customer_id"):
        daily = group.groupby(group["ts"].dt.normalize())["amount"].sum().sort_index()
        cal = daily[daily.index <= cal_end]
        if cal.empty:
            continue
        hold = daily[(daily.index > cal_end) & (daily.index <= hold_end)]
        first, last = cal.index[0], cal.index[-1]
        rows[cid] = {
            "frequency": len(cal) - 1,
            "recency": (last - first).days / 7,
            "T": (cal_end - first).days / 7,
            "monetary_value": cal.iloc[1:].mean() if len(cal) > 1 else 0.0,
            "holdout_frequency": len(hold),
            "holdout_spend": float(hold.sum()),
            "holdout_days": (hold_end - cal_end).days / 7,
        }
    frame = pd.DataFrame.from_dict(rows, orient="index")
    frame.index.name = "customer_id"
    return frame.sort_index()


def test_summary_matches_naive_loop_on_random_log() -> None:
    rng = np.random.default_rng(7)
    n = 3000
    log = pd.DataFrame(
        {
            "customer_id": [f"c{i:03d}" for i in rng.integers(0, 300, n)],
            "ts": pd.Timestamp("2023-01-01")
            + pd.to_timedelta(rng.integers(0, 400 * 86400, n), unit="s"),
            "amount": rng.gamma(2.0, 15.0, n).round(2),
        }
    )
    cal_end, hold_end = pd.Timestamp("2023-09-30"), pd.Timestamp("2024-01-31")
    fast = rfm_summary(log, cal_end, hold_end)
    pd.testing.assert_frame_equal(
        fast, _naive_summary(log, cal_end, hold_end), check_dtype=False, check_index_type=False
    )


@pytest.mark.slow
def test_summary_one_million_customers_in_seconds() -> None:
    rng = np.random.default_rng(0)
    n_customers, per_customer = 1_000_000, 3
    ids = np.char.add("cust", np.arange(n_customers).astype(str))
    log = pd.DataFrame(
        {
            "customer_id": np.repeat(ids, per_customer),
            "ts": pd.Timestamp("2022-01-01")
            + pd.to_timedelta(rng.integers(0, 730 * 86400, n_customers * per_customer), unit="s"),
            "amount": rng.gamma(2.0, 20.0, n_customers * per_customer),
        }
    )
    start = time.perf_counter()
    out = rfm_summary(log, pd.Timestamp("2023-01-01"), pd.Timestamp("2023-12-31"))
    elapsed = time.perf_counter() - start
    assert elapsed < 30.0, f"rfm_summary took {elapsed:.1f}s"
    assert 0.8 * n_customers < len(out) <= n_customers
    assert out.index.is_monotonic_increasing
