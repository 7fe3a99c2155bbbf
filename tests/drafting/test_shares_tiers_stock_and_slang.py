"""Claims a later review found passing, each beside honest copy near it that still passes:
shares of customers who churn or buy named by no group, hedged percentages, membership tiers,
stock, money in slang, and the store's categories the facts lack in an offer."""

import pytest

from assistant.drafting import Catalogue, Grounding, OfferPolicy, verify
from assistant.drafting.revise import revision_problems
from tests.drafting.factories import CATALOGUE, POLICY, offer_facts, segment_facts

OFFER = offer_facts().grounding(POLICY, CATALOGUE)  # Ada, Coffee, 15% off until May 1, 2026
SUMMARY = segment_facts().grounding(POLICY, CATALOGUE)  # 1,234; 18.7% revenue; 63.4% churn
HELLO = "Hi Ada,\nEnjoy 15% off your next Coffee order until May 1, 2026. "
BYE = "\nThe team"
SEGMENT = "Lapsing coffee lovers: 1,234 customers, an average churn risk of 63.4%. "


def found(text: str, grounding: Grounding = OFFER, policy: OfferPolicy = POLICY) -> list[str]:
    return [v.kind for v in verify(text, grounding, policy)]


def in_offer(sentence: str) -> list[tuple[str, str]]:
    return [(v.kind, v.text) for v in verify(HELLO + sentence + BYE, OFFER, POLICY)]


@pytest.mark.parametrize(
    ("sentence", "claim"),
    [
        ("About two thirds are likely to churn.", "two thirds are likely to churn"),
        ("Nearly two thirds are at risk of churning.", "two thirds are at risk"),
        ("63.4% are likely to churn.", "63.4% are likely to churn"),
        ("About 60% are at risk.", "60% are at risk"),
        ("One in three customers will buy again.", "One in three customers will buy"),
        # The segment's own name is blanked as merchant text; the share is still of people.
        (
            "Two thirds of Lapsing coffee lovers will churn.",
            "Two thirds of Lapsing coffee lovers will churn",
        ),
    ],
)
def test_a_share_of_customers_who_churn_or_buy_is_refused(sentence: str, claim: str) -> None:
    assert ("invented_number", claim) in [
        (v.kind, v.text) for v in verify(SEGMENT + sentence, SUMMARY, POLICY)
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "Their average churn risk is 63.4%.",
        "They carry a 63.4% churn risk.",
        "Their churn risk is high, so many may leave.",
        "They bring in roughly a fifth of revenue.",
        "18.7% of revenue comes from customers who buy Coffee.",
        "Most buy Coffee and Tea.",
    ],
)
def test_a_rate_or_a_share_of_revenue_passes(sentence: str) -> None:
    assert found(SEGMENT + sentence, SUMMARY) == []


def test_a_discount_for_the_customers_who_return_is_no_share() -> None:
    assert found("Hi Ada, here is 15% on your next order, valid until May 1, 2026.") == []
    assert found(HELLO + "A third of our Coffee comes from Kenya." + BYE) == []


@pytest.mark.parametrize(
    "figure",
    ["about 60%", "around 65%", "nearly 65%", "~60%", "over 60%", "roughly 63%", "about 63.4%"],
)
def test_a_hedged_percentage_may_round_the_fact(figure: str) -> None:
    # 63.4% to the nearest 10 is 60, to the nearest 5 is 65; "nearly" puts it under the figure.
    assert found(SEGMENT + f"Their churn risk is {figure}.", SUMMARY) == []


@pytest.mark.parametrize(
    "figure", ["about 50%", "roughly 70%", "nearly 60%", "almost 60%", "over 65%", "60%", "65%"]
)
def test_a_hedged_percentage_the_fact_does_not_round_to_is_refused(figure: str) -> None:
    assert found(SEGMENT + f"Their churn risk is {figure}.", SUMMARY) == ["invented_number"]


def test_a_hedge_never_rounds_the_discount() -> None:
    assert "invented_number" in found(HELLO + "That is about 20% off." + BYE)


@pytest.mark.parametrize(
    ("sentence", "claim"),
    [
        ("As a Gold member, you deserve it.", "Gold member"),
        ("Join our VIP club.", "our VIP club"),
        ("Your Platinum status unlocks this.", "Platinum status"),
        ("Join our Coffee club.", "our Coffee club"),
        ("Earn points on this order.", "Earn points"),
        ("It is part of our loyalty programme.", "loyalty programme"),
        ("Members-only prices, just for you.", "Members-only"),
    ],
)
def test_a_membership_the_facts_lack_is_refused(sentence: str, claim: str) -> None:
    assert ("invented_membership", claim) in in_offer(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "As a valued customer, you deserve it.",
        "Thank you for being a loyal customer.",
        "We reward customers like you.",
        "Your order status is on your account page.",
    ],
)
def test_valued_and_loyal_customers_pass(sentence: str) -> None:
    assert in_offer(sentence) == []


def test_points_pass_with_the_loyalty_points_perk() -> None:
    points = OfferPolicy(perks=("loyalty points",))
    grounding = offer_facts(perks=("loyalty points",)).grounding(points, CATALOGUE)
    assert found(HELLO + "Earn points on this order." + BYE, grounding, points) == []
    assert "invented_membership" in found(HELLO + "As a Gold member." + BYE, grounding, points)


@pytest.mark.parametrize(
    ("sentence", "claim"),
    [
        ("Your favourite Coffee is back in stock.", "back in stock"),
        ("Only 3 left.", "Only 3 left"),
        ("Just a few bags left!", "Just a few bags left"),
        ("Our Coffee is selling out.", "selling out"),
        ("Limited stock.", "Limited stock"),
        ("While supplies last.", "While supplies last"),
        ("We restocked your favourites.", "restocked"),
    ],
)
def test_a_stock_claim_is_refused(sentence: str, claim: str) -> None:
    assert ("invented_stock", claim) in in_offer(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Stock up on coffee.",
        "Stock your cupboard with Coffee.",
        "Running low on coffee?",
        "Only 14 days left to use it.",
    ],
)
def test_stock_as_a_verb_or_the_customers_shelf_passes(sentence: str) -> None:
    assert in_offer(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "amount"),
    [
        ("Take a tenner off.", "a tenner"),
        ("Save a fiver.", "a fiver"),
        ("Save 20 bucks.", "20 bucks"),
        ("Save ten quid.", "ten quid"),
    ],
)
def test_money_in_slang_is_an_amount_off(sentence: str, amount: str) -> None:
    assert ("over_policy_discount", amount) in in_offer(sentence)


def test_money_in_slang_is_checked_for_value_and_currency() -> None:
    assert ("invented_number", "a tenner") in in_offer("You spent a tenner last time.")
    pounds = OfferPolicy(currency_symbol="£")
    ten = offer_facts(last_order_amount=10.0).grounding(pounds, CATALOGUE)
    assert found(HELLO + "Your last order came to a tenner." + BYE, ten, pounds) == []
    assert found(HELLO + "Your last order came to ten quid." + BYE, ten, pounds) == []
    dollars = offer_facts(last_order_amount=10.0).grounding(POLICY, CATALOGUE)
    assert found(HELLO + "Your last order came to ten quid." + BYE, dollars) == [
        "invented_number"  # £ in a store that writes $
    ]


@pytest.mark.parametrize(
    ("sentence", "category"),
    [
        ("Perfect for Coffee and Tea lovers.", "Tea"),
        ("Your coffee pairs well with Tea.", "Tea"),
        ("She buys tea.", "tea"),
        ("Treats for your pet food bowl.", "pet food"),
        ("Buy Coffee and Tea.", "Tea"),
        ("Save on sauces and spices too.", "sauces and spices"),
    ],
)
def test_a_store_category_the_facts_lack_is_refused(sentence: str, category: str) -> None:
    assert in_offer(sentence) == [("invented_product", category)]


def test_the_facts_category_in_any_case_passes() -> None:
    assert in_offer("Perfect with a fresh cup of coffee.") == []
    assert in_offer("Teapots and coffee pots alike.") == []  # a word, not the category
    # One-word categories in lower case are plain words unless bought.
    assert in_offer("Perfect with coffee and tea.") == []
    assert in_offer("Stock up on grocery basics.") == []
    sauces = offer_facts(favourite_category="Sauces & spices").grounding(POLICY, CATALOGUE)
    text = "Hi Ada,\nEnjoy 15% off your next order until May 1, 2026. More sauces and spices!"
    assert found(text + BYE, sauces) == []


def test_plain_titles_carry_no_categories() -> None:
    titles = offer_facts().grounding(POLICY, dict(CATALOGUE))
    assert titles.categories == () and OFFER.categories == CATALOGUE.categories
    assert Catalogue({}, ["Tea"]).categories == ("Tea",)


def test_a_time_on_the_offers_last_day_is_refused_and_its_end_of_day_passes() -> None:
    # The facts give the offer's end as a day, with no hour (times.py).
    assert in_offer("It ends at 11:59pm on May 1, 2026.") == [("invented_date", "11:59pm")]
    assert in_offer("It ends at the end of day on May 1, 2026.") == []


def test_the_retry_is_told_what_to_leave_out() -> None:
    violations = verify(HELLO + "As a Gold member: back in stock!" + BYE, OFFER, POLICY)
    facts = offer_facts().prompt_facts(POLICY)
    problems = " ".join(revision_problems(violations, "offer_email", facts))
    assert "Name no membership, tier, club, status or points." in problems
    assert "Say nothing about stock or how much is left." in problems
