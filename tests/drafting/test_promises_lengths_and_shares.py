"""Claims the checker missed in a review, each beside honest copy near it that still passes:
free shipping and returns said another way, price promises, "valid any time", lengths in words,
a wrong currency, a perk on every order, made-up urgency, and in summaries shares written as
fractions, hedged round counts and categories the facts do not hold."""

import pytest

from assistant.drafting import Grounding, OfferPolicy, verify
from tests.drafting.factories import CATALOGUE, POLICY, offer_facts, segment_facts

OFFER = offer_facts().grounding(POLICY, CATALOGUE)  # Ada, 15% off until May 1, 2026: 14 days
SUMMARY = segment_facts().grounding(POLICY, CATALOGUE)  # 1,234; 18.7% revenue; 63.4% churn
PERKS = OfferPolicy(perks=("free shipping",))
WITH_SHIPPING = offer_facts(perks=("free shipping",)).grounding(PERKS, CATALOGUE)
HELLO = "Hi Ada,\nEnjoy 15% off your next Coffee order until May 1, 2026. "
BYE = "\nThe team"


def found(text: str, grounding: Grounding = OFFER, policy: OfferPolicy = POLICY) -> list[str]:
    return [v.kind for v in verify(text, grounding, policy)]


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("We'll pay for delivery.", "unsupported_promise"),
        ("We pay the postage.", "unsupported_promise"),
        ("Postage paid on us.", "unsupported_promise"),
        ("Shipping costs nothing.", "unsupported_promise"),
        ("And we won't charge for shipping.", "unsupported_promise"),
        ("We'll match any competitor's price.", "unsupported_promise"),
        ("We'll beat any price you find.", "unsupported_promise"),
        ("Love it or send it back for nothing.", "unsupported_promise"),
        ("It's valid any time.", "invented_date"),
        ("Good anytime.", "invented_date"),
        ("It's yours for a week.", "invented_date"),
        ("It is valid for one month.", "invented_date"),
        ("Use it for the next month.", "invented_date"),
        ("Last chance!", "invented_date"),
        ("The deal is almost over.", "invented_date"),
        ("Enjoy 15% off for a week.", "invented_date"),
        ("It ends soon, so act now.", "invented_date"),
    ],
)
def test_a_promise_or_an_end_in_other_words_is_refused(sentence: str, kind: str) -> None:
    assert kind in found(HELLO + sentence + BYE)


@pytest.mark.parametrize(
    "sentence",
    [
        "You pay the postage as usual.",  # who pays is the customer: no promise
        "Our shipping costs are listed at checkout.",
        "We match your taste in coffee.",
        "Send us a note if anything is wrong.",
        "Use it any time before May 1, 2026.",
        "Feel free to reply any time.",
        "It's yours for the next two weeks.",  # 14 days: the offer's length
        "Valid for a fortnight.",
        "Valid for the next 14 days.",
        "It's a limited-time offer.",  # true: every offer ends
        "Hurry, it ends May 1, 2026.",
        "We hope you enjoyed your last order, Ada.",
        # A length or an end that is not the offer's (a later review found these refused).
        "Perfect for the coming week's breakfasts.",
        "Stock up for the whole month.",
        "Thank you for a year of great coffee.",
        "Summer is almost over, so treat yourself.",
        "Your last days of summer deserve good coffee.",
    ],
)
def test_honest_copy_near_those_rules_passes(sentence: str) -> None:
    assert found(HELLO + sentence + BYE) == []


def test_a_length_is_held_to_the_policys_days() -> None:
    month = OfferPolicy(offer_valid_days=30)
    grounding = offer_facts().grounding(month, CATALOGUE)
    assert found(HELLO + "It's yours for a month." + BYE, grounding, month) == []
    assert found(HELLO + "It's yours for two weeks." + BYE, grounding, month) == ["invented_date"]


def test_money_in_another_currency_is_refused() -> None:
    pounds = OfferPolicy(currency_symbol="£")
    grounding = offer_facts().grounding(pounds, CATALOGUE)  # last order 23.50
    assert found(HELLO + "Thanks for your £23.50 order." + BYE, grounding, pounds) == []
    assert found(HELLO + "Thanks for your $23.50 order." + BYE, grounding, pounds) == [
        "invented_number"
    ]
    assert "invented_number" in found(HELLO + "Your 23.50 euros order." + BYE, grounding, pounds)
    assert found(HELLO + "Thanks for your $23.50 order." + BYE) == []  # dollars in a $ store
    us = OfferPolicy(currency_symbol="US$")
    in_us = offer_facts().grounding(us, CATALOGUE)
    assert found(HELLO + "Thanks for your $23.50 order." + BYE, in_us, us) == []


def test_a_perk_the_offer_holds_is_for_that_offer_only() -> None:
    text = HELLO + "Free shipping on every order." + BYE
    assert found(text, WITH_SHIPPING, PERKS) == ["unsupported_promise"]
    assert found(HELLO + "Free shipping on all your orders." + BYE, WITH_SHIPPING, PERKS) != []
    assert found(HELLO + "It comes with free shipping." + BYE, WITH_SHIPPING, PERKS) == []
    assert found(HELLO + "Free shipping on this order too." + BYE, WITH_SHIPPING, PERKS) == []


@pytest.mark.parametrize(
    "text",
    [
        "Lapsing coffee lovers: half of them will churn.",
        # An average churn risk of 63.4% is no share of customers at risk (people_shares.py).
        "Lapsing coffee lovers: nearly two thirds are at risk of churning.",
        "Lapsing coffee lovers: more than half are at risk of churning.",
        "Lapsing coffee lovers: a third of revenue comes from them.",
        "Lapsing coffee lovers: about 1,300 customers.",
        "Lapsing coffee lovers: 1,200 customers.",  # not hedged: written as exact
        "Lapsing coffee lovers: over 1,300 customers.",
        "Lapsing coffee lovers: most buy Coffee and Tea; some buy Dog food.",
        "Lapsing coffee lovers mostly buy Pet food.",
        # Past a category the facts hold, in a list.
        "Lapsing coffee lovers mostly buy Coffee and Dog food.",
        "Lapsing coffee lovers buy Tea, Coffee and Pet food.",
    ],
)
def test_a_summary_share_count_or_category_the_facts_lack_is_refused(text: str) -> None:
    assert found(text, SUMMARY) != []


@pytest.mark.parametrize(
    "text",
    [
        "Lapsing coffee lovers: about 1,200 customers.",
        "Lapsing coffee lovers: some 1,200 customers, nearly 1,300.",
        "Lapsing coffee lovers: over 1,200 customers.",
        "Lapsing coffee lovers: around 1,000 customers, to the nearest thousand.",
        "Lapsing coffee lovers: roughly a fifth of revenue.",
        "Lapsing coffee lovers: each is worth about $88.40, or nearly $90.",
        "Lapsing coffee lovers: most buy Coffee and Tea, and buy less often now.",
        "Lapsing coffee lovers hold 18.7% of revenue; half a cup a day is their habit.",
    ],
)
def test_a_summary_that_rounds_true_facts_passes(text: str) -> None:
    assert found(text, SUMMARY) == []


def test_a_hedge_never_rounds_the_offers_own_figures() -> None:
    # "About 10 days" is not the 14 the offer lasts, though 14 rounds to 10.
    assert "invented_number" in found(HELLO + "It lasts about 10 days." + BYE)
    assert found(HELLO + "It lasts about 14 days." + BYE) == []


def test_a_category_written_out_with_and_is_the_facts_category() -> None:
    sauces = segment_facts(top_categories=("Sauces & spices", "Tea")).grounding(POLICY, CATALOGUE)
    assert found("Lapsing coffee lovers mostly buy Sauces and spices, and Tea.", sauces) == []
    assert found("Lapsing coffee lovers mostly buy Sauces and Pet food.", sauces) != []


def test_the_quarter_as_a_time_is_no_share() -> None:
    assert found("Lapsing coffee lovers: the quarter is their quietest season.", SUMMARY) == []
    assert found("Lapsing coffee lovers: a quarter of them will churn.", SUMMARY) != []
