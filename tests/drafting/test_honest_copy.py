"""Honest copy that the checks once refused: plain English that looks like a second discount,
a figure beside a price word in another sentence, a figure's label before a colon, a date
that is a visit, not a deadline, and a fraction of something other than a price."""

import pytest

from assistant.drafting import Grounding, OfferPolicy, verify
from tests.drafting.factories import CATALOGUE, POLICY, offer_facts, segment_facts

GROUNDING = offer_facts().grounding(POLICY, CATALOGUE)  # Ada, 15% off until May 1, 2026, max 20%
SEGMENT = segment_facts().grounding(POLICY, CATALOGUE)  # 18.7% of revenue, 63.4% churn risk
OPENING = "Subject: 15% off for you, Ada\nHi Ada,\n"
CLOSING = "\nHere is 15% off your next order, valid until May 1, 2026.\nThe team"


def found(text: str, grounding: Grounding = GROUNDING) -> list[tuple[str, str]]:
    return [(v.kind, v.text) for v in verify(text, grounding, POLICY)]


def offer(sentence: str) -> str:
    return OPENING + sentence + CLOSING


@pytest.mark.parametrize(
    "sentence",
    [
        "On top of that, your favourite Coffee is waiting.",
        "Combined with our new roast, it's the perfect time to return.",
        "Best combined with a slow morning.",
        "Stack your cupboard with Coffee.",
        "We are on top of our orders.",
        "Combined with your love of Coffee, this is perfect.",
    ],
)
def test_plain_english_is_not_a_second_discount(sentence: str) -> None:
    assert found(offer(sentence)) == []


@pytest.mark.parametrize(
    ("sentence", "span"),
    [
        ("Stack it with any other deal.", "Stack it"),
        ("Combine it with other offers.", "Combine it with other offers"),
        ("It stacks with other discounts.", "stacks with other discounts"),
        ("On top of this offer, take another.", "On top of this offer"),
        ("This code is stackable.", "is stackable"),
    ],
)
def test_wording_that_names_a_deal_is_still_a_second_discount(sentence: str, span: str) -> None:
    assert ("over_policy_discount", span) in found(offer(sentence))


def test_a_customer_called_stack_is_greeted_without_a_policy_breach() -> None:
    stack = offer_facts(customer_name="Stack").grounding(POLICY, CATALOGUE)
    text = "Subject: 15% off for you, Stack\nHi Stack,\nStack, we miss you." + CLOSING
    assert verify(text, stack, POLICY) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Your last order was $23.50; since then we've cut prices on Coffee.",
        "Thanks for your $23.50 order. Less is more with Coffee.",
        "Thanks for your order of $23.50.\nHere is 15% off.",
        "Thanks for your order of $23.50 - a great deal.",
    ],
)
def test_a_price_word_in_another_sentence_makes_no_discount(sentence: str) -> None:
    assert found(offer(sentence)) == []


@pytest.mark.parametrize(
    "summary",
    [
        "With a 63.4% churn risk, lower prices could win them back.",
        "Average predicted value is $88.40; price drops may help retain them.",
        "They hold 18.7% of revenue - less than their 63.4% churn risk suggests.",
    ],
)
def test_a_summary_figure_beside_a_discount_elsewhere_is_no_discount(summary: str) -> None:
    assert found(summary, SEGMENT) == []


@pytest.mark.parametrize(
    "summary",
    [
        "Churn risk averages 63.4%. A price cut of up to 20% is allowed.",
        "Churn risk: 63.4%. Max discount: 20%.",
        "Churn risk is 63.4%; a discount of 20% is the most we offer.",
        "A 20% discount could protect 18.7% of revenue.",
        "Customers at risk could get 20% off.",
        "Offer up to 20% off to win back customers at 63.4% risk.",
        "Up to 20% off could protect 18.7% of revenue.",
        "Revenue could rise if we offer 20% off.",
    ],
)
def test_a_discount_in_a_summary_is_refused_and_its_true_figures_are_not(summary: str) -> None:
    # A summary advises no discount (summary_discounts.py), and its facts hold none: the
    # churn risk and revenue share beside one are still their own facts.
    kinds = found(summary, SEGMENT)
    assert "discount_advice" in {kind for kind, _ in kinds}
    assert {text for kind, text in kinds if kind != "discount_advice"} <= {"20%"}


@pytest.mark.parametrize(
    "summary",
    [
        "Revenue share: 18.7%. Churn risk: 63.4%.",
        "- Revenue share: 18.7%\n- Churn risk: 63.4%",
    ],
)
def test_a_discount_figure_names_the_discount_not_its_clause(summary: str) -> None:
    assert found(summary, SEGMENT) == []


@pytest.mark.parametrize(
    "summary",
    [
        "Revenue share: 63.4%. Churn risk: 18.7%.",
        "- Revenue share: 63.4%\n- Churn risk: 18.7%",
        "Churn risk (18.7%) is lower than the revenue share (63.4%).",
    ],
)
def test_a_label_before_a_colon_is_the_figures_clause(summary: str) -> None:
    # 63.4% is the churn risk and 18.7% the revenue share: each is written as the other.
    assert sorted(found(summary, SEGMENT)) == [
        ("invented_number", "18.7%"),
        ("invented_number", "63.4%"),
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "It's been a while since you stopped by on March 5, 1998.",
        "Thanks for stopping by on March 5, 1998.",
        "You last stopped by in March.",
        "You last came by in March 1998.",
        "Your order from before March 5, 1998 is still a favourite.",
    ],
)
def test_a_visit_is_not_the_offers_end(sentence: str) -> None:
    assert found(offer(sentence)) == []


@pytest.mark.parametrize(
    "sentence", ["Use it by March 5, 1998.", "Order before March 5, 1998.", "Shop by March."]
)
def test_by_or_before_a_true_date_is_still_the_offers_end(sentence: str) -> None:
    assert [kind for kind, _ in found(offer(sentence))] == ["invented_date"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Save half the time with a Coffee subscription.",
        "Our new blend lets you cut a third of the sugar.",
        "Save a quarter of an hour each morning.",
        "Half off the beaten track, our Coffee is special.",
    ],
)
def test_a_fraction_of_something_other_than_a_price_is_no_discount(sentence: str) -> None:
    assert found(offer(sentence)) == []


@pytest.mark.parametrize(
    ("sentence", "span"),
    [
        ("Save a third of your order.", "Save a third"),
        ("Save a third on Coffee.", "Save a third"),
        ("Take half off your order.", "half off"),
        ("Save half the price.", "Save half"),
    ],
)
def test_a_fraction_off_a_price_is_still_a_discount(sentence: str, span: str) -> None:
    assert ("over_policy_discount", span) in found(offer(sentence))


@pytest.mark.parametrize(
    "greeting",
    [
        "Hello Coffee lover,",
        "Hi coffee fan,",
        "Dear Ms Ada,",
        "Hello lovely Ada,",
        "Dear Sir or Madam,",
        "Hi again, Ada!",
        "Hey hey Ada,",
        "Hi you,",
        "Hi valued customer,",
        "Hi everyone at home,",
    ],
)
def test_a_kind_greeting_to_the_customer_passes(greeting: str) -> None:
    assert found(f"Subject: 15% off\n{greeting}" + CLOSING) == []


@pytest.mark.parametrize(
    "greeting",
    [
        "Hi there, Bob!",
        "Hello friend Bob,",
        "Hi Ada and Bob,",
        "Welcome back, Bob!",
        "Dear Mr Bob,",
        "Hi valued Bob,",
        "Hi again, Bob",
    ],
)
def test_another_name_after_a_kind_word_is_refused(greeting: str) -> None:
    assert found(f"Subject: 15% off\n{greeting}" + CLOSING) == [("wrong_name", "Bob")]


@pytest.mark.parametrize(
    ("symbol", "sentence", "amount"),
    [
        ("€", "Get 23.50€ off.", "23.50€"),
        ("€", "Get 23,50 € off.", "23,50 €"),
        ("$", "Get 5$ off.", "5$"),
        ("kr", "Get 23,50 kr off.", "23,50 kr"),
    ],
)
def test_money_with_its_symbol_after_is_money(symbol: str, sentence: str, amount: str) -> None:
    policy = OfferPolicy(currency_symbol=symbol)
    grounding = offer_facts().grounding(policy, CATALOGUE)  # last order: 23.50
    violations = verify(offer(sentence), grounding, policy)
    assert ("over_policy_discount", amount) in [(v.kind, v.text) for v in violations]
    # The last order's amount, written the same way, is grounded.
    thanks = offer(f"Thanks for your order of {amount.replace('5$', '23.50$')}.")
    assert verify(thanks, grounding, policy) == []
