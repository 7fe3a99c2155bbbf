"""Quantities read whole and in their place: counts that leave the words beside them, numbers
with thousands separators, percentages over 100, "last N", and long runs of number words."""

import re

import pytest

from assistant.routing import Vocabulary, extract
from assistant.routing.quantities import NUM, WORDS, amounts, currency, number, percents


@pytest.mark.parametrize(
    ("text", "count", "segment"),
    [("top 5 loyal customers", 5, "loyal"), ("the 10 riskiest loyal customers", 10, "loyal"),
     ("10 hibernating customers at risk", 10, "hibernating")],
)  # fmt: skip
def test_a_count_leaves_the_segment_beside_it(
    text: str, count: int, segment: str, vocabulary: Vocabulary
) -> None:
    x = extract(text, vocabulary)
    assert (x.count, x.segment) == (count, segment)


def test_a_count_leaves_the_sentiment_beside_it(vocabulary: Vocabulary) -> None:
    x = extract("show 5 negative reviews about packaging", vocabulary)
    assert (x.count, x.sentiment) == (5, "negative")


@pytest.mark.parametrize(
    ("text", "count"),
    [("show 2-star reviews", None), ("find 5 star reviews", None), ("3 stars reviews", None),
     ("top 5 5-star reviews", 5)],
)  # fmt: skip
def test_a_star_rating_is_not_a_count(text: str, count: int | None, vocabulary: Vocabulary) -> None:
    assert extract(text, vocabulary).count == count


@pytest.mark.parametrize(
    ("text", "count"),
    [("show the last 20 alerts", 20), ("latest 5 reviews", 5), ("the most recent 10 alerts", 10),
     ("first 3 alerts", 3), ("newest ten alerts", 10), ("the 5 most recent alerts", 5)],
)  # fmt: skip
def test_last_and_latest_n(text: str, count: int, vocabulary: Vocabulary) -> None:
    assert extract(text, vocabulary).count == count


def test_last_still_means_a_place_or_a_time(vocabulary: Vocabulary) -> None:
    assert extract("the last one", vocabulary).position == -1
    x = extract("churn in the last 30 days", vocabulary)
    assert (x.horizon_days, x.count) == (30, None)


@pytest.mark.parametrize(
    ("text", "amount"),
    [("plan a budget of 5 000 dollars", 5000), ("plan a budget of €5.000", 5000),
     ("plan a budget of $1,5k", 1500), ("a budget of 5\u00a0000 euros", 5000),
     ("spend 5.000,50 euros", 5000.5), ("$1.500k budget", 1500), ("budget $1.25m", 1_250_000),
     ("budget of 1 000 000 dollars", 1_000_000), ("a budget of 5,000.50", 5000.5),
     ("spend 2.5k", 2500)],
)  # fmt: skip
def test_thousands_and_decimal_separators(text: str, amount: float, vocabulary: Vocabulary) -> None:
    assert extract(text, vocabulary).amount == amount


@pytest.mark.parametrize(
    "text",
    ["a budget of 5,000,00", "a budget of €12,50", "a budget of 1,2345", "spend 5 0001 dollars",
     "a budget of 1.5.2"],
)  # fmt: skip
def test_a_number_read_only_in_part_is_not_read(text: str, vocabulary: Vocabulary) -> None:
    # Better no budget (the tool asks or says which default it used) than a wrong one ($5).
    assert extract(text, vocabulary).amount is None


def test_a_count_with_a_thousands_separator(vocabulary: Vocabulary) -> None:
    assert extract("top 1 000 customers", vocabulary).count == 1000
    assert extract("k=1,000", vocabulary).count == 1000


@pytest.mark.parametrize(
    ("text", "percent"),
    [("draft a 150% offer for customer 42", 150), ("200 percent off", 200),
     ("a discount of 500", None), ("150 off", None), ("a discount of 15", 15)],
)  # fmt: skip
def test_a_percentage_over_100_is_kept_for_the_tool_to_refuse(
    text: str, percent: float | None, vocabulary: Vocabulary
) -> None:
    # Marked as a percentage, it is read as typed; unmarked, over 100 is more likely money.
    assert extract(text, vocabulary).percent == percent


@pytest.mark.parametrize(
    ("text", "value"),
    [("twenty five thousand", 25_000), ("one hundred and twenty five", 125),
     ("one million five hundred thousand", 1_500_000), ("twenty-five", 25),
     ("five ten", None), ("ten and twenty", None), ("thousand million", None),
     ("one one one", None), ("two hundred hundred", None)],
)  # fmt: skip
def test_number_words_must_make_one_number(text: str, value: float | None) -> None:
    assert number(text) == value


def test_between_two_numbers_is_no_count(vocabulary: Vocabulary) -> None:
    assert extract("between ten and twenty customers", vocabulary).count is None


def test_a_run_of_number_words_is_read_a_bounded_piece_at_a_time(vocabulary: Vocabulary) -> None:
    # Bounded, so each start costs the same and a 4,000-character message is read in linear
    # time (unbounded, "one " * 1000 took seconds); such a run is no number at all.
    run = "one " * 1000
    match = re.match(NUM, run)
    assert match is not None and len(match.group("n").split()) <= 16
    assert re.fullmatch(WORDS, "nine hundred and ninety nine million nine hundred and ninety "
                        "nine thousand nine hundred and ninety nine")  # fmt: skip
    x = extract(run + "percent of " + run + "customers", vocabulary)
    assert (x.percent, x.count) == (None, None)


@pytest.mark.parametrize("text", ["draft a $15 off offer", "€ 15 off your next order"])
def test_money_off_is_not_a_percentage(text: str) -> None:
    assert list(percents(text)) == []
    assert [value for _, _, value in amounts(text)] == [15.0]


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("plan 500 for retention", 500.0),
        ("how should I split 1200 between discounts", 1200.0),
        ("plan a campaign of 1.5 million", 1_500_000.0),
        ("plan for 2,000 on champions", 2000.0),
        ("plan a 5000 campaign in euros", 5000.0),
        ("plan 2 weeks ahead", None),  # a period, not money
        ("split 10% off across them", None),
        ("plan 20 customers", None),
    ],
)
def test_money_to_plan_or_split_is_a_budget(
    text: str, amount: float | None, vocabulary: Vocabulary
) -> None:
    assert extract(text, vocabulary).amount == amount


@pytest.mark.parametrize(
    ("text", "amount", "days"),
    [
        ("plan a budget of -$500", -500.0, None),
        ("budget: -2000", -2000.0, None),
        ("forecast next -7 days", None, -7),
        ("forecast the next 5-10 days", None, 10),  # a range, not minus ten
        ("a 2-week forecast", None, 14),
    ],
)
def test_a_minus_sign_is_read_so_the_tool_can_refuse_it(
    text: str, amount: float | None, days: int | None, vocabulary: Vocabulary
) -> None:
    x = extract(text, vocabulary)
    assert (x.amount, x.horizon_days) == (amount, days)


@pytest.mark.parametrize(
    ("text", "days"),
    [("forecast orders for tomorrow", 1), ("expected orders the next 24 hours", 1),
     ("forecast the next 48 hrs", 2), ("demand over the next 30 hours", 2)],
)  # fmt: skip
def test_tomorrow_and_hours_are_whole_days(text: str, days: int, vocabulary: Vocabulary) -> None:
    assert extract(text, vocabulary).horizon_days == days


def test_a_dash_between_two_numbers_is_no_minus(vocabulary: Vocabulary) -> None:
    assert extract("forecast the next 5 - 10 days", vocabulary).horizon_days == 10
    assert extract("a budget of $100 - $500", vocabulary).amount == 100.0


@pytest.mark.parametrize(
    ("text", "written"),
    [("plan 5,000 euros", "\u20ac"), ("a budget of \u00a32k", "\u00a3"), ("spend 3k dollars", "$"),
     ("$500 for retention", "$"), ("10 quid", "\u00a3"), ("a budget of 3000", None),
     ("plan a 5000 campaign in euros", "\u20ac")],
)  # fmt: skip
def test_the_currency_money_is_written_in(text: str, written: str | None) -> None:
    assert currency(text) == written


def test_only_another_currency_than_the_stores_is_passed_on() -> None:
    dollars, pounds = Vocabulary(), Vocabulary(currency_symbol="\u00a3")
    assert extract("plan 5,000 euros", dollars).currency == "\u20ac"
    assert extract("plan $5,000", dollars).currency is None  # the store's own
    assert extract("plan $5,000", pounds).currency == "$"
    assert extract("plan \u00a35,000", pounds).currency is None
    assert extract("draft a 10% offer in euros", dollars).currency is None  # no amount
