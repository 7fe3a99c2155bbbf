"""Argument extraction: ids, segment names with typos, money, percentages, horizons, counts."""

import pytest

from assistant.routing import Vocabulary, extract
from assistant.routing.delexicalise import delexicalise


@pytest.mark.parametrize(
    ("text", "ids"),
    [
        ("show me customer 42", ("00042",)),
        ("who is #00042?", ("00042",)),
        ("cust 00042 profile", ("00042",)),
        ("id 42 please", ("00042",)),
        ("customr 1187 info", ("01187",)),
        ("pull up 00917", ("00917",)),
        ("customers similar to 5501", ("05501",)),
        ("compare customers 42, 77 and 90", ("00042", "00077", "00090")),
        ("customer 1234567 is too long to pad", ("1234567",)),
    ],
)
def test_customer_ids_are_padded_to_the_store_width(
    text: str, ids: tuple[str, ...], vocabulary: Vocabulary
) -> None:
    assert extract(text, vocabulary).customer_ids == ids


def test_ids_are_taken_as_typed_when_the_store_does_not_pad() -> None:
    plain = Vocabulary(id_width=None)
    assert extract("customer 42", plain).customer_ids == ("42",)
    assert extract("customer C-1042", plain).customer_ids == ("C-1042",)
    assert extract("pull up 00917", plain).customer_ids == ()  # no width: a bare number is none


def test_vocabulary_takes_the_store_id_width_and_each_segment_once() -> None:
    # The width itself is read off the ids by commerce.ids.padded_width (tests/commerce).
    vocabulary = Vocabulary.from_store(["champions", "lost", "champions"], 5)
    assert vocabulary.segments == ("champions", "lost") and vocabulary.id_width == 5
    assert Vocabulary.from_store([], None).id_width is None


def test_product_ids(vocabulary: Vocabulary) -> None:
    x = extract("reviews for b000eyldye and product B0026LIO9A", vocabulary)
    assert x.product_ids == ("B000EYLDYE", "B0026LIO9A")
    assert x.customer_ids == ()


@pytest.mark.parametrize(
    ("text", "segment"),
    [
        ("summarise the champoins", "champions"),
        ("CHAMPIONS please", "champions"),
        ("the hibernatng group", "hibernating"),
        ("at-risk customers", "at risk"),
        ("atrisk customers", "at risk"),
        ("the cant lose segment", "can't lose"),
        ("customers we cannot lose", "can't lose"),
        ("needs-attention customers", "needs attention"),
        ("new customers", "new"),
        ("what's new?", None),  # an everyday word needs a group word beside it
        ("I'm lost", None),
        ("same for loyal", "loyal"),
        ("the frequent, recent cluster", "cluster: frequent, recent"),
        ("frequent recent cluster 2", "cluster: frequent, recent (2)"),
    ],
)
def test_segment_names_forgive_typos_case_and_plurals(
    text: str, segment: str | None, vocabulary: Vocabulary
) -> None:
    assert extract(text, vocabulary).segment == segment


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("a budget of $5k", 5000),
        ("5,000 dollars", 5000),
        ("€2.5k on discounts", 2500),
        ("a budget of 3000", 3000),
        ("we have 20 grand", 20000),
        ("ten thousand dollars", 10000),
        ("a 1500 budget", 1500),
        ("$1.2m", 1_200_000),
        ("plan $1e6 for retention", 1_000_000),
        ("a budget of $2.5e4", 25_000),
    ],
)
def test_amounts(text: str, amount: float, vocabulary: Vocabulary) -> None:
    assert extract(text, vocabulary).amount == amount


@pytest.mark.parametrize(
    ("text", "percent"),
    [("15% off", 15), ("15 percent", 15), ("fifteen percent", 15), ("twenty-five pct", 25),
     ("a discount of 10", 10), ("half off", 50), ("12.5 per cent", 12.5)],
)  # fmt: skip
def test_percentages(text: str, percent: float, vocabulary: Vocabulary) -> None:
    x = extract(text, vocabulary)
    assert x.percent == percent
    assert x.amount is None


@pytest.mark.parametrize(
    ("text", "days"),
    [("next quarter", 90), ("next month", 30), ("over the next 6 weeks", 42), ("next year", 365),
     ("two weeks", 14), ("a 90-day outlook", 90), ("the coming fortnight", 14),
     ("half a year", 182), ("next 3 months", 90)],
)  # fmt: skip
def test_horizons(text: str, days: int, vocabulary: Vocabulary) -> None:
    x = extract(text, vocabulary)
    assert x.horizon_days == days
    assert x.count is None


@pytest.mark.parametrize(
    ("text", "count"),
    [("top 5", 5), ("10 customers", 10), ("k=20", 20), ("show me 15", 15),
     ("the 30 riskiest accounts", 30), ("20 of them", 20), ("give me five", 5)],
)  # fmt: skip
def test_counts(text: str, count: int, vocabulary: Vocabulary) -> None:
    assert extract(text, vocabulary).count == count


def test_numbers_out_of_range_are_read_as_typed_for_the_tool_to_refuse(
    vocabulary: Vocabulary,
) -> None:
    # Read whole, so the tool's limits name them, instead of a default answering silently.
    assert extract("top 20000 customers", vocabulary).count == 20000
    assert extract("forecast the next 0 days", vocabulary).horizon_days == 0
    assert extract("plan a budget of $1e400", vocabulary).amount is None  # not a $1 budget


def test_one_message_many_arguments(vocabulary: Vocabulary) -> None:
    x = extract("plan a $5k budget for at-risk customers, max 15%, next quarter", vocabulary)
    assert (x.amount, x.percent, x.segment, x.horizon_days) == (5000, 15, "at risk", 90)
    assert x.count is None and x.customer_ids == ()


@pytest.mark.parametrize(
    ("text", "channel"),
    [("draft an sms", "sms"), ("send it by text", "sms"), ("text him a coupon", "sms"),
     ("a win-back e-mail", "email"), ("review text about tea", None)],
)  # fmt: skip
def test_channel(text: str, channel: str | None, vocabulary: Vocabulary) -> None:
    assert extract(text, vocabulary).channel == channel


@pytest.mark.parametrize(
    ("text", "sentiment"),
    [("any complaints about tea", "negative"), ("low-rated reviews", "negative"),
     ("positive reviews", "positive"), ("reviews about tea", None)],
)  # fmt: skip
def test_sentiment_words(text: str, sentiment: str | None, vocabulary: Vocabulary) -> None:
    assert extract(text, vocabulary).sentiment == sentiment


@pytest.mark.parametrize(
    ("text", "state"),
    [("which alerts were acknowledged already", "acknowledged"),
     ("alerts we have dealt with", "acknowledged"),
     ("alerts not yet acknowledged", "open"), ("unacknowledged alerts", "open"),
     ("any new alerts?", "open"), ("show me all alerts", "all"),
     ("every alert so far", "all"), ("alerts pls", None),
     ("which alerts haven't been acknowledged?", "open"), ("alerts that weren't handled", "open"),
     ("which alerts still need to be acknowledged", "open"),
     ("alerts nobody has handled yet", "open"), ("any alerts I have not dealt with", "open"),
     ("alerts we have not looked at", "open"), ("recent acknowledged alerts", "acknowledged"),
     ("alerts that are no longer open", "acknowledged"),
     ("show all alerts that are still open", "open"),
     ("every alert including the acknowledged ones", "all"),
     ("open and acknowledged alerts", "all")],
)  # fmt: skip
def test_alert_state_words(text: str, state: str | None, vocabulary: Vocabulary) -> None:
    assert extract(text, vocabulary).alert_state == state


def test_search_topic_and_quoted_text(vocabulary: Vocabulary) -> None:
    x = extract("find reviews mentioning stale coffee from loyal customers", vocabulary)
    assert x.topic == "stale coffee"
    quoted = extract('is this positive or negative: "Arrived late, half crushed"', vocabulary)
    assert quoted.quoted == "Arrived late, half crushed"  # original case kept
    colon = extract("sentiment of: the tea tastes like cardboard", vocabulary)
    assert colon.quoted == "the tea tastes like cardboard"
    assert extract("quick question: who is at risk of leaving?", vocabulary).quoted is None


def test_list_positions(vocabulary: Vocabulary) -> None:
    assert extract("tell me about the second one", vocabulary).position == 2
    assert extract("who's 3rd on that list", vocabulary).position == 3
    assert extract("the last one", vocabulary).position == -1
    assert extract("the first 20 customers", vocabulary).position is None


def test_names_are_dropped_from_what_is_embedded(vocabulary: Vocabulary) -> None:
    text = "what are hibernating customers saying about customer 42 and B000EYLDYE?"
    x = extract(text, vocabulary)
    assert delexicalise(text, x) == "what are  customers saying about customer and product?"
    kept = "at-risk customers please"  # the at-risk list, not a name to drop
    assert delexicalise(kept, extract(kept, vocabulary)) == kept


def test_at_risk_stays_the_question_when_another_segment_is_named(vocabulary: Vocabulary) -> None:
    # "the at risk customers in champions" asks for the at-risk list of champions; embedded
    # with both names dropped it went to segment_summary (an LLM summary).
    text = "show me the at risk customers in champions"
    x = extract(text, vocabulary)
    assert x.segment == "champions"
    assert delexicalise(text, x) == "show me the at risk customers in "
