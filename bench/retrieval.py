"""Retrieval speed and quality: index build, single-query latency, recall@10, embedding rate.

    python -m bench.retrieval [--sizes 10000,100000,1000000] [--queries 200] [--texts 256]

Vectors are synthetic, 384-d and unit length, of low intrinsic dimension like sentence
embeddings (faiss.contrib.datasets.SyntheticDataset); the index type is the one Retain chooses
for that size (flat below 100k, IVF with tuned nprobe from there). Recall@10 is against exact
search on held-out queries. The embedding rate is all-MiniLM-L6-v2 on real fine-food reviews,
on the CPU (torch threads as configured: set OMP_NUM_THREADS to pin them).
"""

import argparse
import time

import numpy as np
import torch
from faiss.contrib.datasets import SyntheticDataset

from bench.tables import table
from commerce.datasets import load_food_reviews
from retrieval.embedder import MiniLMEmbedder
from retrieval.vectors import VectorIndex, exact_search, recall_at_k


def unit(rows: np.ndarray) -> np.ndarray:
    # norm() is typed Any (a scalar without axis=), so the dtype is stated here.
    return np.asarray(rows / np.linalg.norm(rows, axis=1, keepdims=True), np.float32)


def bench_index(size: int, queries: int) -> dict[str, str]:
    """Build, latency and recall of the index Retain picks for `size` vectors."""
    # faiss.contrib is plain Python without annotations (only faiss itself ships stubs).
    dataset = SyntheticDataset(384, 0, size, queries, metric="IP", seed=1338)  # type: ignore[no-untyped-call]
    base = unit(dataset.get_database())  # type: ignore[no-untyped-call]
    probes = unit(dataset.get_queries())  # type: ignore[no-untyped-call]
    began = time.perf_counter()
    index = VectorIndex.build(base)
    build = time.perf_counter() - began
    latencies = []
    found = np.zeros((queries, 10), dtype=np.int64)
    for i in range(queries):
        began = time.perf_counter()
        _, found[i : i + 1] = index.search(probes[i : i + 1], 10)
        latencies.append((time.perf_counter() - began) * 1000)
    _, truth = exact_search(base, np.arange(size), probes, 10)
    kind = "flat" if index.kind == "flat" else f"ivf {index.cells}/{index.nprobe}"
    return {
        "vectors": f"{size:,}",
        "index (cells/nprobe)": kind,
        "build s": f"{build:.1f}",
        "p50 ms": f"{np.percentile(latencies, 50):.2f}",
        "p95 ms": f"{np.percentile(latencies, 95):.2f}",
        "recall@10": f"{recall_at_k(found, truth):.3f}",
    }


def bench_embedding(texts: int) -> str:
    """Reviews embedded per second by MiniLM on the CPU (the model load is not timed)."""
    reviews = load_food_reviews()["text"].tolist()[:texts]
    embedder = MiniLMEmbedder(device="cpu", batch_size=64)
    embedder.embed(reviews[:8])  # warm up
    began = time.perf_counter()
    embedder.embed(reviews)
    rate = len(reviews) / (time.perf_counter() - began)
    mean_chars = np.mean([len(t) for t in reviews])
    return (
        f"MiniLM on CPU ({torch.get_num_threads()} threads): {rate:.1f} reviews/s "
        f"({len(reviews)} real reviews, {mean_chars:.0f} characters on average)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--texts", type=int, default=256, help="reviews to embed; 0 to skip")
    args = parser.parse_args()
    rows = []
    for size in (int(s) for s in args.sizes.split(",")):
        rows.append(bench_index(size, args.queries))
        print(table(rows[-1:]).splitlines()[-1] if len(rows) > 1 else table(rows), flush=True)
    print()
    print(table(rows))
    if args.texts:
        print(bench_embedding(args.texts))


if __name__ == "__main__":
    main()
