"""The baselines against their definitions, and the metrics on hand-checked cases."""

import numpy as np
import pandas as pd
import pytest

from retrieval.recs.baselines import EASE, BuyAgain, ItemKNN, MostPopular
from retrieval.recs.evaluate import recall_and_ndcg, top_k
from retrieval.recs.interactions import Interactions, from_frame


def random_interactions(seed: int = 0, users: int = 30, items: int = 12) -> Interactions:
    rng = np.random.default_rng(seed)
    bought = rng.random((users, items)) < 0.3
    rows, columns = np.nonzero(bought)
    frame = pd.DataFrame({"user": rows, "item": columns, "ts": 0.0})
    return from_frame(
        frame.assign(
            user=lambda f: f["user"].map("u{:03d}".format),
            item=lambda f: f["item"].map("i{:03d}".format),
        )
    )


def test_ease_is_the_closed_form_of_steck_2019() -> None:
    interactions = random_interactions()
    x = interactions.matrix(binary=True).toarray()
    l2 = 5.0
    p = np.linalg.inv(x.T @ x + l2 * np.eye(x.shape[1]))
    b = -p / np.diag(p)
    np.fill_diagonal(b, 0.0)
    fitted = EASE(l2).fit(interactions)
    assert np.allclose(fitted.weights, b)
    assert np.allclose(fitted.scores(np.arange(3)), x[:3] @ b)


def test_item_knn_sums_cosine_similarities_of_the_history() -> None:
    interactions = random_interactions(1)
    x = interactions.matrix(binary=True).toarray()
    norms = np.linalg.norm(x, axis=0)
    cosine = (x.T @ x) / np.outer(norms, norms)
    np.fill_diagonal(cosine, 0.0)
    assert np.allclose(
        ItemKNN(neighbours=100).fit(interactions).scores(np.arange(4)), x[:4] @ cosine
    )
    # Kept neighbours only: each item's single nearest.
    one = ItemKNN(neighbours=1).fit(interactions)
    assert (np.asarray((one.similarity > 0).sum(axis=0)).ravel() <= 1).all()


def test_popular_and_buy_again() -> None:
    frame = pd.DataFrame(
        {
            "user": ["a", "a", "a", "b", "c"],
            "item": ["x", "x", "y", "y", "y"],
            "ts": [0.0, 1.0, 2.0, 0.0, 0.0],
        }
    )
    interactions = from_frame(frame)
    assert MostPopular().fit(interactions).scores(np.arange(1)).tolist() == [[1.0, 3.0]]
    again = BuyAgain().fit(interactions).scores(np.arange(2))
    assert again[0].argmax() == 0  # a bought x twice, y once
    assert again[1].argmax() == 1


def test_recall_and_ndcg_on_hand_checked_cases() -> None:
    ranked = np.array([[1, 2, 3], [4, 5, 6]])
    truth = [np.array([2, 9]), np.array([4, -1, 7, 8, 10])]
    recall, ndcg = recall_and_ndcg(ranked, truth, k=3)
    first = (1 / np.log2(3)) / (1 + 1 / np.log2(3))
    second = 1.0 / (1 + 1 / np.log2(3) + 1 / np.log2(4))
    assert recall == pytest.approx((0.5 + 1 / 3) / 2)
    assert ndcg == pytest.approx((first + second) / 2)


def test_top_k_breaks_ties_by_column_and_skips_exclusions() -> None:
    scores = np.array([[0.5, 0.9, 0.5, 0.1]])
    assert top_k(scores, 3).tolist() == [[1, 0, 2]]
    excluded = np.array([[0, 1, 0, 0]])
    assert top_k(scores, 2, excluded).tolist() == [[0, 2]]
