"""Recency/frequency/monetary summaries in the shape the BTYD models expect.

The models in this package describe a customer by ``(x, t_x, T)``: the number of
*repeat* transactions in a calibration window, the time of the last one and the
length of time the customer has been observable, all measured from the
customer's first purchase.  This module turns a raw transaction log into that
summary (plus optional holdout counts) without looping over customers.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import pandas as pd

__all__ = ["rfm_summary"]

_REQUIRED_COLUMNS = ("customer_id", "ts", "amount")


def _day_numbers(ts: pd.Series) -> npt.NDArray[np.int64]:
    """Calendar-day index (days since 1970-01-01) of each timestamp.

    Days are taken on the wall clock of the series' own timezone, so a purchase
    at 23:30 local time is not moved to the next day by a UTC conversion.
    """
    if not pd.api.types.is_datetime64_any_dtype(ts.dtype):
        raise ValueError("the 'ts' column must have a datetime64 dtype")
    if isinstance(ts.dtype, pd.DatetimeTZDtype):
        ts = ts.dt.tz_localize(None)
    # Converting to day resolution floors, also for dates before 1970.
    return np.asarray(ts.to_numpy().astype("datetime64[D]").astype(np.int64), dtype=np.int64)


def _boundary_day(boundary: pd.Timestamp, ts: pd.Series) -> int:
    """Calendar day of a window boundary, read in the same clock as ``ts``.

    A naive boundary is taken as wall-clock time in the timezone of ``ts``.
    """
    stamp = pd.Timestamp(boundary)
    tz = ts.dtype.tz if isinstance(ts.dtype, pd.DatetimeTZDtype) else None
    if stamp.tzinfo is not None:
        if tz is None:
            raise ValueError("boundary is timezone-aware but the 'ts' column is not")
        stamp = stamp.tz_convert(tz).tz_localize(None)
    return (stamp.normalize() - pd.Timestamp(0)).days


def _block_starts(sorted_keys: npt.NDArray[np.int64]) -> npt.NDArray[np.intp]:
    """Start index of each run of equal values in a sorted array (empty for empty input)."""
    if len(sorted_keys) == 0:
        return np.zeros(0, dtype=np.intp)
    return np.flatnonzero(np.r_[True, sorted_keys[1:] != sorted_keys[:-1]])


def _block_sums(
    values: npt.NDArray[np.float64], starts: npt.NDArray[np.intp]
) -> npt.NDArray[np.float64]:
    """Sum of each run starting at ``starts`` (``np.add.reduceat`` rejects empty input)."""
    if len(starts) == 0:
        return np.zeros(0, dtype=np.float64)
    return np.asarray(np.add.reduceat(values, starts), dtype=np.float64)


def rfm_summary(
    transactions: pd.DataFrame,
    calibration_end: pd.Timestamp,
    holdout_end: pd.Timestamp | None = None,
    time_unit_days: float = 7.0,
) -> pd.DataFrame:
    """Summarise a transaction log into per-customer ``frequency/recency/T``.

    Args:
        transactions: columns ``customer_id`` (str), ``ts`` (datetime64, naive or
            tz-aware) and ``amount`` (float).  Several purchases by one customer on
            one calendar day are merged into a single transaction whose amount is
            the sum, as in the published CDNOW analyses.
        calibration_end: last calendar day of the calibration window (inclusive;
            the time of day is ignored).
        holdout_end: last calendar day of the holdout window (inclusive).  When
            given, holdout columns are added.
        time_unit_days: length of one time unit in days (7 = weeks).

    Returns:
        DataFrame indexed by ``customer_id`` (sorted) for every customer whose first
        purchase falls on or before ``calibration_end``, with columns

        * ``frequency``: repeat transactions in calibration (purchase days - 1),
        * ``recency``: last minus first calibration purchase, in time units,
        * ``T``: ``calibration_end`` minus first purchase, in time units,
        * ``monetary_value``: mean amount of the repeat calibration transactions
          (0 when ``frequency == 0``; the first purchase is excluded as in
          Fader, Hardie & Lee 2005, "RFM and CLV"),

        and, with ``holdout_end``, ``holdout_frequency`` (purchase days in
        ``(calibration_end, holdout_end]``), ``holdout_spend`` and ``holdout_days``
        (holdout length in time units, the same for every customer).
    """
    missing = [c for c in _REQUIRED_COLUMNS if c not in transactions.columns]
    if missing:
        raise ValueError(f"transactions is missing columns: {missing}")
    if time_unit_days <= 0:
        raise ValueError("time_unit_days must be positive")

    ts = transactions["ts"]
    cal_day = _boundary_day(calibration_end, ts)
    hold_day = None if holdout_end is None else _boundary_day(holdout_end, ts)
    if hold_day is not None and hold_day < cal_day:
        raise ValueError("holdout_end must not be before calibration_end")

    # Integer customer codes plus a sort on one int64 (customer, day) key replace
    # pandas groupbys, which hash millions of small groups slowly; this keeps a
    # million-customer log in the seconds range.
    codes, uniques = pd.factorize(transactions["customer_id"], sort=True)
    if np.any(codes < 0):
        raise ValueError("customer_id contains missing values")
    if ts.isna().any():
        raise ValueError("ts contains missing values")
    days = _day_numbers(ts)
    amounts = transactions["amount"].to_numpy(dtype=np.float64)
    if not np.all(np.isfinite(amounts)):
        raise ValueError("amount contains NaN or infinite values")
    # Including the calibration day keeps min/max defined for an empty log.
    first_calendar_day = int(days.min(initial=cal_day))
    span = int(days.max(initial=cal_day)) - first_calendar_day + 1
    key = codes.astype(np.int64) * span + (days - first_calendar_day)
    order = np.argsort(key, kind="stable")
    key_sorted = key[order]

    # One row per (customer, day): same-day purchases become one transaction.
    day_starts = _block_starts(key_sorted)
    day_amount = _block_sums(amounts[order], day_starts)
    day_code = key_sorted[day_starts] // span
    day_number = key_sorted[day_starts] % span + first_calendar_day

    in_cal = day_number <= cal_day
    cal_code, cal_day_number, cal_amount = day_code[in_cal], day_number[in_cal], day_amount[in_cal]
    # Rows stay sorted by (customer, day), so each customer's block starts with
    # the first purchase day and ends with the last calibration day.
    starts = _block_starts(cal_code)
    ends = np.append(starts[1:], len(cal_code)) if len(starts) else starts
    customer_code = cal_code[starts]
    frequency = (ends - starts).astype(np.int64) - 1
    first_day = cal_day_number[starts].astype(np.float64)
    last_day = cal_day_number[ends - 1].astype(np.float64)
    repeat_spend = _block_sums(cal_amount, starts) - cal_amount[starts]
    monetary = np.divide(
        repeat_spend,
        frequency,
        out=np.zeros(len(starts), dtype=np.float64),
        where=frequency > 0,
    )

    out = pd.DataFrame(
        {
            "frequency": frequency,
            "recency": (last_day - first_day) / time_unit_days,
            "T": (cal_day - first_day) / time_unit_days,
            "monetary_value": monetary,
        },
        index=pd.Index(uniques[customer_code], name="customer_id"),
    )

    if hold_day is not None:
        in_hold = (day_number > cal_day) & (day_number <= hold_day)
        # Counting over all codes and then picking the calibration customers drops
        # anyone whose first purchase is in the holdout, as required.
        n_codes = len(uniques)
        hold_count = np.bincount(day_code[in_hold], minlength=n_codes)
        hold_spend = np.bincount(day_code[in_hold], weights=day_amount[in_hold], minlength=n_codes)
        out["holdout_frequency"] = hold_count[customer_code].astype(np.int64)
        out["holdout_spend"] = hold_spend[customer_code].astype(np.float64)
        out["holdout_days"] = (hold_day - cal_day) / time_unit_days
    return out
