"""The FAISS layer: recall@10 against exact search for every index type, filters, persistence."""

from pathlib import Path

import numpy as np
import pytest
from faiss.contrib.datasets import SyntheticDataset

from retrieval.vectors import APPROXIMATE_FROM, VectorIndex, choose_kind, recall_at_k

K = 10


def unit(rows: np.ndarray) -> np.ndarray:
    # norm() is typed Any (a scalar without axis=), so the dtype is stated here.
    return np.asarray(rows / np.linalg.norm(rows, axis=1, keepdims=True), np.float32)


@pytest.fixture(scope="module")
def data() -> tuple[np.ndarray, np.ndarray]:
    """20,000 base vectors and 200 queries, 384-d, of low intrinsic dimension like embeddings."""
    # faiss.contrib is plain Python without annotations (only faiss itself ships stubs).
    dataset = SyntheticDataset(384, 0, 20_000, 200, metric="IP", seed=1338)  # type: ignore[no-untyped-call]
    base = unit(dataset.get_database())  # type: ignore[no-untyped-call]
    return base, unit(dataset.get_queries())  # type: ignore[no-untyped-call]


def truth(base: np.ndarray, queries: np.ndarray, allowed: np.ndarray | None = None) -> np.ndarray:
    """Exact top-10 by brute force, independent of the code under test."""
    ids = np.arange(len(base)) if allowed is None else allowed
    scores = queries @ base[ids].T
    top = np.argpartition(-scores, K, axis=1)[:, :K]  # the top 10 in any order: recall is a set
    return ids[top]


@pytest.fixture(scope="module")
def ivf(data: tuple[np.ndarray, np.ndarray]) -> VectorIndex:
    return VectorIndex.build(data[0], kind="ivf")


def test_kind_is_chosen_by_size() -> None:
    assert choose_kind(APPROXIMATE_FROM - 1) == "flat"
    assert choose_kind(APPROXIMATE_FROM) == "ivf"
    assert VectorIndex.build(unit(np.random.default_rng(0).normal(size=(50, 8)))).kind == "flat"


@pytest.mark.parametrize("kind", ["flat", "ivf"])
def test_recall_at_10_against_exact(
    kind: str, data: tuple[np.ndarray, np.ndarray], ivf: VectorIndex
) -> None:
    base, queries = data
    index = ivf if kind == "ivf" else VectorIndex.build(base, kind="flat")
    _, found = index.search(queries, K)
    recall = recall_at_k(found, truth(base, queries))
    assert recall >= (0.999 if kind == "flat" else 0.95), recall
    if kind == "ivf":
        assert index.cells >= 64 and index.nprobe < index.cells  # approximate, not a full scan


def test_selective_filter_still_returns_k(
    data: tuple[np.ndarray, np.ndarray], ivf: VectorIndex
) -> None:
    base, queries = data
    allowed = np.random.default_rng(1).choice(len(base), 40, replace=False)
    for index in (ivf, VectorIndex.build(base, kind="flat")):
        _, found = index.search(queries[:20], K, allowed)
        assert (found >= 0).all()
        assert np.isin(found, allowed).all()
        assert recall_at_k(found, truth(base, queries[:20], np.sort(allowed))) == 1.0


def test_broad_filter_on_ivf_returns_k_with_recall(
    data: tuple[np.ndarray, np.ndarray], ivf: VectorIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("retrieval.vectors.EXACT_SUBSET_MAX", 5_000)  # take the selector path
    base, queries = data
    allowed = np.flatnonzero(np.arange(len(base)) % 8 != 0)
    _, found = ivf.search(queries, K, allowed)
    assert (found >= 0).all() and np.isin(found, allowed).all()
    assert recall_at_k(found, truth(base, queries, allowed)) >= 0.95


def test_fewer_matches_than_k_pads_with_minus_one(ivf: VectorIndex) -> None:
    _, found = ivf.search(ivf.vectors(np.array([7])), K, np.array([3, 7, 11]))
    assert sorted(found[0][:3]) == [3, 7, 11]
    assert (found[0][3:] == -1).all()


def test_incremental_add_is_searchable(data: tuple[np.ndarray, np.ndarray]) -> None:
    base, _ = data
    index = VectorIndex.build(base[:15_000], kind="ivf")
    index.add(base[15_000:])
    assert index.count == len(base)
    _, found = index.search(base[18_000:18_020], 1)
    assert (found[:, 0] == np.arange(18_000, 18_020)).all()


def test_save_and_load_keep_kind_and_nprobe(ivf: VectorIndex, tmp_path: Path) -> None:
    ivf.save(tmp_path / "v.faiss")
    loaded = VectorIndex.load(tmp_path / "v.faiss", ivf.nprobe)
    assert (loaded.kind, loaded.nprobe, loaded.count) == ("ivf", ivf.nprobe, ivf.count)
    assert np.allclose(loaded.vectors(np.array([5])), ivf.vectors(np.array([5])))
