"""The served recommender after events: what following one applied batch costs, with the
store's signals read whole (as every batch did before) and grown by the batch's rows alone.

    python -m bench.recs_events [--source .retain] [--home /tmp/recs-events-ws]
                                [--batches 10] [--batch 100]

The source workspace (a built demo: store and products index) is never written: it is copied
to --home first (bench/events.py). Each batch is --batch synthetic events (bench/events.py:
orders, reviews, browsing, 5% by new customers), checked and grown into the store as the
events worker does; then, on the new version, in the same process:

  whole, as before   from_store + on_items (the read the served recommender did per batch)
  whole              read_signals without the version before (after a rollback or a rebuild)
  grown              read_signals from the signals of the version before (the events worker)

each followed by Recommender.following (exclusions from the new signals). Prints the median
and the slowest of each over the batches; the grown signals are checked equal to a full read.
"""

import argparse
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from assistant.events.context import utc_today
from bench.events import Synthetic, copy_workspace
from commerce.events import EventContext, check_events
from commerce.workspace import Store, Workspace
from retrieval.recs.build import open_recommender
from retrieval.recs.reading import from_store
from retrieval.recs.recommender import Recommender
from retrieval.recs.signals import StoreSignals, read_signals


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=Path(".retain"))
    parser.add_argument("--home", type=Path, default=Path("/tmp/recs-events-ws"))
    parser.add_argument("--batches", type=int, default=10)
    parser.add_argument("--batch", type=int, default=100, help="events per batch")
    args = parser.parse_args()
    copy_workspace(args.source, args.home)
    workspace = Workspace(args.home)
    built = open_recommender(workspace)
    served = _whole(workspace.store(), built)
    synthetic = Synthetic(workspace)
    timings: dict[str, list[float]] = {name: [] for name in WAYS}
    print(
        f"{len(served.signals.interactions.frame):,} signals, "
        f"{served.signals.interactions.n_users:,} customers; {args.batches} batches of "
        f"{args.batch} events",
        flush=True,
    )
    for _ in range(args.batches):
        store = workspace.store()
        context = EventContext(now=utc_today(), products=frozenset(synthetic.products))
        workspace.grow(check_events(synthetic.batch(args.batch), context).tables, store.version)
        store = workspace.store()
        found = {}
        for name, follow in WAYS.items():
            began = time.perf_counter()
            found[name] = follow(store, served)
            timings[name].append(time.perf_counter() - began)
        served, reference = found["grown"], found["whole"].signals.interactions
        pd.testing.assert_frame_equal(served.signals.interactions.frame, reference.frame)
        pd.testing.assert_frame_equal(served.signals.interactions.disliked, reference.disliked)
    print(f"\n{'per batch':<20}{'median ms':>12}{'max ms':>10}")
    for name, runs in timings.items():
        print(f"{name:<20}{statistics.median(runs) * 1000:>12.0f}{max(runs) * 1000:>10.0f}")


def _as_before(store: Store, served: Recommender) -> Recommender:
    parts = served.trained
    read = from_store(store, parts.weights).on_items(parts.catalogue.product_ids)
    return served.following(StoreSignals(read))


def _whole(store: Store, served: Recommender) -> Recommender:
    parts = served.trained
    return served.following(read_signals(store, parts.catalogue.product_ids, parts.weights))


def _grown(store: Store, served: Recommender) -> Recommender:
    parts = served.trained
    products, weights = parts.catalogue.product_ids, parts.weights
    return served.following(read_signals(store, products, weights, served.signals))


WAYS: dict[str, Callable[[Store, Recommender], Recommender]] = {
    "whole, as before": _as_before,
    "whole": _whole,
    "grown": _grown,
}


if __name__ == "__main__":
    main()
