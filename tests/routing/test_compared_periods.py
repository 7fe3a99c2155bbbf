"""Two periods set against each other ("total sales 1997 vs 1998"): the later one asked, the
earlier to compare with (top_products' compare_to). The first was read alone, or the two as one
span, and the answer covered that without a word about the other."""

import pytest

from assistant.routing import Memory, Router
from assistant.routing.compared_periods import read
from assistant.routing.reading import Reader
from assistant.routing.written_days import Calendar
from tests.routing.chain import last_route


@pytest.mark.parametrize(
    ("message", "asked", "compare_to"),
    [
        ("total sales 1997 vs 1998", Calendar(year="1998"), "1997"),
        ("sales in 1998 versus 1997", Calendar(year="1998"), "1997"),
        ("compare revenue 1997 and 1998", Calendar(year="1998"), "1997"),
        ("how did sales change from q1 to q2 1998", Calendar(quarter="1998-Q2"), "1998-Q1"),
        ("revenue in march vs april 1998", Calendar(month="1998-04"), "1998-03"),
        ("q1 1998 against the fourth quarter of 1997", Calendar(quarter="1998-Q1"), "1997-Q4"),
        ("1998-03 compared with 1998-02", Calendar(month="1998-03"), "1998-02"),
        ("compare may and june", Calendar(month="06"), "05"),  # no year: June the later
        ("q3 vs q4", Calendar(quarter="Q4"), "Q3"),
        ("sales q1 98 versus q1 97", Calendar(quarter="1998-Q1"), "1997-Q1"),
        ("march '98 vs march '97", Calendar(month="1998-03"), "1997-03"),
        ("this month vs last month", Calendar(since="month_start"), "month before"),
        ("last year vs this year", Calendar(since="year_start"), "year before"),
        ("last quarter vs the one before", Calendar(quarter="last"), "quarter before"),
        ("revenue last month vs the month before", Calendar(month="last"), "month before"),
        ("and compared to 1997?", Calendar(), "1997"),
        ("and compared to the previous quarter?", Calendar(), "quarter before"),
        ("how did june 1998 do against june 1997", Calendar(month="1998-06"), "1997-06"),
    ],
)
def test_two_periods(message: str, asked: Calendar, compare_to: str) -> None:
    assert read(Reader(message)) == (asked, compare_to)


@pytest.mark.parametrize(
    "message",
    [
        "sales from march to april 1998",  # one span: no word of change
        "sales between 1997 and 1998",
        "customers who have not ordered in 1997 vs 1998",  # who lapsed
        "sales in 1998",
    ],
)
def test_no_comparison(message: str) -> None:
    assert read(Reader(message)) is None


@pytest.mark.parametrize(
    ("message", "args"),
    [
        ("total sales 1997 vs 1998", {"year": "1998", "compare_to": "1997"}),
        (
            "how did sales change from q1 to q2 1998",
            {"quarter": "1998-Q2", "compare_to": "1998-Q1"},
        ),
        ("best sellers in q1 1998 versus q4 1997", {"quarter": "1998-Q1", "compare_to": "1997-Q4"}),
    ],
)
def test_sales_compared(minilm_router: Router, message: str, args: dict[str, str]) -> None:
    route = minilm_router.route(message, Memory(), "operator")
    assert (route.tool, route.args) == ("top_products", args)


def test_a_follow_up_compares_the_last_call(minilm_router: Router) -> None:
    memory = Memory().after("top_products", {"year": "1998"}, {})
    route = minilm_router.route("and compared to 1997?", memory, "operator")
    assert (route.tool, route.args) == ("top_products", {"year": "1998", "compare_to": "1997"})
    with_q1 = minilm_router.route("how does that compare with q1 1997", memory, "operator")
    assert with_q1.args == {"year": "1998", "compare_to": "1997-Q1"}


def test_a_tool_that_compares_nothing_says_what_it_left_out(minilm_router: Router) -> None:
    route = minilm_router.route("how many reviews in 1997 vs 1998", Memory(), "operator")
    assert route.args.get("year") == "1998" and "compare_to" not in route.args
    assert route.reason == (
        "Only sales totals are set beside another period, so this answer leaves out 1997; ask "
        "about it on its own."
    )


@pytest.mark.parametrize("message", ["compare 1997 with 1998", "1997 vs 1998?"])
def test_two_periods_alone_are_sales(minilm_router: Router, message: str) -> None:
    route = minilm_router.route(message, Memory(), "operator")
    assert (route.tool, route.args) == ("top_products", {"year": "1998", "compare_to": "1997"})


def test_segments_compared_after_the_segment_list_are_no_sales(minilm_router: Router) -> None:
    memory = Memory().after("list_segments", {}, {})
    route = minilm_router.route("compare them with the loyal ones", memory, "operator")
    assert route.tool != "top_products"


@pytest.mark.parametrize(
    ("chain", "args"),
    [
        (["coffee sales in 1998", "compare with 1997"], {"year": "1998", "category": "Coffee"}),
        (["how much did we sell in march 1998", "vs 1997?"], {"month": "1998-03"}),
        (["sales in q1 1998", "compared to q1 1997"], {"quarter": "1998-Q1"}),
    ],
)
def test_a_comparison_after_sales_keeps_what_was_asked(
    known_router: Router, chain: list[str], args: dict[str, str]
) -> None:
    route = last_route(known_router, chain)
    assert route.tool == "top_products"
    assert {k: v for k, v in route.args.items() if k != "compare_to"} == args
