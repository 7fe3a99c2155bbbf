"""An offer has an end date, so copy may not promise its discount without end: "forever", "for
life", "a lifetime discount", "always 15% off" are refused where they speak of the deal, and the
same words in honest phrases that are not about the offer's length pass."""

import pytest

from assistant.drafting import verify
from tests.drafting.factories import CATALOGUE, POLICY, offer_facts

GROUNDING = offer_facts().grounding(POLICY, CATALOGUE)  # Ada, 15% off until May 1, 2026
HELLO = "Hi Ada, we miss you. "
UNTIL = " Enjoy 15% off your next Coffee order until May 1, 2026."


def found(text: str) -> list[tuple[str, str]]:
    return [(v.kind, v.text) for v in verify(text, GROUNDING, POLICY)]


@pytest.mark.parametrize(
    ("sentence", "phrase"),
    [
        ("Here is 15% off - forever.", "forever"),
        ("Enjoy 15% off forever!", "forever"),
        ("15% off, for ever.", "for ever"),
        ("15% off, forevermore.", "forevermore"),
        ("Here's 15% off for life.", "for life"),
        ("Enjoy 15% off for a lifetime.", "for a lifetime"),
        ("Enjoy a lifetime discount of 15%.", "lifetime discount"),
        ("Your 15% off is a lifelong deal.", "lifelong deal"),
        ("A permanent 15% off, just for you.", "permanent 15% off"),
        ("15% off, permanently.", "permanently"),
        ("Our 15% off is permanent.", "permanent"),
        ("This code never expires.", "never expires"),
        ("This 15% off will never ever end.", "never ever end"),
        ("15% off that won't ever expire.", "won't ever expire"),
        ("No expiry on this 15% off.", "No expiry"),
        ("15% off, no expiration.", "no expiration"),
        ("It's always 15% off for you.", "always"),
        ("Always 15% off, Ada.", "Always"),
        ("You can always use this code.", "always"),
        ("15% off your next order - always!", "always"),
        ("15% off every order from now on.", "from now on"),
        ("Use this code whenever you like.", "whenever you like"),
        ("15% off for as long as you shop with us.", "for as long as you shop"),
        ("The discount is valid for life.", "valid for life"),
        ("This offer is yours forever.", "yours forever"),
        ("Enjoy 15% off for good.", "for good"),
        ("15% off in perpetuity.", "in perpetuity"),
        ("Enjoy endless savings.", "endless savings"),
        ("15% off for the rest of your life.", "for the rest of your life"),
        # Unsure: "forever" beside the deal may speak of it, so it is refused (a retry fixes it).
        ("We're forever grateful, so here's 15% off.", "forever"),
    ],
)
def test_a_discount_without_end_is_refused(sentence: str, phrase: str) -> None:
    violations = verify(HELLO + sentence + UNTIL, GROUNDING, POLICY)
    assert ("invented_date", phrase) in [(v.kind, v.text) for v in violations]
    (about,) = [v for v in violations if v.text == phrase]
    assert about.message == f"'{phrase}' says the offer has no end; it ends on May 1, 2026"


@pytest.mark.parametrize(
    ("sentences", "phrase"),
    [
        ("Here is 15% off. Forever!", "Forever"),  # the duration as a sentence of its own
        ("Here is 15% off. And it's yours for life.", "yours for life"),
    ],
)
def test_a_duration_after_the_deals_sentence_is_refused(sentences: str, phrase: str) -> None:
    assert ("invented_date", phrase) in found(HELLO + sentences + UNTIL)


@pytest.mark.parametrize(
    "sentence",
    [
        "Our forever-favourite blend is back.",  # a compound: the blend, not the deal
        "Our forever-favourite blend is back, and here's 15% off.",
        "It's been forever since your last order!",  # a past that felt long
        "It's been forever since your last order - here's 15% off.",
        "We want you as a customer for life.",  # people, not the deal
        "Thank you for being customers for life - here's 15% off.",
        "As always, here's 15% off.",  # like every time before
        "We'll always be here for you.",  # no deal in the sentence
        "We always love seeing you, so here's 15% off.",  # "always" far from the deal
        "We've roasted this blend forever.",
        "Our permanent collection is waiting.",
        "Here's 15% off, and a little extra thanks for good measure.",
        "Here's 15% off for good customers like you.",
        "Don't wait forever: here's 15% off.",
    ],
)
def test_the_same_words_not_about_the_offers_length_pass(sentence: str) -> None:
    assert found(HELLO + sentence + UNTIL) == []
