"""Ingest speed on 1,000,000 generated order rows, beside a bare pandas read of the same file.

    python -m bench.ingest [--rows 1000000] [--repeat 3]

Prints a table: median seconds and rows/s for `retain ingest` (read, validate, dedup, write
Parquet, manifest) and, as the baseline in the same process, `pandas.read_csv` with dates parsed.
"""

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

from commerce.ingest import IngestRequest, ingest
from commerce.source_file import Source
from commerce.workspace import Workspace


def make_file(rows: int, folder: Path) -> Path:
    rng = np.random.default_rng(0)
    start = np.datetime64("2020-01-01T00:00:00")
    seconds = rng.integers(0, 4 * 365 * 86400, rows).astype("timedelta64[s]")
    frame = pd.DataFrame(
        {
            "order_id": np.char.add("o", np.arange(rows).astype(str)),
            "customer_id": np.char.add("c", rng.integers(0, rows // 5, rows).astype(str)),
            "ts": pd.Series(start + seconds).dt.strftime("%Y-%m-%dT%H:%M:%S"),
            "amount": np.round(rng.lognormal(3.5, 0.8, rows), 2),
        }
    )
    path = folder / "orders.csv"
    frame.to_csv(path, index=False)
    return path


def timed(fn: object, repeat: int) -> float:
    runs = []
    for _ in range(repeat):
        began = time.perf_counter()
        fn()  # type: ignore[operator]
        runs.append(time.perf_counter() - began)
    return statistics.median(runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path = make_file(args.rows, folder)
        size_mb = path.stat().st_size / 2**20
        baseline = timed(lambda: pd.read_csv(path, parse_dates=["ts"]), args.repeat)
        workspace = Workspace(folder / "home")
        request = IngestRequest({"orders": Source(path)})
        ours = timed(lambda: ingest(workspace, request), args.repeat)
    print(f"{args.rows:,} order rows, {size_mb:.0f} MiB CSV, median of {args.repeat} runs")
    print(f"{'step':<40}{'seconds':>10}{'rows/s':>14}{'vs baseline':>14}")
    for name, seconds in (("pandas.read_csv (baseline)", baseline), ("retain ingest", ours)):
        print(
            f"{name:<40}{seconds:>10.2f}{args.rows / seconds:>14,.0f}{seconds / baseline:>13.2f}x"
        )


if __name__ == "__main__":
    main()
