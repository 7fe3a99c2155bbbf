"""Honest copy the checks once refused: a house named without its company form ("the Happy
Brewing team" for "Happy Brewing Co."), or without its accents and apostrophes, and the offer's
percentage worded as a gift ("here's 15% for you"). The dishonest copy beside each stays out."""

import pytest

from assistant.drafting import Grounding, OfferPolicy, verify
from tests.drafting.factories import CATALOGUE, POLICY, offer_facts

OPENING = "Subject: 15% off for you, Ada\nHi Ada,\n"
OFFER = "Here is 15% off your next order, valid until May 1, 2026.\n"


def found(text: str, policy: OfferPolicy = POLICY) -> list[tuple[str, str]]:
    grounding: Grounding = offer_facts().grounding(policy, CATALOGUE)
    return [(v.kind, v.text) for v in verify(text, grounding, policy)]


@pytest.mark.parametrize(
    ("house", "ending"),
    [
        ("Free Range Tea Co.", "The Free Range Tea team"),  # "Free" is no free-shipping promise
        ("Free Range Tea Co.", "See you soon at Free Range Tea!\nFree Range Tea"),
        ("Happy Brewing Co.", "Best,\nThe Happy Brewing team"),
        ("Route 66 Coffee Ltd", "The team at Route 66 Coffee"),  # 66 is part of the name
        ("Café Lumière", "Cafe Lumiere"),
        ("Smith's Coffee", "Smiths Coffee"),
    ],
)
def test_the_house_named_the_way_copy_names_it_passes(house: str, ending: str) -> None:
    assert found(OPENING + OFFER + ending, OfferPolicy(sign_off=house)) == []


@pytest.mark.parametrize(
    ("house", "ending", "refused"),
    [
        (
            "Happy Brewing Co.",
            "Best,\nBob from Happy Brewing",
            ("wrong_name", "Bob from Happy Brewing"),
        ),
        ("Café Lumière", "Cafe Bob", ("wrong_name", "Cafe Bob")),
        (
            "Free Range Tea Co.",
            "Enjoy free shipping too.\nThe team",
            ("unsupported_promise", "free shipping"),
        ),
        ("Route 66 Coffee Ltd", "Only 66 left!\nThe team", ("invented_number", "66")),
    ],
)
def test_a_sender_or_claim_beside_the_house_name_is_still_refused(
    house: str, ending: str, refused: tuple[str, str]
) -> None:
    assert refused in found(OPENING + OFFER + ending, OfferPolicy(sign_off=house))


def test_the_house_name_without_its_company_form_is_merchant_text() -> None:
    assert OfferPolicy(sign_off="Acme Coffee Company, Inc.").house_names() == (
        "Acme Coffee Company, Inc.",
        "Acme Coffee Company",
        "Acme Coffee",
    )
    assert OfferPolicy().house_names() == ("The team",)


@pytest.mark.parametrize(
    "sentence",
    [
        "Here's 15% for you.",
        "Here's 15%, just for you.",
        "Enjoy 15% on us until May 1, 2026.",
        "We'd love to give you 15%.",
        "Take 15% - it's yours until May 1, 2026.",
        "A 15% thank-you for coming back.",
    ],
)
def test_the_discount_worded_as_a_gift_passes(sentence: str) -> None:
    assert found(OPENING + sentence + "\n" + OFFER + "The team") == []


@pytest.mark.parametrize(
    ("sentence", "refused"),
    [
        ("Here's 15% more coffee.", ("invented_number", "15%")),  # coffee, not a discount
        ("We'd love to give you 15% more beans.", ("invented_number", "15%")),
        ("Here's a 15% chance to win.", ("invented_number", "15%")),
        ("Your risk of leaving is 15%.", ("invented_number", "15%")),
        ("Here's 50% for you.", ("over_policy_discount", "50%")),  # a gift is held to policy
        ("Here's 15% for you and another 15% next time.", ("over_policy_discount", "15%")),
    ],
)
def test_a_percentage_that_is_no_gift_of_the_discount_is_still_refused(
    sentence: str, refused: tuple[str, str]
) -> None:
    assert refused in found(OPENING + sentence + "\n" + OFFER + "The team")
