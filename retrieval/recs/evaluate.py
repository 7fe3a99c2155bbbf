"""`retain eval-recs`: recall@10 and NDCG@10 of the recommender and the baselines, one harness.

Every method is fitted on the same training interactions, scores every product of the same
vocabulary for every user, and is cut to its top k the same way: on data where products repeat
(Instacart) a user's earlier products compete; where they do not (MovieLens) they are removed.

    recall@k = hits in the top k / min(k, held-out items)     (Liang et al. 2018)
    NDCG@k   = sum over hits of 1 / log2(rank + 1), divided by the best possible for that user

Held-out items outside the vocabulary count in the denominators and are never hit.
"""

import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, replace
from typing import Any

import numpy as np
from scipy import sparse

from retrieval.recs.baselines import EASE, BuyAgain, ItemKNN, MostPopular, Scorer
from retrieval.recs.datasets import Split, load_split
from retrieval.recs.examples import EventLog
from retrieval.recs.interactions import Interactions
from retrieval.recs.model import ModelConfig, TwoTower, score_users
from retrieval.recs.train import train, trend_of

K = 10
BATCH = 1024  # users scored at once
Progress = Callable[[str], None]
# Settings per data set: ratings are predicted a window at a time (the held-out share of a
# user is many ratings); EASE's λ grows with the number of interactions per item.
DATASET_CONFIG: dict[str, dict[str, Any]] = {
    "instacart": {"window": 1, "repeats": True, "trend_windows": ()},
    "movielens": {"window": 5, "repeats": False},
}
EASE_L2 = {"instacart": 50.0, "movielens": 500.0}  # the best of 5, 20, 50, 200, 500, 1500
KNN_NEIGHBOURS = 200  # the best of 50, 200, 1000 on both


@dataclass(frozen=True)
class MethodResult:
    """One method on one data set."""

    dataset: str
    method: str
    recall: float
    ndcg: float
    users: int
    fit_s: float
    score_s: float
    detail: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


class RetainScorer:
    """Retain's model in the harness: trained on the split, scored at each user's held-out day."""

    name = "Retain"

    def __init__(self, config: ModelConfig, as_of: np.ndarray, progress: Progress | None = None):
        self.config = config
        self.as_of = as_of
        self.progress = progress
        self.log: EventLog | None = None
        self.model: TwoTower | None = None
        self.losses: list[float] = []

    def fit(self, interactions: Interactions) -> "RetainScorer":
        self.log = EventLog.of(interactions)
        self.model, self.losses = train(self.log, self.config, self.progress)
        self.trend = trend_of(self.log, self.config)
        return self

    def scores(self, users: np.ndarray) -> np.ndarray:
        assert self.log is not None and self.model is not None, "fit first"
        histories = self.log.latest_histories(users, self.as_of[users], self.config.history)
        _, scores = score_users(self.model, histories, self.config.repeats, self.trend)
        return scores


def recall_and_ndcg(ranked: np.ndarray, truth: list[np.ndarray], k: int = K) -> tuple[float, float]:
    """Mean recall@k and NDCG@k over users with held-out items; ranked is (U, >= k)."""
    recalls, ndcgs = [], []
    discount = 1.0 / np.log2(np.arange(2, k + 2))
    for row, relevant in zip(ranked, truth, strict=True):
        if len(relevant) == 0:
            continue
        hit = np.isin(row[:k], relevant[relevant >= 0])
        best = min(k, len(relevant))
        recalls.append(hit.sum() / best)
        ndcgs.append(float((hit * discount).sum() / discount[:best].sum()))
    return float(np.mean(recalls)), float(np.mean(ndcgs))


def top_k(scores: np.ndarray, k: int, excluded: Any = None) -> np.ndarray:
    """Column ids of the k best scores per row, ties broken by column; `excluded` never."""
    scores = np.array(scores, dtype=np.float64)
    if excluded is not None:
        rows, columns = excluded.nonzero()
        scores[rows, columns] = -np.inf
    best = np.argpartition(-scores, k - 1, axis=1)[:, :k]
    order = np.lexsort((best, -np.take_along_axis(scores, best, axis=1)), axis=1)
    ranked: np.ndarray = np.take_along_axis(best, order, axis=1)
    return ranked


def evaluate_split(
    split: Split, methods: list[Scorer], k: int = K, progress: Progress | None = None
) -> list[MethodResult]:
    """Fit and score each method on the split.

    Where items repeat, each method is also scored on new items only: a user's training items
    are removed from both its ranking and the truth (users left without truth are skipped).
    That separates taste from re-ordering, which a plain "buy again" list already gets right.
    """
    step = progress or (lambda _: None)
    users = np.array([u for u in range(split.users) if len(split.truth[u])], dtype=np.int64)
    seen = split.train.matrix()[users]
    truth = [split.truth[u] for u in users]
    new_truth = [t[~np.isin(t, seen[i].indices)] for i, t in enumerate(truth)]
    results = []
    for method in methods:
        step(f"{split.name}: fitting {method.name}")
        began = time.perf_counter()
        method.fit(split.train)
        fitted = time.perf_counter()
        scores = [method.scores(users[i : i + BATCH]) for i in range(0, len(users), BATCH)]
        ranked = _ranked(scores, k, None if split.repeats else seen)
        scored = time.perf_counter()
        recall, ndcg = recall_and_ndcg(ranked, truth, k)
        detail: dict[str, Any] = {}
        if split.repeats:
            new_recall, new_ndcg = recall_and_ndcg(_ranked(scores, k, seen), new_truth, k)
            detail |= {
                "new_items": {
                    "recall": new_recall,
                    "ndcg": new_ndcg,
                    "users": sum(len(t) > 0 for t in new_truth),
                }
            }
        if isinstance(method, RetainScorer):
            detail |= {"config": method.config.to_dict(), "epochs": len(method.losses)}
        result = MethodResult(
            split.name,
            method.name,
            recall,
            ndcg,
            len(users),
            fitted - began,
            scored - fitted,
            detail,
        )
        results.append(result)
        step(f"{split.name}: {method.name} recall@{k} {recall:.4f} NDCG@{k} {ndcg:.4f}")
    return results


def _ranked(scores: list[np.ndarray], k: int, excluded: sparse.csr_matrix | None) -> np.ndarray:
    """Top k of each batch of scores, the excluded (user, item) pairs removed."""
    ranked, row = [], 0
    for batch in scores:
        mask = None if excluded is None else excluded[row : row + len(batch)]
        ranked.append(top_k(batch, k, mask))
        row += len(batch)
    return np.concatenate(ranked)


def evaluate(
    datasets: list[str],
    seed: int = 0,
    epochs: int | None = None,
    device: str = "cpu",
    progress: Progress | None = None,
) -> list[MethodResult]:
    """Every method on each named data set (instacart, movielens); buy-again where items repeat."""
    results: list[MethodResult] = []
    for name in datasets:
        split = load_split(name)
        config = replace(ModelConfig(seed=seed, device=device), **DATASET_CONFIG[name])
        if epochs is not None:
            config = replace(config, epochs=epochs)
        methods: list[Scorer] = [
            MostPopular(),
            *([BuyAgain()] if split.repeats else []),
            ItemKNN(KNN_NEIGHBOURS),
            EASE(EASE_L2[name]),
            RetainScorer(config, split.as_of, progress),
        ]
        results += evaluate_split(split, methods, K, progress)
    return results
