"""Events path speed on a copy of the demo workspace: sustained events/s with re-scoring, and
event-to-listener delay, beside the log insert alone and a full re-score in the same process.

    python -m bench.events [--source /tmp/wsx] [--home /tmp/events-ws] [--events 5000]
                           [--batch 500] [--rate 100] [--seconds 30]

The source workspace (built demo: store, model, scores, review index) is never written: its
store, models, scores and index are copied to --home first (hard links are not used: growing
writes new files only, but a copy keeps the source safe from any bug). Synthetic events: 80%
orders (1-3 lines), 10% reviews, 10% browsing, for existing customers (5% new ones), dated on
the store's last day so the scoring cutoff stays put (partial re-scores), then a few batches a
day apart (full re-scores).

Phases, each printed as a row:
  log only         check + insert into the event log, nothing applied (the baseline)
  sustained        batches submitted back to back while the worker applies them: events/s
                   from the first submission to the last application
  full re-score    the clock moves a day per batch: every customer scored again
  delay            a steady --rate of events/s for --seconds: time from submit to the
                   listener call, for events whose customer's churn risk changed (p50, p95)

Hook for the alerts: `run(..., listeners=[...])` adds listeners after the timing one; a listener
that stores alerts can call `timeline.seen(batch.event_ids)` when they are stored, and the
delay row then measures to the stored alert (pass `delay_to="seen"`).
"""

import argparse
import shutil
import statistics
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from assistant.events.batch import AppliedBatch
from assistant.events.service import EventService
from assistant.persistence import open_app_database
from assistant.settings import Settings
from commerce.workspace import Workspace
from predictors.pipeline import score_store
from retrieval.embedder import Embedder, MiniLMEmbedder

COPIED = ("store", "stores", "models", "scores", "index")
SENTENCES = [
    "The coffee arrived stale and the bag was torn.",
    "Lovely tea, will order again.",
    "Too expensive for what it is.",
    "Delivery took three weeks, never again.",
    "Great snacks, my kids love them.",
]


class Timeline:
    """When each event was submitted, and when a listener (or an alert) saw it."""

    def __init__(self) -> None:
        self.submitted: dict[str, float] = {}
        self.told: dict[str, float] = {}
        self.seen_at: dict[str, float] = {}
        self.changed: set[str] = set()
        self.lock = threading.Lock()

    def sent(self, event_ids: Sequence[str]) -> None:
        now = time.perf_counter()
        with self.lock:
            self.submitted.update({e: now for e in event_ids})

    def listener(self, events: dict[str, str]) -> Callable[[AppliedBatch], None]:
        """The timing listener: records when each event reached the listeners, and whether
        its customer's churn risk changed (`events`: event id -> customer id)."""

        def told(batch: AppliedBatch) -> None:
            now = time.perf_counter()
            before = _risk(batch.scores_before)
            after = _risk(batch.scores_after)
            with self.lock:
                for event_id in batch.event_ids:
                    self.told[event_id] = now
                    customer = events.get(event_id)
                    if customer is not None and before.get(customer) != after.get(customer):
                        self.changed.add(event_id)

        return told

    def seen(self, event_ids: Sequence[str]) -> None:
        """For a listener further on (alerts): these events are now visible to people."""
        now = time.perf_counter()
        with self.lock:
            self.seen_at.update({e: now for e in event_ids})

    def delays(self, ids: Sequence[str], to: str = "told") -> list[float]:
        ends = self.told if to == "told" else self.seen_at
        return [ends[e] - self.submitted[e] for e in ids if e in ends and e in self.changed]


def _risk(scores: pd.DataFrame) -> dict[str, float]:
    if scores.empty or "churn_risk" not in scores.columns:
        return {}
    return dict(zip(scores["customer_id"].astype(str), scores["churn_risk"], strict=True))


def copy_workspace(source: Path, home: Path) -> None:
    if home.exists():
        shutil.rmtree(home)
    home.mkdir(parents=True)
    for name in COPIED:
        path = source / name
        if path.is_symlink():
            (home / name).symlink_to(path.readlink())
        elif path.is_dir():
            shutil.copytree(path, home / name, symlinks=True)


class Synthetic:
    """Synthetic events for the store's customers and products."""

    def __init__(self, workspace: Workspace, seed: int = 0) -> None:
        store = workspace.store()
        self.rng = np.random.default_rng(seed)
        self.customers = store.table("orders", ["customer_id"])["customer_id"].unique().tolist()
        self.products = store.table("products", ["product_id"])["product_id"].tolist()
        self.day = pd.Timestamp(store.manifest.last_order).normalize()
        self.n = 0

    def batch(self, size: int, day: pd.Timestamp | None = None) -> list[dict[str, Any]]:
        return [self.event(day or self.day) for _ in range(size)]

    def event(self, day: pd.Timestamp) -> dict[str, Any]:
        self.n += 1
        rng = self.rng
        customer = (
            f"bench-new-{self.n}"
            if rng.random() < 0.05
            else str(self.customers[rng.integers(len(self.customers))])
        )
        ts = f"{day + pd.Timedelta(seconds=int(rng.integers(0, 86_000))):%Y-%m-%dT%H:%M:%S}Z"
        base = {"event_id": f"bench-{self.n}", "ts": ts, "customer_id": customer}
        kind = rng.random()
        if kind < 0.8:
            lines: list[dict[str, Any]] = [
                {"product_id": str(self.products[rng.integers(len(self.products))]),
                 "quantity": int(rng.integers(1, 3)), "price": round(float(rng.uniform(3, 30)), 2)}
                for _ in range(int(rng.integers(1, 4)))
            ]  # fmt: skip
            amount = round(sum(x["quantity"] * x["price"] for x in lines), 2)
            return base | {"kind": "order", "amount": amount, "items": lines}
        product = str(self.products[rng.integers(len(self.products))])
        if kind < 0.9:
            text = SENTENCES[int(rng.integers(len(SENTENCES)))]
            rating = int(rng.integers(1, 6))
            return base | {"kind": "review", "product_id": product, "rating": rating, "text": text}
        return base | {"kind": "browse", "type": "cart", "product_id": product}


def run(
    source: Path,
    home: Path,
    events: int,
    batch: int,
    rate: float,
    seconds: float,
    listeners: Sequence[Callable[[AppliedBatch], None]] = (),
    delay_to: str = "told",
    embedder: Embedder | None = None,
) -> list[tuple[str, str]]:
    copy_workspace(source, home)
    settings = Settings(
        home=home, database_url=f"sqlite:///{home / 'bench-events.db'}", device="cpu",
        events_poll_s=0.05,
    )  # fmt: skip
    loaded = embedder or MiniLMEmbedder(device="cpu")
    service = EventService(settings, open_app_database(settings), lambda: loaded)
    workspace = Workspace(home)
    make = Synthetic(workspace)
    rows: list[tuple[str, str]] = []

    # Warm: load the model and the index once, as a running server has them.
    service.submit(make.batch(10), "bench")
    service.drain()

    # Baseline: check + log only (a second database, nothing applied).
    baseline_settings = settings.model_copy(
        update={"database_url": f"sqlite:///{home / 'bench-log-only.db'}"}
    )
    logger = EventService(baseline_settings, open_app_database(baseline_settings), lambda: loaded)
    sample = [make.batch(batch) for _ in range(max(1, events // batch))]
    began = time.perf_counter()
    for chunk in sample:
        logger.submit(chunk, "bench")
    took = time.perf_counter() - began
    rows.append(("log only (check + insert)", f"{len(sample) * batch / took:,.0f} events/s"))

    # Sustained: submit back to back while the worker applies.
    timeline = Timeline()
    customers: dict[str, str] = {}
    service.listeners = [timeline.listener(customers), *listeners]
    applied: list[AppliedBatch] = []
    service.listeners.append(applied.append)
    service.start()
    began = time.perf_counter()
    for _ in range(max(1, events // batch)):
        chunk = make.batch(batch)
        customers.update({e["event_id"]: e["customer_id"] for e in chunk})
        timeline.sent([e["event_id"] for e in chunk])
        service.submit(chunk, "bench")
    _wait_until_applied(service)
    took = time.perf_counter() - began
    done = sum(len(b.event_ids) for b in applied)
    rows.append(("sustained, partial re-scores", f"{done / took:,.0f} events/s "
                 f"({done:,} events, {len(applied)} applications, {took:.1f} s)"))  # fmt: skip

    # Full re-scores: the clock moves a day per batch.
    service.stop()
    applied.clear()
    began = time.perf_counter()
    for n in range(3):
        service.submit(make.batch(batch, make.day + pd.Timedelta(days=n + 1)), "bench")
        service.drain()
    took = time.perf_counter() - began
    fulls = sum(b.full_rescore for b in applied)
    rows.append(("full re-score per batch", f"{took / 3:.2f} s a batch of {batch} "
                 f"({fulls}/3 full)"))  # fmt: skip
    began = time.perf_counter()
    score_store(workspace, device="cpu")
    rows.append(("`retain score` (all customers)", f"{time.perf_counter() - began:.2f} s"))

    # Delay at a steady rate, small batches as a shop would send them, within one store day
    # (the day's first application scores everyone again: done before the timing starts).
    small = max(1, int(rate // 10))
    make.day = make.day + pd.Timedelta(days=5)
    service.submit(make.batch(small), "bench")
    service.drain()
    service.start()
    sent: list[str] = []
    ends = time.perf_counter() + seconds
    while time.perf_counter() < ends:
        tick = time.perf_counter()
        chunk = make.batch(small)
        customers.update({e["event_id"]: e["customer_id"] for e in chunk})
        timeline.sent([e["event_id"] for e in chunk])
        sent += [e["event_id"] for e in chunk]
        service.submit(chunk, "bench")
        time.sleep(max(0.0, small / rate - (time.perf_counter() - tick)))
    _wait_until_applied(service)
    service.stop()
    delays = sorted(timeline.delays(sent, delay_to))
    if delays:
        p50 = statistics.median(delays)
        p95 = delays[min(len(delays) - 1, int(0.95 * len(delays)))]
        rows.append((f"delay at {rate:g} events/s, to {delay_to}",
                     f"p50 {p50:.2f} s, p95 {p95:.2f} s ({len(delays):,} events "
                     f"changed a score)"))  # fmt: skip
    return rows


def _wait_until_applied(service: EventService, timeout_s: float = 1800) -> None:
    ends = time.monotonic() + timeout_s
    while time.monotonic() < ends:
        if service.settled():
            return
        time.sleep(0.05)
    raise TimeoutError("events still pending")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=Path("/tmp/wsx"))
    parser.add_argument("--home", type=Path, default=Path("/tmp/events-ws"))
    parser.add_argument("--events", type=int, default=5000)
    parser.add_argument("--batch", type=int, default=500)
    parser.add_argument("--rate", type=float, default=100.0)
    parser.add_argument("--seconds", type=float, default=30.0)
    args = parser.parse_args()
    rows = run(args.source, args.home, args.events, args.batch, args.rate, args.seconds)
    print(f"events path on a copy of {args.source} (batches of {args.batch})")
    print(f"{'phase':<34}result")
    for name, result in rows:
        print(f"{name:<34}{result}")


if __name__ == "__main__":
    main()
