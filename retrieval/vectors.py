"""A FAISS inner-product index over unit vectors, its type chosen by size, with filtered search.

    fewer than APPROXIMATE_FROM vectors   flat: exact inner product, every vector compared
    APPROXIMATE_FROM or more              ivf: inverted lists (k-means cells); a query scans
                                          the `nprobe` nearest cells only

IVF rather than HNSW: it is trained once and then takes new vectors without retraining, it
filters by id cheaply, and one trained quantizer can later be shared by sharded indexes (see
DESIGN.md). IVF-Flat keeps full vectors in its lists, so distances are exact and re-ranking is
built in; recall is lost only to cells not probed. `nprobe` is therefore tuned at build time on
the data itself: the smallest value whose recall@10 against exact search reaches RECALL_TARGET.

Vector ids are positions 0..n-1, in the order vectors were added; callers keep metadata rows in
that order.
"""

import math
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import faiss
import numpy as np

IndexKind = Literal["flat", "ivf"]

APPROXIMATE_FROM = 100_000
RECALL_TARGET = 0.97  # tuned above the promised 0.95, for queries unlike the tuning ones
TUNING_QUERIES = 200
EXACT_SUBSET_MAX = 20_000  # a filter this selective is answered by comparing every match
TRAIN_POINTS_PER_CELL = 40  # k-means needs ~40 points a cell; more only costs time
SEED = 1234
SINGLE_THREAD_UP_TO = 4  # queries answered on one thread (see _threads_for)


def choose_kind(count: int, approximate_from: int = APPROXIMATE_FROM) -> IndexKind:
    """flat below `approximate_from` vectors (exact and fast enough), ivf from there."""
    return "flat" if count < approximate_from else "ivf"


def cells_for(count: int) -> int:
    """IVF cells: about sqrt(n), a power of two, so a cell holds ~sqrt(n) vectors."""
    return int(2 ** max(4, round(math.log2(math.sqrt(max(count, 1))))))


@dataclass
class VectorIndex:
    """A FAISS index of unit vectors: flat (exact) or IVF (nprobe tuned for recall)."""

    index: faiss.Index
    kind: IndexKind
    nprobe: int = 1

    @property
    def count(self) -> int:
        return int(self.index.ntotal)

    @property
    def dimension(self) -> int:
        return int(self.index.d)

    @classmethod
    def build(
        cls,
        vectors: np.ndarray,
        kind: IndexKind | None = None,
        recall_target: float = RECALL_TARGET,
    ) -> "VectorIndex":
        """Index the rows of `vectors` (n, d); the kind is chosen by n unless given."""
        vectors = _as_rows(vectors)
        count, dimension = vectors.shape
        kind = kind or choose_kind(count)
        if kind == "flat":
            flat = cls(faiss.IndexFlatIP(dimension), "flat")
            flat.index.add(vectors)
            return flat
        cells = min(cells_for(count), max(1, count // TRAIN_POINTS_PER_CELL))
        quantizer = faiss.IndexFlatIP(dimension)
        ivf = faiss.IndexIVFFlat(quantizer, dimension, cells, faiss.METRIC_INNER_PRODUCT)
        ivf.cp.niter = 10  # k-means converges enough for cell assignment; recall is tuned after
        ivf.cp.seed = SEED
        rng = np.random.default_rng(SEED)
        sample = rng.choice(count, min(count, cells * TRAIN_POINTS_PER_CELL), replace=False)
        ivf.train(vectors[np.sort(sample)])
        ivf.make_direct_map()  # lets filtered search and themes read vectors back by id
        ivf.add(vectors)
        built = cls(ivf, "ivf")
        built.nprobe = built.tune_nprobe(vectors, recall_target)
        return built

    def add(self, vectors: np.ndarray) -> None:
        """Append vectors (ids continue from `count`); IVF assigns them to its trained cells."""
        self.index.add(_as_rows(vectors))

    def search(
        self, queries: np.ndarray, k: int, allowed: np.ndarray | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        """Scores and ids (q, k) of the k nearest, only among `allowed` ids when given.

        Missing results (fewer than k candidates) have id -1. A filter returns k results
        whenever k ids pass it: selective filters compare every match exactly, and broad ones
        on IVF probe more cells until k are found.
        """
        queries = _as_rows(queries)
        if allowed is None:
            return self._search(queries, k, None, self.nprobe)
        allowed = np.unique(allowed.astype(np.int64))
        if self.kind == "flat":
            return self._search(queries, k, allowed, 1)
        if len(allowed) <= EXACT_SUBSET_MAX:
            return exact_search(self.vectors(allowed), allowed, queries, k)
        nprobe = self.nprobe
        while True:
            scores, ids = self._search(queries, k, allowed, nprobe)
            if (ids >= 0).sum(axis=1).min() >= min(k, len(allowed)) or nprobe >= self.cells:
                return scores, ids
            nprobe = min(nprobe * 4, self.cells)

    def vectors(self, ids: np.ndarray) -> np.ndarray:
        """The stored vectors of these ids, (len(ids), d)."""
        if len(ids) == 0:
            return np.zeros((0, self.dimension), dtype=np.float32)
        result: np.ndarray = self.index.reconstruct_batch(ids.astype(np.int64))
        return result

    @property
    def cells(self) -> int:
        return int(faiss.extract_index_ivf(self.index).nlist) if self.kind == "ivf" else 1

    def tune_nprobe(self, vectors: np.ndarray, target: float) -> int:
        """The smallest power-of-two nprobe whose recall@10 on probe queries reaches target.

        Probe queries are half stored vectors and half midpoints of two stored vectors (points
        between reviews, like a typed query that matches none exactly).
        """
        rng = np.random.default_rng(SEED + 1)
        picks = rng.integers(0, len(vectors), (TUNING_QUERIES, 2))
        queries = vectors[picks[:, 0]].copy()
        half = TUNING_QUERIES // 2
        queries[half:] = _unit(vectors[picks[half:, 0]] + vectors[picks[half:, 1]])
        _, truth = exact_search(vectors, np.arange(len(vectors)), queries, 10)
        nprobe = 1
        while nprobe < self.cells:
            _, found = self._search(queries, 10, None, nprobe)
            if recall_at_k(found, truth) >= target:
                break
            nprobe *= 2
        return min(nprobe, self.cells)

    def save(self, path: Path) -> None:
        faiss.write_index(self.index, str(path))

    @classmethod
    def load(cls, path: Path, nprobe: int = 1) -> "VectorIndex":
        index = faiss.read_index(str(path))
        kind: IndexKind = "ivf" if isinstance(index, faiss.IndexIVF) else "flat"
        return cls(index, kind, nprobe)

    def _search(
        self, queries: np.ndarray, k: int, allowed: np.ndarray | None, nprobe: int
    ) -> tuple[np.ndarray, np.ndarray]:
        params = faiss.SearchParametersIVF() if self.kind == "ivf" else faiss.SearchParameters()
        if isinstance(params, faiss.SearchParametersIVF):
            params.nprobe = nprobe
        if allowed is not None:
            selector = faiss.IDSelectorBatch(allowed)
            params.sel = selector
        with _threads_for(len(queries)):
            scores, ids = self.index.search(queries, k, params=params)
        return scores, ids


def exact_search(
    vectors: np.ndarray, ids: np.ndarray, queries: np.ndarray, k: int
) -> tuple[np.ndarray, np.ndarray]:
    """Brute-force top-k inner product of queries against `vectors`, whose ids are `ids`."""
    scores = np.full((len(queries), k), -np.inf, dtype=np.float32)
    found = np.full((len(queries), k), -1, dtype=np.int64)
    if len(vectors) == 0:
        return scores, found
    for start in range(0, len(vectors), 65_536):  # bounded memory on 1M vectors
        block = queries @ vectors[start : start + 65_536].T  # (q, block)
        block_ids = ids[start : start + 65_536]
        merged_scores = np.concatenate([scores, block], axis=1)
        merged_ids = np.concatenate([found, np.broadcast_to(block_ids, block.shape)], axis=1)
        top = np.argpartition(-merged_scores, k - 1, axis=1)[:, :k]
        scores = np.take_along_axis(merged_scores, top, axis=1)
        found = np.take_along_axis(merged_ids, top, axis=1)
    order = np.argsort(-scores, axis=1, kind="stable")
    scores = np.take_along_axis(scores, order, axis=1)
    found = np.take_along_axis(found, order, axis=1)
    found[~np.isfinite(scores)] = -1
    return scores.astype(np.float32), found


def recall_at_k(found: np.ndarray, truth: np.ndarray) -> float:
    """Share of the true top-k ids that were found, averaged over queries."""
    hits = sum(len(set(f[f >= 0]) & set(t[t >= 0])) for f, t in zip(found, truth, strict=True))
    return hits / max(1, int((truth >= 0).sum()))


@contextmanager
def _threads_for(queries: int) -> Iterator[None]:
    """One OpenMP thread for a handful of queries: forking a team to scan for one query costs
    more than the scan, and on a shared CPU the team's spin-waits make it 40x slower
    (bench/retrieval.py). Batches keep every thread."""
    if queries > SINGLE_THREAD_UP_TO:
        yield
        return
    before = faiss.omp_get_max_threads()
    faiss.omp_set_num_threads(1)
    try:
        yield
    finally:
        faiss.omp_set_num_threads(before)


def _as_rows(vectors: np.ndarray) -> np.ndarray:
    rows = np.ascontiguousarray(vectors, dtype=np.float32)
    return rows.reshape(1, -1) if rows.ndim == 1 else rows


def _unit(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    normalised: np.ndarray = vectors / np.maximum(norms, 1e-12)
    return normalised.astype(np.float32)
