"""Candidate retrieval: a FAISS inner-product index over product vectors.

A product's vector is the model's output embedding with its bias appended, and a customer's
query is their vector with a 1 appended, so the inner product is exactly the model's score
(model.py) and the top-k by inner product are the customer's k best products before re-ranking.

The index is exact (IndexFlatIP) below APPROXIMATE_FROM products; from there it is IVF, with
`nprobe` raised until recall@k against exact search reaches RECALL_TARGET on sample queries
(customer vectors, not product vectors: maximum inner product search is asymmetric).
"""

from pathlib import Path

import faiss
import numpy as np

from commerce.errors import Unavailable
from retrieval.vectors import cells_for, exact_search, recall_at_k

APPROXIMATE_FROM = 200_000
RECALL_TARGET = 0.97
TRAIN_POINTS_PER_CELL = 40
SEED = 1234


def queries_of(customers: np.ndarray) -> np.ndarray:
    """Customer vectors (B, D) as queries (B, D + 1): the 1 picks up each product's bias."""
    rows = np.ascontiguousarray(customers, dtype=np.float32).reshape(len(customers), -1)
    return np.hstack([rows, np.ones((len(rows), 1), dtype=np.float32)])


class CandidateIndex:
    """Products by inner product with a customer query; exact or IVF by catalogue size."""

    def __init__(self, index: faiss.Index, nprobe: int = 1) -> None:
        self.index = index
        self.nprobe = nprobe

    @property
    def count(self) -> int:
        return int(self.index.ntotal)

    @classmethod
    def build(
        cls,
        vectors: np.ndarray,
        sample_queries: np.ndarray | None = None,
        approximate_from: int = APPROXIMATE_FROM,
        k: int = 10,
    ) -> "CandidateIndex":
        """Index product vectors (I, D + 1); IVF from `approximate_from` products on."""
        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        count, dimension = vectors.shape
        if count < approximate_from:
            flat = faiss.IndexFlatIP(dimension)
            flat.add(vectors)
            return cls(flat)
        cells = min(cells_for(count), max(1, count // TRAIN_POINTS_PER_CELL))
        ivf = faiss.IndexIVFFlat(
            faiss.IndexFlatIP(dimension), dimension, cells, faiss.METRIC_INNER_PRODUCT
        )
        ivf.cp.seed = SEED
        ivf.train(vectors)
        ivf.make_direct_map()  # lets `vector` read a product back
        ivf.add(vectors)
        built = cls(ivf)
        if sample_queries is not None and len(sample_queries):
            built.nprobe = built._tune(vectors, sample_queries, k)
        else:
            built.nprobe = max(1, cells // 8)
        return built

    def search(self, queries: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """Scores and product rows (B, k) of the best products per query; -1 where none."""
        queries = np.ascontiguousarray(queries, dtype=np.float32)
        k = min(k, self.count)
        if isinstance(self.index, faiss.IndexIVF):
            params = faiss.SearchParametersIVF()
            params.nprobe = self.nprobe
            scores, ids = self.index.search(queries, k, params=params)
        else:
            scores, ids = self.index.search(queries, k)
        return scores, ids

    def vector(self, row: int) -> np.ndarray:
        """The stored vector of one product, (D + 1,)."""
        stored: np.ndarray = np.asarray(self.index.reconstruct(int(row)), dtype=np.float32)
        return stored

    def save(self, path: Path) -> None:
        faiss.write_index(self.index, str(path))

    @classmethod
    def load(cls, path: Path, nprobe: int = 1) -> "CandidateIndex":
        try:
            return cls(faiss.read_index(str(path)), nprobe)
        except RuntimeError as error:
            raise Unavailable(f"the product index {path} is unreadable ({error})") from error

    def _tune(self, vectors: np.ndarray, queries: np.ndarray, k: int) -> int:
        """The smallest power-of-two nprobe with recall@k >= RECALL_TARGET on the queries."""
        queries = np.ascontiguousarray(queries, dtype=np.float32)
        _, truth = exact_search(vectors, np.arange(len(vectors)), queries, k)
        cells = int(faiss.extract_index_ivf(self.index).nlist)
        nprobe = 1
        while nprobe < cells:
            self.nprobe = nprobe
            _, found = self.search(queries, k)
            if recall_at_k(found, truth) >= RECALL_TARGET:
                break
            nprobe *= 2
        return min(nprobe, cells)
