"""The baselines the recommender is measured against, in the same harness.

    MostPopular   every user gets the items most users bought
    BuyAgain      a user's own most-bought items first (where products repeat), then popular
    ItemKNN       cosine similarity between item columns of the user x item matrix, the
                  `neighbours` most similar kept per item; a user's score is the sum of
                  similarities to the items in their history (Sarwar et al. 2001)
    EASE          a closed-form linear autoencoder: item-item weights B minimise
                  ||X - XB||² + λ||B||² with diag(B) = 0, so B = -P / diag(P) off the diagonal,
                  P = (XᵀX + λI)⁻¹ (Steck 2019, "Embarrassingly Shallow Autoencoders")

Each has `fit(interactions)` and `scores(users) -> (len(users), I)`; higher is better.
"""

from typing import Protocol

import numpy as np
from scipy import linalg, sparse

from commerce.errors import Unavailable
from retrieval.recs.interactions import Interactions

EASE_MAX_ITEMS = 30_000  # (I x I) float64 is 7 GB at this size; past it EASE is refused


class Scorer(Protocol):
    """A fitted recommender as the evaluation harness sees it."""

    name: str

    def fit(self, interactions: Interactions) -> "Scorer": ...

    def scores(self, users: np.ndarray) -> np.ndarray:
        """(len(users), n_items) scores of every item for these user rows."""
        ...


class MostPopular:
    name = "most popular"

    def __init__(self) -> None:
        self.popularity = np.zeros(0)

    def fit(self, interactions: Interactions) -> "MostPopular":
        self.popularity = interactions.popularity()
        return self

    def scores(self, users: np.ndarray) -> np.ndarray:
        return np.broadcast_to(self.popularity, (len(users), len(self.popularity))).copy()


class BuyAgain:
    """A user's own most-bought items (most recent breaks ties), then the most popular ones.

    The baseline to beat where products repeat: most of a grocery basket is re-orders.
    """

    name = "buy again"

    def __init__(self) -> None:
        self.history = sparse.csr_matrix((0, 0))
        self.popularity = np.zeros(0)

    def fit(self, interactions: Interactions) -> "BuyAgain":
        self.history = interactions.matrix(purchases_only=True)
        recency = interactions.matrix(purchases_only=True, half_life_days=365.0)
        # Recency-weighted counts rank a tie of counts by when; popularity ranks the rest.
        self.history = self.history + recency * 1e-3
        self.popularity = interactions.popularity()
        return self

    def scores(self, users: np.ndarray) -> np.ndarray:
        scaled = self.popularity / (self.popularity.max() + 1.0) * 1e-6
        result: np.ndarray = self.history[users].toarray() + scaled
        return result


class ItemKNN:
    name = "item-kNN"

    def __init__(self, neighbours: int = 200) -> None:
        self.neighbours = neighbours
        self.history = sparse.csr_matrix((0, 0))
        self.similarity = sparse.csr_matrix((0, 0))

    def fit(self, interactions: Interactions) -> "ItemKNN":
        self.history = interactions.matrix(purchases_only=True, binary=True)
        norms = np.sqrt(np.asarray(self.history.sum(axis=0)).ravel())
        scaled = self.history @ sparse.diags(1.0 / np.maximum(norms, 1e-12))
        cosine = (scaled.T @ scaled).tocsr()
        cosine.setdiag(0.0)
        cosine.eliminate_zeros()
        # Transposed: entry (i, j) kept when i is among j's nearest, so a user's score of j sums
        # the similarities of j's neighbours in their history.
        self.similarity = _top_per_row(cosine, self.neighbours).T.tocsr()
        return self

    def scores(self, users: np.ndarray) -> np.ndarray:
        result: np.ndarray = (self.history[users] @ self.similarity).toarray()
        return result


class EASE:
    name = "EASE"

    def __init__(self, l2: float = 200.0) -> None:
        self.l2 = l2
        self.history = sparse.csr_matrix((0, 0))
        self.weights = np.zeros((0, 0))

    def fit(self, interactions: Interactions) -> "EASE":
        if interactions.n_items > EASE_MAX_ITEMS:
            raise Unavailable(
                f"EASE inverts an item x item matrix; {interactions.n_items:,} items is more "
                f"than the {EASE_MAX_ITEMS:,} that fit in memory"
            )
        self.history = interactions.matrix(purchases_only=True, binary=True)
        gram = (self.history.T @ self.history).toarray()
        gram[np.diag_indices_from(gram)] += self.l2
        # Cholesky, then the inverse from the factor: half the work of a general inverse.
        factor, info = linalg.lapack.dpotrf(gram, lower=False, overwrite_a=True)
        if info != 0:
            raise Unavailable(f"EASE: the Gram matrix is not positive definite (LAPACK {info})")
        inverse, info = linalg.lapack.dpotri(factor, lower=False, overwrite_c=True)
        inverse = np.triu(inverse) + np.triu(inverse, 1).T  # potri fills one triangle
        self.weights = -inverse / np.diag(inverse)
        self.weights[np.diag_indices_from(self.weights)] = 0.0
        return self

    def scores(self, users: np.ndarray) -> np.ndarray:
        result: np.ndarray = self.history[users] @ self.weights
        return np.asarray(result)


def _top_per_row(matrix: sparse.csr_matrix, keep: int) -> sparse.csr_matrix:
    """The `keep` largest entries of each row (ties broken by column), the rest dropped."""
    rows, columns, values = [], [], []
    for row in range(matrix.shape[0]):
        start, end = matrix.indptr[row], matrix.indptr[row + 1]
        if end == start:
            continue
        row_values = matrix.data[start:end]
        chosen = np.argsort(-row_values, kind="stable")[:keep]
        rows.append(np.full(len(chosen), row))
        columns.append(matrix.indices[start:end][chosen])
        values.append(row_values[chosen])
    if not rows:
        return sparse.csr_matrix(matrix.shape)
    return sparse.csr_matrix(
        (np.concatenate(values), (np.concatenate(rows), np.concatenate(columns))),
        shape=matrix.shape,
    )
