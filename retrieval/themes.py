"""Complaint themes: what negative reviews are about, as named clusters with counts and examples.

Negative reviews (by the index's sentiment label) are clustered with spherical k-means on their
embeddings; each cluster is named by its most distinctive terms (c-TF-IDF, see terms.py) and
shown with the reviews nearest its centre. Pass `customer_ids` to ask about a group, e.g. the
at-risk customers ("what are at-risk customers complaining about?").
"""

import math
from collections.abc import Collection
from dataclasses import dataclass, replace
from typing import Any

import faiss
import numpy as np

from commerce.errors import InvalidInput
from retrieval.filters import ReviewFilter, matching_rows
from retrieval.reviews import ReviewHit, ReviewIndex
from retrieval.terms import class_tfidf, top_terms

MAX_THEMES = 8
SEED = 1234


@dataclass(frozen=True)
class Theme:
    """One complaint theme: its name (top terms), how many reviews, and typical examples."""

    name: str
    terms: list[str]
    count: int
    share: float  # of the negative reviews considered
    examples: list[ReviewHit]

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "terms": self.terms,
            "count": self.count,
            "share": round(self.share, 4),
            "examples": [hit.to_dict() for hit in self.examples],
        }


def default_theme_count(reviews: int) -> int:
    """About sqrt(n / 5) themes, 1 to MAX_THEMES: a handful a person can read."""
    return max(1, min(MAX_THEMES, round(math.sqrt(reviews / 5))))


def complaint_themes(
    index: ReviewIndex,
    customer_ids: Collection[str] | None = None,
    where: ReviewFilter | None = None,
    themes: int | None = None,
    examples: int = 3,
) -> list[Theme]:
    """Themes among negative reviews, largest first; only `customer_ids`' reviews when given.

    `where` narrows further (products, dates, ratings); its sentiment is always negative here.
    """
    if themes is not None and not 1 <= themes <= 50:
        raise InvalidInput(f"themes must be between 1 and 50, got {themes}")
    where = replace(where or ReviewFilter(), sentiment="negative")
    if customer_ids is not None:
        where = replace(where, customer_ids=customer_ids)
    rows = matching_rows(index.metadata, where)
    if len(rows) == 0:
        return []
    vectors = index.embeddings(rows)
    count = min(themes or default_theme_count(len(rows)), len(rows))
    labels, centroids = _cluster(vectors, count)
    texts = index.metadata["text"].to_numpy()
    clusters = [np.flatnonzero(labels == c) for c in range(count)]
    weights = class_tfidf([texts[rows[members]].tolist() for members in clusters])
    found = []
    for c, members in enumerate(clusters):
        if len(members) == 0:
            continue
        terms = top_terms(weights[c])
        nearest = members[np.argsort(-(vectors[members] @ centroids[c]), kind="stable")]
        found.append(
            Theme(
                name=" · ".join(terms) if terms else "(no shared words)",
                terms=terms,
                count=len(members),
                share=len(members) / len(rows),
                examples=[index.hit(int(rows[i]), None) for i in nearest[:examples]],
            )
        )
    return sorted(found, key=lambda theme: (-theme.count, theme.name))


def _cluster(vectors: np.ndarray, count: int) -> tuple[np.ndarray, np.ndarray]:
    """Spherical k-means: labels (n,) and unit centroids (count, d); seeded, so repeatable."""
    if count == 1:
        centre = vectors.mean(axis=0)
        return np.zeros(len(vectors), dtype=np.int64), (centre / np.linalg.norm(centre))[None]
    rows = np.ascontiguousarray(vectors, dtype=np.float32)
    kmeans = faiss.Kmeans(
        rows.shape[1], count, niter=25, seed=SEED, spherical=True,
        min_points_per_centroid=1, max_points_per_centroid=100_000,
    )  # fmt: skip
    kmeans.train(rows, init_centroids=_spread_seeds(rows, count))
    _, labels = kmeans.index.search(rows, 1)
    centroids = np.asarray(kmeans.centroids, dtype=np.float32)
    return labels[:, 0].astype(np.int64), centroids


def _spread_seeds(rows: np.ndarray, count: int) -> np.ndarray:
    """k-means++ starting centres: each next seed drawn far from those chosen, so two seeds
    rarely start inside one complaint and leave another merged with a third."""
    rng = np.random.default_rng(SEED)
    seeds = [int(rng.integers(len(rows)))]
    nearest = np.full(len(rows), np.inf)
    for _ in range(count - 1):
        nearest = np.minimum(nearest, np.maximum(0.0, 2.0 - 2.0 * rows @ rows[seeds[-1]]))
        total = nearest.sum()
        pick = rng.choice(len(rows), p=nearest / total) if total > 0 else rng.integers(len(rows))
        seeds.append(int(pick))
    return rows[seeds].copy()
