"""How the words for a lapse are read where that is not plain, said in the answer's note: "since
1997" after a negation is no order after 1997 (lapses.py), a count with a fraction is whole
days, and a count that cannot be whole days is said to be unread."""

import pytest

from assistant.routing import Memory, Router
from assistant.routing.lapses import Lapse, read
from assistant.routing.reading import Reader

AFTER_1997 = "(Read 'since 1997' as no order after 1997-12-31.)"


@pytest.mark.parametrize(
    ("question", "lapse"),
    [
        ("haven't bought since 1997", Lapse(no_order_since="1998-01-01", note=AFTER_1997)),
        (
            "not ordered since march",
            Lapse(
                no_order_since="04-01",
                note="(Read 'since march' as no order after the end of March.)",
            ),
        ),
        (
            "no orders since december 1997",
            Lapse(
                no_order_since="1998-01-01",
                note="(Read 'since december 1997' as no order after 1997-12-31.)",
            ),
        ),
        (
            "never bought since feb 1996",
            Lapse(
                no_order_since="1996-03-01",
                note="(Read 'since feb 1996' as no order after 1996-02-29.)",
            ),
        ),
        # A full day is that day, as written.
        ("not ordered since march 5th", Lapse(no_order_since="03-05")),
        ("no order since 1998-01-01", Lapse(no_order_since="1998-01-01")),
    ],
)
def test_a_bare_year_or_month_after_since_is_no_order_after_it(question: str, lapse: Lapse) -> None:
    assert read(Reader(question)) == lapse


@pytest.mark.parametrize(
    ("question", "lapse"),
    [
        (
            "haven't ordered in 1.5 years",
            Lapse(quiet_days=547, note="(Read 'in 1.5 years' as 547 days.)"),
        ),
        (
            "no order in 2.5 months",
            Lapse(quiet_days=75, note="(Read 'in 2.5 months' as 75 days.)"),
        ),
    ],
)
def test_a_count_with_a_fraction_is_whole_days_said(question: str, lapse: Lapse) -> None:
    assert read(Reader(question)) == lapse


def test_a_count_that_is_no_whole_days_is_said_unread() -> None:
    reader = Reader("who hasn't ordered in 2.5 days")
    lapse = read(reader)
    assert not lapse.asked
    assert lapse.note.startswith("(Couldn't read 'in 2.5 days' as whole days")
    assert "2.5" not in reader.text  # no other finder reads it as a horizon either


@pytest.mark.parametrize(
    ("question", "args", "note"),
    [
        (
            "which customers haven't ordered since 1997",
            {"no_order_since": "1998-01-01"},
            AFTER_1997,
        ),
        (
            "regulars who haven't ordered since march",
            {"no_order_since": "04-01"},
            "(Read 'since march' as no order after the end of March.)",
        ),
        (
            "customers who haven't ordered in 1.5 years",
            {"quiet_days": 547},
            "(Read 'in 1.5 years' as 547 days.)",
        ),
        ("customers who haven't ordered since march 5", {"no_order_since": "03-05"}, ""),
    ],
)
def test_the_at_risk_list_says_how_the_lapse_was_read(
    question: str, args: dict[str, object], note: str, minilm_router: Router
) -> None:
    route = minilm_router.route(question, Memory(), "operator")
    assert (route.tool, route.args, route.reason) == ("at_risk_customers", args, note)


def test_a_sales_period_since_a_month_stays_its_first_day(minilm_router: Router) -> None:
    route = minilm_router.route("what sold best since march", Memory(), "operator")
    assert (route.tool, route.args.get("since"), route.reason) == ("top_products", "03-01", "")


def test_products_not_sold_since_a_year_stopped_from_the_next(minilm_router: Router) -> None:
    # the days nothing sold in are the period (args.stopped_since), said by the answer's dates
    route = minilm_router.route("which products have not sold since 1997", Memory(), "operator")
    assert (route.tool, route.args, route.reason) == (
        "top_products", {"trend": "stopped", "since": "1998-01-01"}, ""
    )  # fmt: skip
