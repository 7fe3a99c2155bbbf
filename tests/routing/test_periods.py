"""A sales period read from a question by the calendar: "since January", "year to date", "in
March", "between March 5 and April 10", "Q1", "in 1997", "last month"; handed to top_products
as `since` (and `until`), `month`, `quarter` or `year`, with no `days` beside it, and not
mistaken for a horizon or a count."""

import pytest

from assistant.routing import SIGNATURES, Memory, Router, Vocabulary, extract
from assistant.routing.args import build


@pytest.mark.parametrize(
    ("text", "since"),
    [
        ("best sellers since january", "01-01"),
        ("top products since Jan.", "01-01"),
        ("what sold best since March 5th?", "03-05"),
        ("top categories since the 5th of march 2024", "2024-03-05"),
        ("best sellers from 1 feb", "02-01"),
        ("what sold since 2024-03-01", "2024-03-01"),
        ("best sellers since september 2023", "2023-09-01"),
        ("top products year to date", "year_start"),
        ("best sellers ytd by units", "year_start"),
        ("what sold best so far this year", "year_start"),
        ("top products this year so far", "year_start"),
        ("best sellers since the start of the year", "year_start"),
        ("top 5 products month-to-date", "month_start"),
        ("what sold best so far this month", "month_start"),
        ("top categories since the beginning of the quarter", "quarter_start"),
        ("best sellers qtd", "quarter_start"),
        ("best sellers week to date", "week_start"),
        ("top products so far this week", "week_start"),
    ],
)
def test_the_first_day_is_read(text: str, since: str, vocabulary: Vocabulary) -> None:
    x = extract(text, vocabulary)
    assert (x.since, x.horizon_days) == (since, None)


@pytest.mark.parametrize(
    ("text", "days"),
    [("top products in the last 30 days", 30), ("best sellers over the last month", 30),
     ("best sellers since may 40", None), ("what do we sell from the may collection", None)],
)  # fmt: skip
def test_periods_back_and_no_days_stay_as_they_were(
    text: str, days: int | None, vocabulary: Vocabulary
) -> None:
    x = extract(text, vocabulary)
    assert (x.since, x.horizon_days) == (None, days)


def test_the_count_beside_a_day_is_still_a_count(vocabulary: Vocabulary) -> None:
    x = extract("top 5 products since march 3", vocabulary)
    assert (x.since, x.count) == ("03-03", 5)


@pytest.mark.parametrize(
    ("text", "args"),
    [
        ("what are our best sellers since january?", {"since": "01-01"}),
        ("top categories year to date", {"since": "year_start", "per": "category"}),
        ("top 5 products by units so far this month", {"since": "month_start", "by": "units"}),
    ],
)
def test_the_real_router_hands_since_to_top_products(
    minilm_router: Router, text: str, args: dict[str, object]
) -> None:
    route = minilm_router.route(text, Memory(), "operator")
    assert (route.kind, route.tool) == ("tool", "top_products")
    assert route.args == route.args | args and "days" not in route.args


@pytest.mark.parametrize(
    ("text", "day"),
    [("who hasn't ordered since march", "04-01"),  # no order after March (lapses.py)
     ("which customers haven't purchased since december", "01-01"),
     ("no orders since april from which customers?", "05-01")],
)  # fmt: skip
def test_a_day_after_a_negation_asks_who_lapsed(
    text: str, day: str, vocabulary: Vocabulary, minilm_router: Router
) -> None:
    assert extract(text, vocabulary).since is None
    route = minilm_router.route(text, Memory(), "operator")
    assert (route.tool, route.args) == ("at_risk_customers", {"no_order_since": day})


def test_the_day_is_not_what_is_asked(minilm_router: Router) -> None:
    # Embedded without "since April": it read like "who has not bought since".
    route = minilm_router.route("what did champions buy since april", Memory(), "operator")
    assert (route.tool, route.args) == ("top_products", {"segment": "champions", "since": "04-01"})


@pytest.mark.parametrize(
    ("text", "month"),
    [("what sold best in march?", "03"), ("top products during march 1998", "1998-03"),
     ("best sellers for may", "05"), ("top categories in the month of dec", "12"),
     ("what sold in march 5", None), ("best sellers since march", None)],
)  # fmt: skip
def test_a_calendar_month_is_read(text: str, month: str | None, vocabulary: Vocabulary) -> None:
    assert extract(text, vocabulary).month == month


def test_the_real_router_hands_the_month_to_top_products(minilm_router: Router) -> None:
    route = minilm_router.route("what sold best in march?", Memory(), "operator")
    assert (route.tool, route.args) == ("top_products", {"month": "03"})


@pytest.mark.parametrize(
    ("text", "since", "until"),
    [
        ("best sellers between March 5 and April 10", "03-05", "04-10"),
        ("top products from january to march", "01-01", "03"),
        ("top 5 products between the 1st of march and the 15th of april", "03-01", "04-15"),
        ("what sold best from 1997-10-01 to 1997-12-31", "1997-10-01", "1997-12-31"),
        ("best sellers from march 5 through may", "03-05", "05"),
        ("best sellers from november to february 1998", "1997-11-01", "1998-02"),  # its year
        ("best sellers from march to may 1998", "1998-03-01", "1998-05"),
        ("top categories from 1997 to 1998", "1997-01-01", "1998-12"),
        ("best sellers since last january", "01-01", None),
        ("top products since 1997", "1997-01-01", None),
        ("best sellers this year", "year_start", None),
        ("top products this quarter", "quarter_start", None),
        ("who are the top customers this week", "week_start", None),  # was the at-risk list
    ],
)
def test_a_span_between_two_days_is_read(
    text: str, since: str, until: str | None, vocabulary: Vocabulary
) -> None:
    x = extract(text, vocabulary)
    assert (x.since, x.until) == (since, until)


@pytest.mark.parametrize(
    ("text", "month", "quarter", "year", "days"),
    [
        ("best sellers last month", "last", None, None, 30),  # also 30 days, to other tools
        ("last month's top products", "last", None, None, 30),
        ("top products over the last month", None, None, None, 30),  # the last 30 days
        ("best sellers in the past month", None, None, None, 30),
        ("what sold best last quarter", None, "last", None, 90),
        ("top products previous year", None, None, "last", 365),
        ("what sold best in Q1", None, "Q1", None, None),
        ("top products in q4 1997", None, "1997-Q4", None, None),
        ("1998 q2 best sellers", None, "1998-Q2", None, None),
        ("top categories in the first quarter", None, "Q1", None, None),
        ("best sellers of the fourth quarter of 1997", None, "1997-Q4", None, None),
        ("best sellers in 1997", None, None, "1997", None),
        ("top products during 1998 by units", None, None, "1998", None),
        ("offers for customers in 2000 customers", None, None, None, None),
    ],
)
def test_a_month_quarter_or_year_is_read(
    text: str,
    month: str | None,
    quarter: str | None,
    year: str | None,
    days: int | None,
    vocabulary: Vocabulary,
) -> None:
    x = extract(text, vocabulary)
    assert (x.month, x.quarter, x.year, x.horizon_days) == (month, quarter, year, days)


def test_a_forecast_keeps_its_horizon(minilm_router: Router) -> None:
    # "this quarter" is also the next 90 days: a forecast has no calendar argument.
    route = minilm_router.route("forecast demand this quarter", Memory(), "operator")
    assert (route.tool, route.args) == ("forecast_demand", {"horizon_days": 90})


@pytest.mark.parametrize(
    ("text", "args"),
    [
        ("what were our best sellers last month?", {"month": "last"}),
        ("top products in Q1", {"quarter": "Q1"}),
        ("best sellers in 1997", {"year": "1997"}),
        ("top categories between march 5 and april 10",
         {"since": "03-05", "until": "04-10", "per": "category"}),
    ],
)  # fmt: skip
def test_the_real_router_hands_the_calendar_to_top_products(
    minilm_router: Router, text: str, args: dict[str, object]
) -> None:
    route = minilm_router.route(text, Memory(), "operator")
    assert (route.tool, route.args) == ("top_products", args)


@pytest.mark.parametrize(
    ("text", "tool", "args"),
    [
        ("what did customers complain about last month", "review_sentiment", {"month": "last"}),
        (
            "reviews about packaging in Q1",
            "search_reviews",
            {"query": "packaging", "quarter": "Q1"},
        ),
        ("show reviews from the last 30 days", "search_reviews", {"days": 30}),
        ("how do customers feel this year", "review_sentiment", {"since": "year_start"}),
    ],
)
def test_the_real_router_hands_a_period_to_the_review_tools(
    minilm_router: Router, text: str, tool: str, args: dict[str, object]
) -> None:
    route = minilm_router.route(text, Memory(), "operator")
    assert (route.tool, route.args) == (tool, args)


def test_a_duration_in_a_review_topic_is_no_period(vocabulary: Vocabulary) -> None:
    # "2 day shipping" is what the reviews are about; nothing in the message looks back.
    text = "reviews about 2 day shipping"
    args = build(SIGNATURES["search_reviews"], extract(text, vocabulary), text, Memory())
    assert "days" not in args.values
    text = "reviews of the past 2 days"
    args = build(SIGNATURES["search_reviews"], extract(text, vocabulary), text, Memory())
    assert args.values["days"] == 2


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("best sellers for 1997", {"year": "1997"}),
        ("top products of 1997", {"year": "1997"}),
        ("1997 best sellers", {"year": "1997"}),
        ("what sold best march 1998", {"month": "1998-03"}),
        ("top products last March", {"month": "03"}),
        ("top products march last year", {"month": "03", "year": "last"}),
        ("what sold yesterday", {"since": "yesterday", "until": "yesterday"}),
        ("yesterday's best sellers", {"since": "yesterday", "until": "yesterday"}),
        ("reviews since yesterday", {"since": "yesterday"}),
        ("top products on March 5", {"since": "03-05", "until": "03-05"}),
        ("sales on 1998-03-05", {"since": "1998-03-05", "until": "1998-03-05"}),
        ("top products Mar 5-Apr 10", {"since": "03-05", "until": "04-10"}),
        ("March 5-10 best sellers", {"since": "03-05", "until": "03-10"}),
        ("top products in March and April", {"since": "03-01", "until": "04"}),
        ("from Q1 to Q3", {"since": "01-01", "until": "09"}),
        ("between Q1 and Q2 1998", {"since": "1998-01-01", "until": "1998-06"}),
        ("top products in 1997 and 1998", {"since": "1997-01-01", "until": "1998-12"}),
        ("3Q 1997 sales", {"quarter": "1997-Q3"}),
        ("the first half of 1998", {"since": "1998-01-01", "until": "1998-06"}),
        ("H2 best sellers", {"since": "07-01", "until": "12"}),
        # No period: what is to come, a modal "may", money, a count, a customer id.
        ("what will sell best in Q3", {}),
        ("this may take a while", {}),
        ("plan a budget for 2024", {}),
        ("draft offers for 2000 customers", {}),
        ("march 5 to 10 customers", {}),
        ("show customer 1998", {}),
    ],
)
def test_more_ways_of_naming_a_period(
    text: str, expected: dict[str, str], vocabulary: Vocabulary
) -> None:
    x = extract(text, vocabulary)
    names = ("since", "until", "month", "quarter", "year")
    assert {n: getattr(x, n) for n in names if getattr(x, n) is not None} == expected


def test_a_question_about_what_is_to_come_is_a_forecast(minilm_router: Router) -> None:
    route = minilm_router.route("what will sell best in Q3", Memory(), "operator")
    assert route.tool == "forecast_demand"


@pytest.mark.parametrize(
    ("text", "args"),
    [
        ("top products in Q1 of last year", {"quarter": "Q1", "year": "last"}),
        ("best sellers in march last year", {"month": "03", "year": "last"}),
        ("what sold best in march of 1997", {"month": "1997-03"}),
    ],
)
def test_the_year_a_month_or_quarter_is_in(
    minilm_router: Router, text: str, args: dict[str, object]
) -> None:
    route = minilm_router.route(text, Memory(), "operator")
    assert (route.tool, route.args) == ("top_products", args)
