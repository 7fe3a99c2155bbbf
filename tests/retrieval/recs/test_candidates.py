"""FAISS candidates: the same products as exact inner-product search."""

import numpy as np

from retrieval.recs.candidates import CandidateIndex, queries_of
from retrieval.vectors import exact_search


def products_and_customers(seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    vectors = rng.normal(size=(2_000, 17)).astype(np.float32)  # 16-d vectors + a bias column
    customers = rng.normal(size=(50, 16)).astype(np.float32)
    return vectors, customers


def test_flat_candidates_equal_exact_search() -> None:
    vectors, customers = products_and_customers()
    index = CandidateIndex.build(vectors)
    queries = queries_of(customers)
    scores, found = index.search(queries, 10)
    truth_scores, truth = exact_search(vectors, np.arange(len(vectors)), queries, 10)
    assert (found == truth).all()
    assert np.allclose(scores, truth_scores, atol=1e-4)
    # The appended 1 adds each product's bias: the score is the model's score.
    assert np.allclose(
        scores[0, 0], customers[0] @ vectors[found[0, 0], :16] + vectors[found[0, 0], 16], atol=1e-4
    )


def test_ivf_candidates_reach_the_recall_target() -> None:
    vectors, customers = products_and_customers(1)
    queries = queries_of(customers)
    index = CandidateIndex.build(vectors, sample_queries=queries, approximate_from=1_000)
    assert index.nprobe >= 1 and index.count == len(vectors)
    _, found = index.search(queries, 10)
    _, truth = exact_search(vectors, np.arange(len(vectors)), queries, 10)
    hits = sum(len(set(f) & set(t)) for f, t in zip(found, truth, strict=True))
    assert hits / truth.size >= 0.97


def test_an_index_saved_and_loaded_answers_the_same(tmp_path) -> None:  # type: ignore[no-untyped-def]
    vectors, customers = products_and_customers(2)
    index = CandidateIndex.build(vectors)
    index.save(tmp_path / "products.faiss")
    loaded = CandidateIndex.load(tmp_path / "products.faiss")
    assert (
        loaded.search(queries_of(customers), 5)[1] == index.search(queries_of(customers), 5)[1]
    ).all()
