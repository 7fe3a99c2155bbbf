""" "Stopped buying after <day>" after a negation is no order from the next day on; "after
<year|month>" is read as "since <year|month>" (the last order was in it); both said in the
note (lapses.py). A day that is no day of the calendar goes to the tool as written, which
refuses it by name."""

import pytest

from assistant.routing import Memory, Router
from assistant.routing.lapses import Lapse, read
from assistant.routing.reading import Reader


@pytest.mark.parametrize(
    ("question", "lapse"),
    [
        (
            "who stopped buying after 12/31/97",
            Lapse(
                no_order_since="1998-01-01",
                note="(Read 'after 12/31/97' as no order from 1998-01-01 on.)",
            ),
        ),
        (
            "customers that stopped ordering after feb 28",
            Lapse(
                no_order_since="03-01", note="(Read 'after feb 28' as no order from March 1 on.)"
            ),
        ),
        (
            "haven't ordered after 1997",
            Lapse(
                no_order_since="1998-01-01",
                note="(Read 'after 1997' as no order after 1997-12-31.)",
            ),
        ),
        (
            "not bought anything after march 1998",
            Lapse(
                no_order_since="1998-04-01",
                note="(Read 'after march 1998' as no order after 1998-03-31.)",
            ),
        ),
        ("stopped buying after 2/30/98", Lapse(no_order_since="1998-02-30")),
        ("haven't ordered since 1998-01-05", Lapse(no_order_since="1998-01-05")),
    ],
)
def test_after_a_day_is_from_the_next_day(question: str, lapse: Lapse) -> None:
    assert read(Reader(question)) == lapse


def test_after_without_a_negation_is_no_lapse() -> None:
    assert read(Reader("customers who ordered after 12/31/97")) == Lapse()


def test_the_at_risk_list_takes_it(minilm_router: Router) -> None:
    route = minilm_router.route("who stopped buying after 12/31/97", Memory(), "operator")
    assert (route.tool, route.args) == ("at_risk_customers", {"no_order_since": "1998-01-01"})
