"""What the events worker rebuilds for every store version: the per-customer lookups and the
behaviour clusters, each timed beside a bare read of the table it is built from.

    python -m bench.lookups [--home /tmp/wsx] [--repeat 5]

The workspace (a built demo: store, scores, review index) is only read. Medians of --repeat
builds in this process; "x baseline" is the build over the bare read of its table (for the
clusters, a copy of the features), a ratio that holds when the shared cores are busy.
"""

import argparse
import statistics
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from assistant.tools.customer_lookup import Customers
from assistant.tools.lookups import CustomerReviews, ScoreTable, SegmentIndex
from bench.tables import table
from commerce.workspace import Workspace
from predictors.features import customer_features
from predictors.history import from_store
from predictors.pipeline import latest_scores
from predictors.segment_facts import customer_segments
from predictors.segments import behaviour_clusters
from retrieval.build import open_review_index


def median_ms(step: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        step()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--home", type=Path, default=Path("/tmp/wsx"))
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    workspace = Workspace(args.home)
    store = workspace.store()
    history = from_store(store)
    features = customer_features(history, history.last_day)
    segments = customer_segments(history, history.last_day)
    scores = latest_scores(workspace)
    reviews = open_review_index(workspace).metadata
    if scores is None:
        raise SystemExit(f"{args.home} has no scores: run `retain score` there first")
    open_index = partial(open_review_index, workspace)
    steps: list[tuple[str, Callable[[], object], str, Callable[[], object]]] = [
        ("customers", lambda: Customers(store), "orders", lambda: store.table("orders")),
        ("scores", lambda: ScoreTable(scores), "scores", lambda: latest_scores(workspace)),
        ("reviews", lambda: CustomerReviews(reviews), "index", open_index),
        ("segments", lambda: SegmentIndex(segments), "customers", lambda: store.table("customers")),
        ("clusters", lambda: behaviour_clusters(features), "features copy", features.copy),
    ]
    rows = []
    for name, build, baseline_name, baseline in steps:
        built, base = median_ms(build, args.repeat), median_ms(baseline, args.repeat)
        rows.append(
            {
                "build": name,
                "ms": f"{built:,.0f}",
                "baseline (read)": baseline_name,
                "baseline ms": f"{base:,.0f}",
                "x baseline": f"{built / base:.1f}",
            }
        )
    print(f"{store.version}: {len(features):,} customers, median of {args.repeat}")
    print(table(rows))


if __name__ == "__main__":
    main()
