"""Periods the router dropped for the default 90 days without a word: a month's name a typo
away ("febuary 1998"), a year after the unit months are ranked by ("sales by month 1998"), and
a second period compare_to cannot take ("the second half of 1997 compared to the first half of
1998"), whose answer's change on the days just before read as the comparison asked; the same
half a year before is compared as the same days a year back."""

import pytest

from assistant.routing import SIGNATURES, Memory, Router, Vocabulary, extract
from assistant.routing.args import build
from assistant.routing.compared_periods import uncompared
from assistant.routing.spelling import month_read, spelled_out


@pytest.mark.parametrize(
    ("typed", "month"),
    [
        ("febuary", "february"),
        ("feburary", "february"),
        ("januray", "january"),
        ("septmber", "september"),
        ("marhc", "march"),
        ("agust", "august"),
        ("Novmber", "november"),
        ("match", None),  # an English word
        ("marco", None),  # a name
        ("march", None),  # a month already
        ("junee", None),  # a short month takes no edit
        ("mayor", None),
    ],
)
def test_a_month_a_typo_away(typed: str, month: str | None) -> None:
    assert month_read(typed) == month


def test_only_a_misspelt_month_placed_as_a_period_is_repaired() -> None:
    assert spelled_out("orders in febuary 1998") == "orders in february 1998"
    assert spelled_out("januray 98 sales") == "january 1998 sales"
    assert spelled_out("sales since septmber") == "sales since september"
    assert spelled_out("revenue on octobr 5th") == "revenue on october 5th"
    for kept in ("orders from Marco", "a match in 1998", "ask agust about it", "sales of marhc"):
        assert spelled_out(kept) == kept


@pytest.mark.parametrize(
    ("text", "args"),
    [
        ("how many orders did we get in febuary 1998", {"month": "1998-02"}),
        ("sales in feburary 1998", {"month": "1998-02"}),
        ("sales by month 1998", {"year": "1998", "per": "month"}),
        ("revenue per quarter 1997", {"year": "1997", "per": "quarter"}),
        ("sales by month in 1998", {"year": "1998", "per": "month"}),
    ],
)
def test_the_period_is_kept(text: str, args: dict[str, object], vocabulary: Vocabulary) -> None:
    said = spelled_out(text)
    built = build(SIGNATURES["top_products"], extract(said, vocabulary), said, Memory())
    assert built.values == args


@pytest.mark.parametrize(
    ("text", "other"),
    [
        (
            "what was revenue in the first half of 1998 compared to the first half of 1997",
            "the first half of 1997",
        ),
        ("revenue ytd vs same period last year", "the same period last year"),
        ("sales in h1 1998 versus h1 1997?", "h1 1997"),
        ("total sales 1997 vs 1998", None),  # compare_to takes it
        ("champions vs loyal", None),
    ],
)
def test_a_second_period_compare_to_cannot_take(text: str, other: str | None) -> None:
    assert uncompared(text) == other


def test_the_answer_says_the_span_is_not_compared(minilm_router: Router) -> None:
    route = minilm_router.route(
        "what was revenue in the second half of 1997 compared to the first half of 1998",
        Memory(),
        "operator",
    )
    assert route.args == {"since": "1997-07-01", "until": "1997-12"}
    assert "not the first half of 1998" in route.reason
    assert "days just before" in route.reason
    # The same half a year before is the same days a year back: compared, no note.
    for text in (
        "what was revenue in the first half of 1998 compared to the first half of 1997",
        "sales h1 1997 vs h1 1998",
        "compare first half of 1998 with first half of 1997",
    ):
        route = minilm_router.route(text, Memory(), "operator")
        assert (route.tool, route.reason) == ("top_products", "")
        assert route.args == {
            "since": "1998-01-01",
            "until": "1998-06",
            "compare_to": "year earlier",
        }
    # The same days a year back are compared now (compare_to "year earlier", no note).
    route = minilm_router.route("revenue ytd vs same period last year", Memory(), "operator")
    assert route.args == {"since": "year_start", "compare_to": "year earlier"}
    assert "not the same period last year" not in route.reason


def test_a_period_compare_to_takes_carries_no_note(minilm_router: Router) -> None:
    route = minilm_router.route("total sales 1997 vs 1998", Memory(), "operator")
    assert route.args == {"year": "1998", "compare_to": "1997"}
    assert route.reason == ""
