"""Sentiment of any text: a score in [-1, 1] and a label, from a small head on MiniLM vectors.

No package ships a trained sentiment model, so Retain ships its own head (sentiment_head.json, a
logistic regression over the 384-d all-MiniLM-L6-v2 embedding), trained on real Amazon
fine-food reviews by `python -m retrieval.train_sentiment`, which documents how the score and the
neutral band are derived. In short: p = P(5-star review | text), fitted with balanced classes so
p = 0.5 means "no lean either way"; score = 2p - 1; the label is neutral when
|score| < neutral_band, a width chosen on a validation split.

A second opinion from the LLM is a seam, not a feature yet: pass `second_opinion`, a function
that takes the text and returns the model's verdict as text. The LLM layer (issue 5) provides
it; it must hand the text to the model as quoted data, never as instructions.
"""

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import numpy as np

from commerce.errors import InvalidInput, Unavailable
from retrieval.embedder import Embedder

Label = Literal["negative", "neutral", "positive"]
LABELS: tuple[Label, ...] = ("negative", "neutral", "positive")
HEAD_PATH = Path(__file__).with_name("sentiment_head.json")

SecondOpinion = Callable[[str], str]


@dataclass(frozen=True)
class Sentiment:
    """One text's sentiment; `second_opinion` is the LLM's verdict when one was asked for."""

    score: float
    label: Label
    second_opinion: str | None = None

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"score": round(self.score, 4), "label": self.label}
        if self.second_opinion is not None:
            data["second_opinion"] = self.second_opinion
        return data


@dataclass(frozen=True)
class SentimentHead:
    """Logistic regression on unit embeddings: score = tanh((w·x + b) / 2) = 2·sigmoid - 1."""

    weights: np.ndarray  # (d,)
    bias: float
    neutral_band: float
    info: dict[str, Any] = field(default_factory=dict)

    @property
    def dimension(self) -> int:
        return int(self.weights.shape[0])

    def scores(self, embeddings: np.ndarray) -> np.ndarray:
        """Scores in [-1, 1], one per row of `embeddings` (n, d)."""
        if embeddings.ndim != 2 or embeddings.shape[1] != self.dimension:
            raise InvalidInput(
                f"the sentiment head takes {self.dimension}-d embeddings, got shape "
                f"{embeddings.shape} (use the MiniLM embedder)"
            )
        logits = embeddings.astype(np.float64) @ self.weights + self.bias
        scores: np.ndarray = np.tanh(logits / 2.0)
        return scores

    def labels(self, scores: np.ndarray) -> list[Label]:
        """negative / neutral / positive: neutral inside the band around zero."""
        return [label_of(float(s), self.neutral_band) for s in scores]

    def to_json(self) -> str:
        record = {
            "kind": "sentiment-head",
            "dimension": self.dimension,
            "bias": self.bias,
            "neutral_band": self.neutral_band,
            "info": self.info,
            "weights": [round(float(w), 6) for w in self.weights],
        }
        return json.dumps(record, indent=1)

    @classmethod
    def load(cls, path: Path = HEAD_PATH) -> "SentimentHead":
        """The head shipped with Retain, or another written by `train_sentiment`."""
        try:
            record = json.loads(path.read_text(encoding="utf-8"))
            return cls(
                np.asarray(record["weights"], dtype=np.float64),
                float(record["bias"]),
                float(record["neutral_band"]),
                dict(record.get("info", {})),
            )
        except (OSError, ValueError, KeyError) as error:
            raise Unavailable(
                f"the sentiment head {path} is missing or unreadable ({error}): "
                "run `python -m retrieval.train_sentiment`"
            ) from error


def label_of(score: float, neutral_band: float) -> Label:
    """The label of one score."""
    if score >= neutral_band:
        return "positive"
    if score <= -neutral_band:
        return "negative"
    return "neutral"


# Stars that say what the customer thought whatever the words read as: praise from 4 up,
# a complaint at 2 or under (review labels here, review alerts in assistant/alerts).
PRAISING_STARS, COMPLAINING_STARS = 4, 2


def review_label(score: float, rating: float | None, neutral_band: float) -> Label:
    """The label of a review: its text's, unless the reviewer's own stars say the other way.
    A 4- or 5-star review read as negative ("difficult to drink other coffees once used to
    this one", 120 of the demo's 5-star reviews) is neutral, not a complaint, and a 1- or
    2-star review read as positive neutral too: the stars are what the customer said of it,
    the score a model's reading of the words (kept as it is)."""
    label = label_of(score, neutral_band)
    if rating is None or rating != rating:  # no stars (NaN): the words alone
        return label
    praised, complained = rating >= PRAISING_STARS, rating <= COMPLAINING_STARS
    if (label == "negative" and praised) or (label == "positive" and complained):
        return "neutral"
    return label


def analyse(
    texts: Sequence[str], embedder: Embedder, head: SentimentHead | None = None
) -> list[Sentiment]:
    """Sentiment of each text, in input order. A blank text has no sentiment: 0, neutral."""
    head = head or SentimentHead.load()
    results = [Sentiment(0.0, "neutral")] * len(texts)
    worded = [i for i, text in enumerate(texts) if text.strip()]
    if worded:
        scores = head.scores(embedder.embed([texts[i] for i in worded]))
        for i, score in zip(worded, scores, strict=True):
            results[i] = Sentiment(float(score), label_of(float(score), head.neutral_band))
    return results


def analyse_one(
    text: str,
    embedder: Embedder,
    head: SentimentHead | None = None,
    second_opinion: SecondOpinion | None = None,
) -> Sentiment:
    """Sentiment of one text; with `second_opinion`, the LLM's verdict is attached beside it
    (never mixed into the score, which stays the head's)."""
    (result,) = analyse([text], embedder, head)
    if second_opinion is None:
        return result
    return Sentiment(result.score, result.label, second_opinion(text))
