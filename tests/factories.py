"""Plain functions that make small source files for tests."""

from pathlib import Path

import numpy as np
import pandas as pd


def make_orders(n: int = 50, seed: int = 0, customers: int = 10) -> pd.DataFrame:
    """n orders of `customers` customers in 2024, amounts 5 to 200."""
    rng = np.random.default_rng(seed)
    days = rng.integers(0, 365, n)
    return pd.DataFrame(
        {
            "order_id": [f"A{i:05d}" for i in range(n)],
            "customer_id": [f"c{c}" for c in rng.integers(0, customers, n)],
            "ts": (pd.Timestamp("2024-01-01") + pd.to_timedelta(days, unit="D")).strftime(
                "%Y-%m-%d"
            ),
            "amount": np.round(rng.uniform(5, 200, n), 2),
        }
    )


def make_customers(ids: list[str]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "customer_id": ids,
            "name": [f"Test Person {i}" for i in ids],
            "email": [f"{i}@example.com" for i in ids],
        }
    )


def write_csv(frame: pd.DataFrame, path: Path) -> Path:
    frame.to_csv(path, index=False)
    return path


def simulate_orders(
    customers: int = 800, seed: int = 0, start: str = "2023-01-01", end: str = "2024-12-31"
) -> pd.DataFrame:
    """Orders of customers who buy and drop out as BG/NBD assumes: gamma-distributed weekly
    rates, beta-distributed dropout after each purchase, acquired over the first half year."""
    rng = np.random.default_rng(seed)
    first, last = pd.Timestamp(start), pd.Timestamp(end)
    span_weeks = (last - first).days / 7
    rows = []
    for c in range(customers):
        t = rng.uniform(0, 26)
        rate = rng.gamma(0.8, 1 / 4)  # purchases per week
        dropout = rng.beta(1.0, 4.0)
        basket = rng.lognormal(3.3, 0.4)
        while t < span_weeks:
            rows.append((f"s{c:04d}", first + pd.Timedelta(weeks=t), rng.gamma(8, basket / 8)))
            if rng.random() < dropout:
                break
            t += rng.exponential(1 / rate) if rate > 0 else span_weeks
    frame = pd.DataFrame(rows, columns=["customer_id", "ts", "amount"])
    frame["ts"] = frame["ts"].dt.floor("D")
    frame["amount"] = frame["amount"].round(2)
    return frame
