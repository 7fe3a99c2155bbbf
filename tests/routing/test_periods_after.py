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
    ("day", "before"),
    [
        (WrittenDay(iso="1998-01-01"), "1997-12-31"),
        (WrittenDay(month=3, year="1998"), "1998-02"),
        (WrittenDay(month=1, year="1998"), "1997-12"),
        (WrittenDay(month=3, day=5, year="1998"), "1998-03-04"),
        (WrittenDay(month=3), "02"),  # the tool places it at its latest, as "in March"
        (WrittenDay(month=1), "12"),
        (WrittenDay(month=3, day=1), "02"),  # February's end, leap year or not
        (WrittenDay(month=3, day=5), "03-04"),
        (WrittenDay(month=2, day=29), "02-28"),
        (WrittenDay(iso="1998-02-30"), None),
    ],
)
def test_the_day_before(day: WrittenDay, before: str | None) -> None:
    assert day.before() == before


@pytest.mark.parametrize(
    ("message", "tool", "args"),
    [
        ("top products after march 1998", "top_products", {"since": "1998-04-01"}),
        ("sales after 1997", "top_products", {"since": "1998-01-01"}),
        ("revenue after feb 15 1998", "top_products", {"since": "1998-02-16"}),
        ("best sellers after may", "top_products", {"since": "06-01"}),
        ("who bought the most after 1997", "top_customers", {"since": "1998-01-01"}),
        ("reviews posted after may 1998", "search_reviews", {"since": "1998-06-01"}),
        ("sales before march 1998", "top_products", {"until": "1998-02"}),
        ("best sellers before 1998", "top_products", {"until": "1997-12-31"}),
        ("who bought the most before 1998", "top_customers", {"until": "1997-12-31"}),
        ("revenue before 3/5/98", "top_products", {"until": "1998-03-04"}),
        (
            "sales after jan 1998 and before may 1998",
            "top_products",
            {"since": "1998-02-01", "until": "1998-04"},
        ),
        (
            "who stopped buying after 12/31/97",
            "at_risk_customers",
            {"no_order_since": "1998-01-01"},
        ),
    ],
)
def test_after_and_before_bound_the_period(
    message: str, tool: str, args: dict[str, str], minilm_router: Router
) -> None:
    route = minilm_router.route(message, Memory(), "operator")
    assert (route.tool, route.args) == (tool, args)


def test_after_with_no_day_is_no_period(minilm_router: Router) -> None:
    route = minilm_router.route(
        "what did customers buy after their first order", Memory(), "operator"
    )
    assert route.args == {}
