"""Complaint themes: clusters of negative reviews named by their distinctive words."""

import numpy as np

from retrieval.reviews import ReviewIndex
from retrieval.sentiment import SentimentHead
from retrieval.terms import class_tfidf, tokens, top_terms
from retrieval.themes import complaint_themes
from tests.retrieval.factories import make_reviews
from tests.retrieval.fakes import HashingEmbedder

FLAT_HEAD = SentimentHead(np.zeros(384), 0.0, 0.2)  # every score 0: labels are set by the test


def negative_index() -> ReviewIndex:
    """120 reviews; the stale, broken and sweet ones are marked negative, the love ones not."""
    index = ReviewIndex.build(make_reviews(120), HashingEmbedder(), "v1", FLAT_HEAD)
    negative = ~index.metadata["text"].str.contains("delicious")
    index.metadata.loc[negative, "sentiment_label"] = "negative"
    return index


def test_three_complaints_become_three_named_themes() -> None:
    themes = complaint_themes(negative_index(), themes=3)
    assert sorted(t.count for t in themes) == [30, 30, 30]
    names = " ".join(t.name for t in themes)
    for word in ("stale", "broken", "sweet"):
        assert sum(word in t.name for t in themes) == 1, names
    for theme in themes:
        assert len(theme.examples) == 3
        assert all(theme.terms[0].split()[0] in hit.text for hit in theme.examples)
        assert abs(theme.share - 1 / 3) < 1e-9


def test_themes_of_a_customer_group_only_use_their_reviews() -> None:
    index = negative_index()
    group = {"c0", "c4", "c8"}  # with 12 customers and 4 topics, these wrote only 'stale'
    themes = complaint_themes(index, customer_ids=group)
    assert sum(t.count for t in themes) == 30
    assert all(hit.customer_id in group for t in themes for hit in t.examples)
    assert complaint_themes(index, customer_ids=set()) == []


def test_default_theme_count_and_empty_input() -> None:
    themes = complaint_themes(negative_index())
    assert 1 <= len(themes) <= 8 and sum(t.count for t in themes) == 90
    index = ReviewIndex.build(make_reviews(8), HashingEmbedder(), "v1", FLAT_HEAD)
    assert complaint_themes(index) == []  # no negative reviews


def test_terms_skip_markup_and_stop_words() -> None:
    assert tokens("It was <br /><b>STALE</b> &amp; old") == ["stale", "old", "stale old"]
    weights = class_tfidf([["stale beans stale beans"] * 3, ["broken jar broken jar"] * 3])
    assert top_terms(weights[0], 2)[0] == "stale beans"
    assert top_terms(weights[1], 1) == ["broken jar"]
