"""The shipped sentiment head: its file, its labels, the second-opinion seam, and real texts."""

import numpy as np
import pandas as pd
import pytest

from commerce.errors import InvalidInput
from retrieval.embedder import MiniLMEmbedder
from retrieval.reviews import describe
from retrieval.sentiment import (
    HEAD_PATH,
    Sentiment,
    SentimentHead,
    analyse,
    analyse_one,
    label_of,
    review_label,
)
from tests.retrieval.fakes import HashingEmbedder


def test_shipped_head_is_small_and_reports_held_out_metrics() -> None:
    head = SentimentHead.load()
    assert head.dimension == 384 and 0 < head.neutral_band < 1
    assert HEAD_PATH.stat().st_size < 20_000
    held_out = head.info["held_out"]
    assert held_out["accuracy"] > 0.7 and held_out["macro_f1"] > 0.7


def test_labels_follow_the_band() -> None:
    assert [label_of(s, 0.3) for s in (-0.9, -0.3, 0.0, 0.29, 0.3)] == [
        "negative", "negative", "neutral", "neutral", "positive"
    ]  # fmt: skip
    head = SentimentHead(np.zeros(384), 0.0, 0.3)
    with pytest.raises(InvalidInput, match="384-d embeddings"):
        head.scores(np.zeros((2, 16)))


def test_a_reviews_stars_overrule_the_opposite_reading_of_its_words() -> None:
    # R31: 120 of the demo's 5-star reviews were "negative" complaints.
    assert [review_label(-0.7, r, 0.3) for r in (5.0, 4.0, 3.0, 1.0, None, float("nan"))] == [
        "neutral", "neutral", "negative", "negative", "negative", "negative"
    ]  # fmt: skip
    assert [review_label(0.7, r, 0.3) for r in (1.0, 2.0, 3.0, 5.0)] == [
        "neutral", "neutral", "positive", "positive"
    ]  # fmt: skip


def test_an_indexed_review_is_labelled_with_its_stars() -> None:
    reviews = pd.DataFrame(
        {"review_id": ["r1", "r2", "r3"], "customer_id": ["c1"] * 3, "product_id": ["p1"] * 3,
         "ts": ["2024-01-01"] * 3, "rating": [5, 1, None], "text": ["a", "b", "c"]}
    )  # fmt: skip
    head = SentimentHead(np.zeros(384), -3.0, 0.3)  # every text reads tanh(-1.5): negative
    described = describe(reviews, np.ones((3, 384), dtype=np.float32) / np.sqrt(384), head)
    assert list(described["sentiment_label"]) == ["neutral", "negative", "negative"]
    assert (described["sentiment_score"] < -0.3).all()  # the score is the words' still


def test_blank_text_is_neutral_and_order_is_kept() -> None:
    results = analyse(["  ", "great", "", "awful"], HashingEmbedder())
    assert results[0] == results[2] == Sentiment(0.0, "neutral")
    assert all(-1 <= r.score <= 1 for r in results)


def test_second_opinion_is_a_seam_beside_the_score() -> None:
    asked: list[str] = []

    def llm(text: str) -> str:
        asked.append(text)
        return "negative: the reviewer is unhappy"

    result = analyse_one("stale and awful", HashingEmbedder(), second_opinion=llm)
    assert asked == ["stale and awful"]
    assert result.second_opinion == "negative: the reviewer is unhappy"
    assert result.score == analyse_one("stale and awful", HashingEmbedder()).score


def test_real_reviews_get_the_obvious_labels(minilm: MiniLMEmbedder) -> None:
    negative, positive = analyse(
        [
            "Terrible. The coffee was stale, bitter and it arrived with the bag torn open. "
            "Waste of money, I threw it away.",
            "Absolutely delicious! The best dark chocolate I have ever had, my whole family "
            "loves it and I will order again.",
        ],
        minilm,
    )
    assert negative.label == "negative" and negative.score < -0.5
    assert positive.label == "positive" and positive.score > 0.5
