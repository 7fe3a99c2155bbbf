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
