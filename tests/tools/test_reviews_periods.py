"""search_reviews and review_sentiment over a period: the last days, or by the calendar placed
before the last review's day (the fixture's reviews run from 200 to 81 days before it, and one
on that day)."""

import pandas as pd
import pytest

from assistant.tools.reviews import review_sentiment, search_reviews
from commerce.errors import InvalidInput
from tests.tools.conftest import MakeContext


def _written(make_ctx: MakeContext) -> "pd.Series[pd.Timestamp]":
    return pd.to_datetime(make_ctx().data.store().table("reviews")["ts"]).dt.normalize()


def test_the_last_days_keep_the_reviews_written_in_them(make_ctx: MakeContext) -> None:
    written = _written(make_ctx)
    last = written.max()
    out = search_reviews(make_ctx(), days=90, k=50)
    hits = out.result["hits"]
    # 9 reviews written 89 to 81 days before the last one, and the last one itself.
    assert len(hits) == 10 == int((written >= last - pd.Timedelta(days=89)).sum())
    assert all(pd.Timestamp(h["ts"]) >= last - pd.Timedelta(days=89) for h in hits)
    assert f" in the 90 days to {last:%Y-%m-%d}, the latest first" in out.answer
    assert (out.result["filters"]["from"], out.result["filters"]["to"]) == (
        f"{last - pd.Timedelta(days=89):%Y-%m-%d}", f"{last:%Y-%m-%d}",
    )  # fmt: skip
    card = out.cards[0]
    assert (card["from"], card["to"]) == (out.result["filters"]["from"], f"{last:%Y-%m-%d}")
    assert "from" not in search_reviews(make_ctx(), k=1).cards[0]  # all reviews


def test_a_calendar_month_counts_its_reviews(make_ctx: MakeContext) -> None:
    written = _written(make_ctx)
    last = written.max()
    start = (last.replace(day=1) - pd.DateOffset(months=5)).normalize()
    end = start + pd.offsets.MonthEnd(0)
    expected = int(((written >= start) & (written <= end)).sum())
    assert expected > 0
    out = review_sentiment(make_ctx(), month=f"{start:%Y-%m}")
    assert out.result["reviews"] == expected == sum(out.result["counts"].values())
    assert out.answer.startswith(f"Of {expected} reviews from {start:%Y-%m-%d} to {end:%Y-%m-%d}, ")
    themes = out.result["themes"]
    assert sum(t["count"] for t in themes) == out.result["counts"]["negative"]
    assert out.cards[0]["from"] == f"{start:%Y-%m-%d}"
    everything = review_sentiment(make_ctx())
    assert everything.result["reviews"] > expected and everything.result["filters"]["from"] is None


def test_a_month_without_reviews_says_so(make_ctx: MakeContext) -> None:
    last = _written(make_ctx).max()
    # The month before the last review's began at most 62 days before it: no review then.
    out = review_sentiment(make_ctx(), month="last")
    start = (last.replace(day=1) - pd.DateOffset(months=1)).normalize()
    end = start + pd.offsets.MonthEnd(0)
    assert out.result["reviews"] == 0 and out.result["themes"] == []
    assert out.answer == f"There are no reviews from {start:%Y-%m-%d} to {end:%Y-%m-%d}."
    assert out.result["filters"]["from"] == f"{start:%Y-%m-%d}"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            {"text": "fine", "days": 30},
            "give either text, or customer_id / product_id / segment / a period",
        ),
        ({"until": "13-05"}, "until '13-05' is no day of the calendar"),
        ({"year": "2199"}, "year 2199 begins after the last review's day, "),
        ({"days": 7, "month": "last"}, "not days \\(7\\) and month \\('last'\\)"),
    ],
)
def test_what_is_refused_is_named(
    make_ctx: MakeContext, args: dict[str, object], message: str
) -> None:
    with pytest.raises(InvalidInput, match=message):
        review_sentiment(make_ctx(), **args)  # type: ignore[arg-type]
