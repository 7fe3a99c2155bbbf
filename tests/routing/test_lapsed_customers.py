"""How long customers have not ordered goes to the at-risk list's quiet_days or no_order_since
(lapses.py); the sales periods of other tools stay theirs, and a tool without the bound says
it did not apply it."""

import pytest

from assistant.routing import Memory, Router, Vocabulary, extract
from assistant.routing.arg_notes import notes
from assistant.routing.lapses import Lapse, read
from assistant.routing.reading import Reader
from assistant.routing.signatures import SIGNATURES


@pytest.mark.parametrize(
    ("question", "lapse"),
    [
        ("haven't ordered in 6 months", Lapse(quiet_days=180)),
        ("who hasn't ordered for three months", Lapse(quiet_days=90)),
        ("have not bought in a year", Lapse(quiet_days=365)),
        ("have not ordered in the last year", Lapse(quiet_days=365)),
        ("never ordered in the past 2 weeks", Lapse(quiet_days=14)),
        ("not ordered since march 5th", Lapse(no_order_since="03-05")),
        ("no orders since the start of the quarter", Lapse(no_order_since="quarter_start")),
        ("not bought anything this month", Lapse(no_order_since="month_start")),
    ],
)
def test_a_lapse_is_read_after_words_that_say_nobody_ordered(question: str, lapse: Lapse) -> None:
    assert read(Reader(question)) == lapse


@pytest.mark.parametrize(
    "question",
    [
        "haven't ordered in months",  # how many is not said
        "customers who did not buy in 1997",  # no cutoff: they may have ordered after it
        "sales since march",
        "top customers in the last 90 days",
    ],
)
def test_no_lapse_is_read_where_none_is_said(question: str) -> None:
    reader = Reader(question)
    assert read(reader) == Lapse()
    assert reader.text == question


@pytest.mark.parametrize(
    ("question", "args"),
    [
        # "used to buy a lot" names no amount: no spend floor is made up for it.
        ("which customers haven't ordered in 6 months but used to buy a lot", {"quiet_days": 180}),
        ("who stopped buying in the last 90 days", {"quiet_days": 90}),
        ("customers with no order since 1998-01-01", {"no_order_since": "1998-01-01"}),
        ("lapsed customers who spent over $500", {"min_revenue": 500.01}),
        ("customers who have not bought anything this year", {"no_order_since": "year_start"}),
        # With a spend bound too: only the at-risk list takes the lapse (top_customers would
        # drop it with a note).
        (
            "customers with no orders in the last 3 months who spent over $200",
            {"min_revenue": 200.01, "quiet_days": 90},
        ),
        # A negation typed without its apostrophe is one (spelling.spelled_out).
        ("customers who havent ordered in 6 months", {"quiet_days": 180}),
        ("hasnt ordered since 1998-01-01", {"no_order_since": "1998-01-01"}),
        (
            "customrs who spent over $1000 but havent ordered since 1998-01-01",
            {"min_revenue": 1000.01, "no_order_since": "1998-01-01"},
        ),
    ],
)
def test_lapsed_customers_are_the_at_risk_list_with_their_cutoff(
    question: str, args: dict[str, object], minilm_router: Router
) -> None:
    route = minilm_router.route(question, Memory(), "operator")
    assert (route.tool, route.args, route.reason) == ("at_risk_customers", args, "")


@pytest.mark.parametrize(
    ("question", "tool", "args"),
    [
        ("top customers in the last 90 days", "top_customers", {"days": 90}),
        ("sales since march", "top_products", {"since": "03-01"}),
        # A negation of something other than ordering leaves the period to the tool.
        ("top products with no returns in the last 6 months", "top_products", {"days": 180}),
        ("which products have no reviews in the last 30 days", "review_sentiment", {"days": 30}),
    ],
)
def test_other_tools_keep_their_periods(
    question: str, tool: str, args: dict[str, object], minilm_router: Router
) -> None:
    route = minilm_router.route(question, Memory(), "operator")
    assert (route.tool, route.args) == (tool, args)


def test_a_lapse_asked_of_a_tool_without_it_is_said(vocabulary: Vocabulary) -> None:
    # Products that stopped selling take the lapse as their period (test_trends.py); any other
    # call of a tool without a lapse says it was not applied.
    text = "which products have not sold since march"
    said = notes(SIGNATURES["top_products"], extract(text, vocabulary), text, {})
    assert "cannot be limited to customers who have not ordered" in said
    stopped = {"trend": "stopped", "since": "04-01"}
    assert "cannot be limited" not in notes(
        SIGNATURES["top_products"], extract(text, vocabulary), text, stopped
    )
