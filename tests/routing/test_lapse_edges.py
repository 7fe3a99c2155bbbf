""" "Since the end of <year|month>" after a negation is "since <year|month>" (no order after it
ends), and "since the start (or beginning) of <year|month>" is no order from its first day on;
both said in the note, as the other lapse readings are (lapses.py). "Since the end of last
year" is this year's first day. "Who hasn't bought since ..." is the at-risk list's, the one
list that takes a lapse (nudges.py)."""

import pytest

from assistant.routing import Memory, Router
from assistant.routing.lapses import Lapse, read
from assistant.routing.reading import Reader


@pytest.mark.parametrize(
    ("question", "lapse"),
    [
        (
            "haven't ordered since the end of 1997",
            Lapse(
                no_order_since="1998-01-01",
                note="(Read 'since the end of 1997' as no order after 1997-12-31.)",
            ),
        ),
        (
            "not bought since end of march",
            Lapse(
                no_order_since="04-01",
                note="(Read 'since end of march' as no order after the end of March.)",
            ),
        ),
        (
            "no orders since the end of feb 1996",
            Lapse(
                no_order_since="1996-03-01",
                note="(Read 'since the end of feb 1996' as no order after 1996-02-29.)",
            ),
        ),
        (
            "haven't ordered since the start of 1998",
            Lapse(
                no_order_since="1998-01-01",
                note="(Read 'since the start of 1998' as no order from 1998-01-01 on.)",
            ),
        ),
        (
            "not ordered since the beginning of march",
            Lapse(
                no_order_since="03-01",
                note="(Read 'since the beginning of march' as no order from March 1 on.)",
            ),
        ),
        (
            "never bought since the start of june 1997",
            Lapse(
                no_order_since="1997-06-01",
                note="(Read 'since the start of june 1997' as no order from 1997-06-01 on.)",
            ),
        ),
        ("not ordered since the end of last year", Lapse(no_order_since="year_start")),
        ("no orders since the end of last quarter", Lapse(no_order_since="quarter_start")),
    ],
)
def test_the_end_or_start_of_a_period_is_read_and_said(question: str, lapse: Lapse) -> None:
    assert read(Reader(question)) == lapse


@pytest.mark.parametrize(
    "question",
    [
        "sales since the end of 1997",  # nobody said not to have ordered: a sales period
        "haven't ordered since the end of 1997-03",  # no year alone
    ],
)
def test_no_edge_without_a_negation_or_with_more_digits(question: str) -> None:
    assert read(Reader(question)) == Lapse()


@pytest.mark.parametrize(
    ("question", "args", "note"),
    [
        (
            "which customers haven't ordered since the end of 1997",
            {"no_order_since": "1998-01-01"},
            "(Read 'since the end of 1997' as no order after 1997-12-31.)",
        ),
        (
            "who hasn't bought since the end of 1997",
            {"no_order_since": "1998-01-01"},
            "(Read 'since the end of 1997' as no order after 1997-12-31.)",
        ),
        # "Who ... bought" reads like the top customers; only the at-risk list takes a lapse.
        (
            "who hasn't bought since 1997",
            {"no_order_since": "1998-01-01"},
            "(Read 'since 1997' as no order after 1997-12-31.)",
        ),
        ("who hasn't bought since the end of last month", {"no_order_since": "month_start"}, ""),
        (
            "customers who haven't ordered since the beginning of march",
            {"no_order_since": "03-01"},
            "(Read 'since the beginning of march' as no order from March 1 on.)",
        ),
    ],
)
def test_the_at_risk_list_takes_the_edge_with_its_note(
    question: str, args: dict[str, object], note: str, minilm_router: Router
) -> None:
    route = minilm_router.route(question, Memory(), "operator")
    assert (route.tool, route.args, route.reason) == ("at_risk_customers", args, note)
