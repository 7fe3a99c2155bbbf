""" "After <day|month|year>" in a question about sales, customers or reviews is from the first
day after it: it was dropped ("sales after 1997" answered the default 90 days) or read as the
month itself ("top products after march 1998" answered March)."""

import pytest

from assistant.routing import Memory, Router
from assistant.routing.written_days import WrittenDay


@pytest.mark.parametrize(
    ("day", "after"),
    [
        (WrittenDay(iso="1997-12-31"), "1998-01-01"),
        (WrittenDay(month=2, day=28), "03-01"),
        (WrittenDay(month=3, year="1998"), "1998-04-01"),
        (WrittenDay(month=12, year="1997"), "1998-01-01"),
        (WrittenDay(month=12), "01-01"),
        (WrittenDay(iso="1998-02-30"), None),  # no day: the tool refuses it as written
    ],
)
def test_the_day_after(day: WrittenDay, after: str | None) -> None:
    assert day.after() == after


@pytest.mark.parametrize(
    ("message", "tool", "args"),
    [
        ("top products after march 1998", "top_products", {"since": "1998-04-01"}),
        ("sales after 1997", "top_products", {"since": "1998-01-01"}),
        ("revenue after feb 15 1998", "top_products", {"since": "1998-02-16"}),
        ("best sellers after may", "top_products", {"since": "06-01"}),
        ("who bought the most after 1997", "top_customers", {"since": "1998-01-01"}),
        ("reviews posted after may 1998", "search_reviews", {"since": "1998-06-01"}),
        (
            "who stopped buying after 12/31/97",
            "at_risk_customers",
            {"no_order_since": "1998-01-01"},
        ),
    ],
)
def test_after_is_from_the_next_day(
    message: str, tool: str, args: dict[str, str], minilm_router: Router
) -> None:
    route = minilm_router.route(message, Memory(), "operator")
    assert (route.tool, route.args) == (tool, args)


def test_after_with_no_day_is_no_period(minilm_router: Router) -> None:
    route = minilm_router.route(
        "what did customers buy after their first order", Memory(), "operator"
    )
    assert route.args == {}
