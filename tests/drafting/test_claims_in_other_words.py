"""Claims a review got past the checker in other words: an end that is not the day, a hyphened
percentage, promises and reuse in plain English, a true number or date standing for another
fact, relative dates, and names after a thanks or under a closing. Each rule also has true
sentences that must still pass."""

from datetime import date

import pytest

from assistant.drafting import Grounding, draft_offer, verify
from tests.drafting.factories import CATALOGUE, GOOD_EMAIL, POLICY, offer_facts, segment_facts
from tests.drafting.fake import ScriptedModel

# Ada, 15% off until May 1, 2026 (written 14 days before: April 17), last order March 5, 1998.
GROUNDING = offer_facts().grounding(POLICY, CATALOGUE)
SEGMENT = segment_facts().grounding(POLICY, CATALOGUE)  # 1,234, 18.7% of revenue, 63.4% churn
HELLO = "Hi Ada, we miss you. Enjoy 15% off your next Coffee order until May 1, 2026. "
SUMMARY = "Lapsing coffee lovers: 1,234 customers, 18.7% of revenue, 63.4% churn risk. "


def found(text: str, grounding: Grounding = GROUNDING) -> list[tuple[str, str]]:
    return [(v.kind, v.text) for v in verify(text, grounding, POLICY)]


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("Hi Ada, enjoy 15% off, valid through May.", "through May."),
        ("Hi Ada, enjoy 15% off, valid until the end of 2026.", "2026"),
        ("Hi Ada, enjoy 15% off today only.", "today"),
        ("Hi Ada, enjoy 15% off, but hurry: it ends in three days.", "in three days"),
        ("Hi Ada, enjoy 15% off. It expires in 3 weeks.", "in 3 weeks"),
    ],
)
def test_an_end_that_is_not_the_offers_last_day_is_refused(text: str, span: str) -> None:
    violations = verify(text, GROUNDING, POLICY)
    assert [(v.kind, v.text) for v in violations] == [("invented_date", span)]
    assert "the offer ends on May 1, 2026" in violations[0].message


@pytest.mark.parametrize(
    "sentence",
    [
        "It ends in 14 days.",
        "It expires in two weeks.",
        "Order today and treat yourself.",
        "Take 15% off today and enjoy.",
    ],
)
def test_an_end_counted_from_today_that_is_the_offers_end_passes(sentence: str) -> None:
    assert found(HELLO + sentence) == []


def test_a_month_or_year_alone_is_the_end_only_on_its_last_day() -> None:
    march = offer_facts(offer_expires=date(2026, 3, 31)).grounding(POLICY, CATALOGUE)
    assert found("Hi Ada, enjoy 15% off, valid through March.", march) == []
    year_end = offer_facts(offer_expires=date(2026, 12, 31)).grounding(POLICY, CATALOGUE)
    assert found("Hi Ada, enjoy 15% off until the end of 2026.", year_end) == []
    assert found("Hi Ada, enjoy 15% off until the end of this year.", year_end) == []


@pytest.mark.parametrize(
    ("sentence", "span"),
    [
        ("Enjoy a 24-percent discount.", "24-percent"),
        ("Enjoy a 24 per-cent discount.", "24 per-cent"),
        ("Take 24 pct off.", "24 pct"),
        ("Take twenty-five-percent off.", "twenty-five-percent"),
    ],
)
def test_a_hyphened_percentage_is_held_to_the_policy(sentence: str, span: str) -> None:
    assert ("over_policy_discount", span) in found(HELLO + sentence)


def test_a_hyphened_true_percentage_passes() -> None:
    assert found("Hi Ada, enjoy a 15-percent discount until May 1, 2026.") == []


@pytest.mark.parametrize(
    ("sentence", "span"),
    [
        ("Your next order is on us.", "is on us"),
        ("Get two for the price of one.", "two for the price of one"),
        ("Your order ships at no cost.", "ships at no cost"),
        ("We will add a bonus bag of beans to your box.", "bonus"),
        ("Plus early access to new arrivals.", "early access"),
    ],
)
def test_a_promise_in_plain_english_is_refused(sentence: str, span: str) -> None:
    assert found(HELLO + sentence) == [("unsupported_promise", span)]


@pytest.mark.parametrize(
    "sentence",
    ["Count on us for fresh Coffee.", "Two of our favourite blends are back.", "It's up to you."],
)
def test_words_that_give_nothing_away_pass(sentence: str) -> None:
    assert found(HELLO + sentence) == []


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("Hi Ada, enjoy 15% off your next three orders until May 1, 2026.", "next three orders"),
        ("Hi Ada, enjoy 15% off every purchase until May 1, 2026.", "off every purchase"),
        (HELLO + "Forward this to a friend so they get 15% off too.", "Forward this to a friend"),
        (HELLO + "Your friends get 15% off as well.", "Your friends get 15%"),
    ],
)
def test_a_discount_for_more_orders_or_people_is_refused(text: str, span: str) -> None:
    assert ("over_policy_discount", span) in found(text)


@pytest.mark.parametrize(
    "sentence",
    [
        "Share a cup with a friend.",
        "Forward any questions to us.",
        "Every order is packed by hand.",
        "Your friends at the roastery say hello.",
    ],
)
def test_one_discount_for_one_order_passes(sentence: str) -> None:
    assert found(HELLO + sentence) == []


@pytest.mark.parametrize(
    ("text", "span", "grounding"),
    [
        ("Lapsing coffee lovers have 88 customers.", "88", SEGMENT),  # $88.40 is money
        (HELLO + "We roast 15 blends!", "15", GROUNDING),  # 15 is the discount
        (HELLO + "We roast 14 blends!", "14", GROUNDING),  # 14 is the days it lasts
        (HELLO + "It is valid for 10 days.", "10", GROUNDING),
    ],
)
def test_a_plain_number_stands_only_for_a_count(text: str, span: str, grounding: Grounding) -> None:
    assert found(text, grounding) == [("invented_number", span)]


def test_a_true_count_passes() -> None:
    assert found(SUMMARY + "That is about 1.2 thousand customers.", SEGMENT) == []
    assert found(HELLO + "It is valid for 14 days.") == []
    assert found(HELLO + "A 14-day offer, just for you.") == []


@pytest.mark.parametrize(
    ("text", "span", "grounding"),
    [
        ("Lapsing coffee lovers are 18.7% of all customers.", "18.7%", SEGMENT),
        (SUMMARY + "And 20% of them buy Coffee weekly.", "20%", SEGMENT),  # not a fact
        (HELLO + "Your risk of leaving is 15%.", "15%", GROUNDING),  # the discount
    ],
)
def test_a_true_percentage_with_another_meaning_is_refused(
    text: str, span: str, grounding: Grounding
) -> None:
    assert found(text, grounding) == [("invented_number", span)]


def test_a_percentage_beside_its_own_fact_passes() -> None:
    assert found(SUMMARY + "Their churn risk averages 63.4%.", SEGMENT) == []
    assert found(SUMMARY + "They bring in 18.7% of the segment's revenue.", SEGMENT) == []
    assert found("Hi Ada, here is 15% on your next order, valid until May 1, 2026.") == []


def test_a_true_date_beside_another_dates_words_is_refused() -> None:
    wrong = verify(HELLO + "Your last order, on May 1, 2026, was lovely.", GROUNDING, POLICY)
    assert [(v.kind, v.text) for v in wrong] == [("invented_date", "May 1, 2026")]
    assert "offer_expires, written as the last_order_date" in wrong[0].message
    assert found(HELLO + "Your last order, on March 5, 1998, was lovely.") == []
    assert verify(GOOD_EMAIL, GROUNDING, POLICY) == []


@pytest.mark.parametrize(
    ("text", "span", "grounding"),
    [
        (SUMMARY + "Their churn risk doubled since last year.", "last year", SEGMENT),
        (HELLO + "Last week we roasted your favourites.", "Last week", GROUNDING),
        (HELLO + "We roasted Coffee yesterday.", "yesterday", GROUNDING),
        (HELLO + "New blends arrive next month.", "next month", GROUNDING),
    ],
)
def test_a_relative_date_no_fact_holds_is_refused(
    text: str, span: str, grounding: Grounding
) -> None:
    assert found(text, grounding) == [("invented_date", span)]


def test_a_relative_date_that_holds_a_fact_passes() -> None:
    # Written April 17, 2026 (a Friday); the week before ran April 6-12.
    recent = offer_facts(last_order_date=date(2026, 4, 10)).grounding(POLICY, CATALOGUE)
    assert found(HELLO + "Thanks for your order last week.", recent) == []
    assert found(HELLO + "Thanks for your order this month.", recent) == []
    assert found(HELLO + "Thanks for your order last month.", recent) == [
        ("invented_date", "last month")
    ]
    # "Over the next year" is the predicted value's span, not a date.
    assert found(SUMMARY + "Each is worth $88.40 over the next year.", SEGMENT) == []


@pytest.mark.parametrize(
    ("ending", "span"),
    [
        ("Thank you, Bob, for being with us.", "Bob"),
        ("Thanks again, Bob!", "Bob"),
        ("Best wishes, Bob", "Bob"),
        ("Thank you for shopping with us.\nKind regards,\nBob Smith", "Bob Smith"),
        ("Thank you for shopping with us.\nBob", "Bob"),
    ],
)
def test_a_name_the_facts_do_not_hold_is_refused_after_thanks_or_a_closing(
    ending: str, span: str
) -> None:
    assert found(HELLO + ending) == [("wrong_name", span)]


@pytest.mark.parametrize(
    "ending",
    [
        "Thank you, Ada, for being with us.",
        "Thank you for being with us.",
        "Thanks so much, and see you soon!",
        "Best wishes, The team",
        "Thank you for shopping with us.\nBest wishes,\nThe team",
        "See you soon!\nThe team",
        "Thank you for shopping with us.\nThe Coffee team",
    ],
)
def test_the_customer_thanked_and_the_house_sign_off_pass(ending: str) -> None:
    assert found(HELLO + ending) == []


def test_the_retry_names_the_sign_off_for_an_invented_sender() -> None:
    model = ScriptedModel(HELLO + "Best wishes, Bob", HELLO + "Best wishes, The team")
    result = draft_offer(offer_facts(), model, POLICY, CATALOGUE)
    assert result.path == "retry" and [v.kind for v in result.violations] == ["wrong_name"]
    assert (
        "Greet with 'Hi Ada,' and end with 'The team': no other name."
        in (model.prompts[1][-1]["content"])
    )
