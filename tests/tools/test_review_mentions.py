"""review_sentiment's `about` ("what's the sentiment of earl grey reviews"): only the reviews
whose text mentions every word, in any case, as a word or its plural; the scope said in the
answer and the result, the complaint themes of those reviews only, and words that can name
nothing refused by name. Counted here from the index rows by splitting their words."""

import re

import pytest

from assistant.tools.reviews import review_sentiment
from commerce.errors import InvalidInput
from tests.tools.conftest import MakeContext


def _saying(make_ctx: MakeContext, *words: str) -> dict[str, int]:
    """Each sentiment's count among the reviews whose words hold every one of `words` (or its
    plural with s), by splitting the texts: not the tool's regular expression."""
    rows = make_ctx().data.review_index().metadata
    said = [set(re.findall(r"[a-z]+", str(text).lower())) for text in rows["text"]]
    keep = [all(w in s or f"{w}s" in s for w in words) for s in said]
    labels = rows[keep]["sentiment_label"]
    return {str(label): int(n) for label, n in labels.value_counts().items()}


def test_only_reviews_mentioning_every_word_are_counted(make_ctx: MakeContext) -> None:
    expected = _saying(make_ctx, "jar", "broken")
    out = review_sentiment(make_ctx(), about="the jar BROKEN")
    assert {k: v for k, v in out.result["counts"].items() if v} == expected
    total = sum(expected.values())
    assert 0 < total < len(make_ctx().data.review_index().metadata)
    assert out.answer.startswith(f"Of {total} reviews mentioning 'jar broken', ")
    assert out.result["filters"]["mentions"] == ["jar", "broken"]
    assert all("broken" in t["name"] or "jar" in t["name"] or "box" in t["name"]
               for t in out.result["themes"])  # fmt: skip


def test_a_plural_is_the_word_and_any_case_counts(make_ctx: MakeContext) -> None:
    # "Stale again." (the leaky review) starts with a capital; "beans" is the plural.
    stale = review_sentiment(make_ctx(), about="stale")
    assert stale.result["reviews"] == sum(_saying(make_ctx, "stale").values())
    bean = review_sentiment(make_ctx(), about="bean")
    assert bean.result["reviews"] == sum(_saying(make_ctx, "bean").values()) > 0


def test_about_narrows_a_category_and_nothing_said_is_said(make_ctx: MakeContext) -> None:
    out = review_sentiment(make_ctx(), about="stale", category="Tea")
    assert out.answer.startswith("Of ") or out.answer.startswith("There are no reviews")
    assert " mentioning 'stale' in category Tea" in out.answer
    none = review_sentiment(make_ctx(), about="zeppelin")
    assert none.answer == "There are no reviews mentioning 'zeppelin'."
    assert none.result["reviews"] == 0 and none.result["themes"] == []


@pytest.mark.parametrize(
    ("asked", "why"),
    [
        ({"about": "the of"}, "names no word a review could mention"),
        ({"about": "one two three four five six seven"}, "give at most 6"),
        ({"about": "stale", "text": "so stale"}, "give either text, or"),
    ],
)
def test_words_that_can_name_nothing_are_refused(
    make_ctx: MakeContext, asked: dict[str, str], why: str
) -> None:
    with pytest.raises(InvalidInput, match=why):
        review_sentiment(make_ctx(), **asked)  # type: ignore[arg-type]
