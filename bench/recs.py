"""Recommender speed: training time and recommendations per second, beside item-kNN.

    python -m bench.recs [--customers 100000] [--products 50000] [--epochs 3] [--queries 10000]
                         [--threads N]

A synthetic shop (seeded): products in 200 groups with heavy-tailed popularity, customers with
two favourite groups and a few staples they re-order, 1 + Poisson(3) orders of 1 + Poisson(2)
lines over two years. Retain is trained for --epochs epochs (no early stopping, so the time
is per epoch times epochs) on the CPU with --threads torch threads. On a shared machine one
thread can be ten times faster than two: idle threads spin-wait for cores others hold.

Recommendations per second: `recommend_many` for --queries customers, 10 products each, with
and without reasons; single-customer latency over 100 calls (median). The baseline in the same
process is item-kNN (cosine, 200 neighbours per product) fitted on the same purchases; EASE is
not run (50,000 products need a 20 GB item x item matrix). Prints medians of --repeat runs for
the recommendation rates.
"""

import argparse
import hashlib
import statistics
import time
from collections.abc import Sequence

import numpy as np
import pandas as pd
import torch

from bench.timing import median_seconds
from retrieval.recs.baselines import ItemKNN
from retrieval.recs.build import train_recommender
from retrieval.recs.evaluate import top_k
from retrieval.recs.interactions import Interactions, from_frame
from retrieval.recs.model import ModelConfig

GROUPS = 200
K = 10


def synthetic_shop(
    customers: int, products: int, seed: int = 0
) -> tuple[Interactions, pd.DataFrame]:
    """Purchases and the product table of a shop with group tastes and staples."""
    rng = np.random.default_rng(seed)
    group = np.sort(rng.integers(0, GROUPS, products))  # products sorted by group
    cumulative = np.cumsum(rng.pareto(1.2, products) + 1.0)
    starts = np.searchsorted(group, np.arange(GROUPS))
    ends = np.searchsorted(group, np.arange(GROUPS), side="right")
    favourite = rng.integers(0, GROUPS, (customers, 2))
    staples = _draw(rng, favourite[:, 0], cumulative, starts, ends, 3).reshape(customers, 3)
    orders = 1 + rng.poisson(3.0, customers)
    order_customer = np.repeat(np.arange(customers), orders)
    order_day = rng.uniform(0, 730, len(order_customer)).round()
    lines = 1 + rng.poisson(2.0, len(order_customer))
    line_order = np.repeat(np.arange(len(order_customer)), lines)
    buyer = order_customer[line_order]
    chosen_group = np.where(
        rng.random(len(line_order)) < 0.8,
        favourite[buyer, rng.integers(0, 2, len(line_order))],
        rng.integers(0, GROUPS, len(line_order)),
    )
    product = _draw(rng, chosen_group, cumulative, starts, ends, 1)
    staple = rng.random(len(line_order)) < 0.3
    product[staple] = staples[buyer[staple], rng.integers(0, 3, int(staple.sum()))]
    frame = pd.DataFrame(
        {"user": buyer, "item": product, "ts": order_day[line_order], "basket": line_order}
    ).drop_duplicates(["basket", "item"])
    frame["user"] = frame["user"].map("c{:06d}".format)
    frame["item"] = frame["item"].map("p{:06d}".format)
    interactions = from_frame(frame, basket="basket")
    ids = interactions.items.astype(str)
    number = np.array([int(i[1:]) for i in ids])
    table = pd.DataFrame(
        {
            "product_id": ids,
            "title": [f"product {n} of group {group[n]}" for n in number],
            "category": [f"group {group[n]}" for n in number],
            "listed": True,
        }
    )
    return interactions, table


class WordHashEmbedder:
    """Titles as hashed words, 64-d (the bench times the recommender, not a text model)."""

    dimension = 64

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        vectors = np.zeros((len(texts), self.dimension), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in text.split():
                digest = hashlib.blake2b(word.encode(), digest_size=2).digest()
                vectors[row, int.from_bytes(digest, "little") % self.dimension] += 1.0
        unit: np.ndarray = vectors / np.maximum(
            np.linalg.norm(vectors, axis=1, keepdims=True), 1e-9
        )
        return unit


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--products", type=int, default=50_000)
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--queries", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--threads", type=int, default=None, help="torch threads (default: torch's)"
    )
    args = parser.parse_args()
    if args.threads:
        torch.set_num_threads(args.threads)

    began = time.perf_counter()
    interactions, products = synthetic_shop(args.customers, args.products)
    made = time.perf_counter() - began
    print(
        f"{interactions.n_users:,} customers, {interactions.n_items:,} products bought, "
        f"{len(interactions.frame):,} order lines ({made:.1f} s to make); "
        f"torch threads {torch.get_num_threads()}",
        flush=True,
    )
    config = ModelConfig(epochs=args.epochs, patience=0, seed=0, device="cpu")
    began = time.perf_counter()
    recommender, losses = train_recommender(
        interactions,
        products,
        WordHashEmbedder(),
        config,
        progress=lambda message: print(f"  {message}", flush=True),
    )
    train_s = time.perf_counter() - began
    rng = np.random.default_rng(1)
    sample = rng.choice(interactions.n_users, args.queries, replace=False)
    customers = [str(c) for c in interactions.users[sample]]

    def reasons() -> object:
        return recommender.recommend_many(customers, K)

    def bare() -> object:
        return recommender.recommend_many(customers, K, reasons=False)

    with_reasons = args.queries / median_seconds(reasons, args.repeat)
    without = args.queries / median_seconds(bare, args.repeat)
    single = []
    for customer in customers[:100]:
        start = time.perf_counter()
        recommender.recommend(customer, K)
        single.append((time.perf_counter() - start) * 1000)

    began = time.perf_counter()
    knn = ItemKNN(200).fit(interactions)
    knn_s = time.perf_counter() - began
    seen = interactions.matrix(purchases_only=True)

    def knn_top() -> object:
        rows = sample
        return [
            top_k(knn.scores(rows[i : i + 1024]), K, seen[rows[i : i + 1024]])
            for i in range(0, len(rows), 1024)
        ]

    knn_rate = args.queries / median_seconds(knn_top, args.repeat)
    print()
    print(f"{'method':<34}{'train s':>10}{'customers/s':>14}{'bare /s':>10}{'one, ms':>10}")
    print(f"{'item-kNN (baseline)':<34}{knn_s:>10.1f}{knn_rate:>14,.0f}{'':>10}{'':>10}")
    print(
        f"{f'Retain ({len(losses)} epochs, FAISS flat)':<34}{train_s:>10.1f}{with_reasons:>14,.0f}"
        f"{without:>10,.0f}{statistics.median(single):>10.1f}"
    )
    print(
        f"training: {train_s / max(len(losses), 1):.0f} s per epoch; "
        f"losses {', '.join(f'{x:.2f}' for x in losses)}"
    )


def _draw(
    rng: np.random.Generator,
    groups: np.ndarray,
    cumulative: np.ndarray,
    starts: np.ndarray,
    ends: np.ndarray,
    per_row: int,
) -> np.ndarray:
    """Products drawn by popularity inside each row's group (per_row draws per row)."""
    groups = np.repeat(groups, per_row)
    below = np.where(starts[groups] > 0, cumulative[np.maximum(starts[groups] - 1, 0)], 0.0)
    total = cumulative[np.maximum(ends[groups] - 1, 0)] - below
    point = below + rng.random(len(groups)) * total
    drawn = np.searchsorted(cumulative, point, side="right")
    inside: np.ndarray = np.clip(
        drawn, starts[groups], np.maximum(ends[groups] - 1, starts[groups])
    )
    return inside


if __name__ == "__main__":
    main()
