"""review_sentiment's k without per: the complaint themes listed ("the top 3 complaints"),
largest first, in the answer, the result and the card; every theme found without it."""

from assistant.tools.periods import MAX_DAYS
from assistant.tools.reviews import review_sentiment
from tests.tools.conftest import MakeContext


def test_k_caps_the_themes_listed_and_says_of_how_many(make_ctx: MakeContext) -> None:
    ctx = make_ctx()
    every = review_sentiment(ctx)
    found = every.result["themes"]
    assert len(found) > 1, "the fixture store should have several complaint themes"
    assert every.result["themes_found"] == len(found)
    assert " Top complaint themes: " in every.answer  # none left out, so no "of"
    top = review_sentiment(ctx, k=1)
    assert top.result["themes"] == found[:1] == top.cards[0]["themes"]
    assert top.result["themes_found"] == len(found)
    assert f" Top 1 of {len(found)} complaint themes: {found[0]['name']} (" in top.answer
    assert found[1]["name"] not in top.answer.split("complaint themes:")[1]
    # The reviews counted are all of them still: k limits the themes, not the reviews.
    assert top.result["counts"] == every.result["counts"]


def test_k_of_more_themes_than_found_lists_them_all(make_ctx: MakeContext) -> None:
    ctx = make_ctx()
    every = review_sentiment(ctx)
    more = review_sentiment(ctx, k=50)
    assert more.result == every.result and more.answer == every.answer


def test_k_caps_the_themes_of_a_period_too(make_ctx: MakeContext) -> None:
    # A period's themes are clustered for the call, not kept per index version.
    ctx = make_ctx()
    every = review_sentiment(ctx, days=MAX_DAYS)
    assert len(every.result["themes"]) > 1
    top = review_sentiment(ctx, days=MAX_DAYS, k=1)
    assert top.result["themes"] == every.result["themes"][:1] == top.cards[0]["themes"]
