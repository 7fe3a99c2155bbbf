"""Honest copy a review (R11) found refused, each beside the claim near it that is still
refused: the customer restocking their own shelf, quality words and staff that are no tier,
the offer's discount written without a discount word, and a weight in pounds."""

import pytest

from assistant.drafting import verify
from assistant.drafting.extract import extract
from tests.drafting.factories import CATALOGUE, POLICY, offer_facts, segment_facts

OFFER = offer_facts().grounding(POLICY, CATALOGUE)  # Ada, Coffee, 15% off until May 1, 2026
HELLO = "Hi Ada,\nEnjoy 15% off your next Coffee order until May 1, 2026. "
BYE = "\nThe team"


def in_offer(sentence: str) -> list[tuple[str, str]]:
    return [(v.kind, v.text) for v in verify(HELLO + sentence + BYE, OFFER, POLICY)]


@pytest.mark.parametrize(
    "sentence",
    [
        "Restock your cupboard and save.",
        "Time to restock? Enjoy 15% off Coffee.",
        "Our premium customers love this blend.",
        "Enjoy our premium customer service.",
        "Our members of staff picked it.",
        "That's 15% for customers who order again before May 1, 2026.",
    ],
)
def test_the_customers_shelf_quality_words_staff_and_the_offers_discount_pass(
    sentence: str,
) -> None:
    assert in_offer(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "claim"),
    [
        ("We restocked your favourites.", ("invented_stock", "restocked")),
        ("Restocked items are waiting.", ("invented_stock", "Restocked")),
        ("Your Coffee is restocked.", ("invented_stock", "restocked")),
        ("We're restocking this week.", ("invented_stock", "We're restocking")),
        ("Join our premium membership.", ("invented_membership", "premium membership")),
        ("As a VIP customer, enjoy it.", ("invented_membership", "VIP customer")),
        ("Our members get it first.", ("invented_membership", "Our members")),
    ],
)
def test_the_stores_restock_and_a_tier_are_still_refused(
    sentence: str, claim: tuple[str, str]
) -> None:
    assert claim in in_offer(sentence)


def test_a_true_percentage_other_than_the_discount_is_still_a_share_of_people() -> None:
    summary = segment_facts().grounding(POLICY, CATALOGUE)  # 63.4% churn risk, no discount
    text = "Lapsing coffee lovers: an average churn risk of 63.4%. That's 63.4% who buy again."
    assert ("invented_number", "63.4% who buy") in [
        (v.kind, v.text) for v in verify(text, summary, POLICY)
    ]


def test_pounds_of_a_product_are_a_weight_checked_as_a_plain_number() -> None:
    (weight,) = extract("Grab two pounds of fresh Coffee.", "£").numbers
    assert (weight.text, weight.value, weight.unit) == ("two pounds", 2.0, "plain")
    (digits,) = extract("Grab 2 pounds of fresh Coffee.", "£").numbers
    assert (digits.value, digits.unit) == (2.0, "plain")
    violations = verify(HELLO + "Grab two pounds of fresh Coffee." + BYE, OFFER, POLICY)
    assert [(v.kind, v.text) for v in violations] == [("invented_number", "two pounds")]
    assert "15%" not in violations[0].message  # not read as a percentage, nor as money


def test_pounds_in_words_are_money_not_a_percentage() -> None:
    (amount,) = extract("Save twenty pounds.", "£").numbers
    assert (amount.value, amount.unit, amount.discount) == (20.0, "money", True)
    assert ("over_policy_discount", "twenty pounds") in in_offer("Save twenty pounds.")
