"""Holes a review (R12) found in the checker, each beside honest copy near it that passes:
"We have missed you" to customers who bought lately, small counts written as words ("for two
years"), a second deal or an unheld term said another way ("stackable with all other offers",
"works on sale items too", "no minimum spend"), and hedged lengths and dates ("valid for over a
year", "expires in over a year"), which were read as if nothing had been said."""

import pytest

from assistant.drafting import Grounding, OfferFacts, verify
from tests.drafting.factories import CATALOGUE, POLICY, offer_facts, segment_facts

QUIET = offer_facts().grounding(POLICY, CATALOGUE)  # Ada last bought in 1998: gone quiet
CHAMPION = offer_facts(gone_quiet=False).grounding(POLICY, CATALOGUE)  # bought lately
UNKNOWN = offer_facts(gone_quiet=None).grounding(POLICY, CATALOGUE)  # e.g. no one's recency
OPENING = "Subject: 15% off for you, Ada\nHi Ada,\n"
CLOSING = "\nHere is 15% off your next order, valid until May 1, 2026.\nThe team"


def found(sentence: str, grounding: Grounding = CHAMPION) -> list[tuple[str, str]]:
    text = OPENING + sentence + CLOSING
    return [(v.kind, v.text) for v in verify(text, grounding, POLICY)]


@pytest.mark.parametrize(
    ("sentence", "phrase"),
    [
        ("We have missed you.", "missed you"),
        ("We've missed you, Ada!", "missed you"),
        ("We miss you at the shop.", "miss you"),
        ("We've been missing you.", "missing you"),
        ("It's been a while since your last order.", "It's been a while"),
        ("It has been too long!", "It has been too long"),
        ("Long time no see!", "Long time no see"),
        ("We haven't seen you in a while.", "haven't seen you in a while"),
    ],
)
def test_saying_they_were_away_is_refused_unless_they_have_gone_quiet(
    sentence: str, phrase: str
) -> None:
    assert ("invented_absence", phrase) in found(sentence)
    assert ("invented_absence", phrase) in found(sentence, UNKNOWN)
    assert found(sentence, QUIET) == []


@pytest.mark.parametrize("quiet", [True, False, None])
def test_the_checker_follows_the_fallbacks_rule(quiet: bool | None) -> None:
    # The fallback says "We have missed you." only to quiet customers; a draft may too.
    facts: OfferFacts = offer_facts(gone_quiet=quiet)
    fallback = facts.fallback_values(POLICY)["opening"] or ""
    grounding = facts.grounding(POLICY, CATALOGUE)
    refused = any(kind == "invented_absence" for kind, _ in found("We have missed you.", grounding))
    assert ("missed you" in fallback) is not refused


def test_a_reason_names_what_the_facts_say() -> None:
    [champion] = verify(OPENING + "We miss you." + CLOSING, CHAMPION, POLICY)
    assert "bought recently" in champion.message
    [unknown] = verify(OPENING + "We miss you." + CLOSING, UNKNOWN, POLICY)
    assert "do not say they have been away" in unknown.message


def test_a_summary_to_the_marketer_is_not_read_for_absence() -> None:
    summary = segment_facts().grounding(POLICY, CATALOGUE)
    text = "Lapsing coffee lovers: 1,234 customers. It's been a while since most of them bought."
    assert not any(v.kind == "invented_absence" for v in verify(text, summary, POLICY))


@pytest.mark.parametrize(
    ("sentence", "count"),
    [
        ("You have been with us for two years.", "two"),
        ("You have shopped with us three times.", "three"),
        ("Your last two orders were Coffee.", "two"),  # "two orders": a count of orders
        ("You have been a customer for three whole years.", "three"),
        ("It has been two months since we saw you.", "two"),
    ],
)
def test_a_small_count_in_words_before_what_it_counts_is_a_figure(
    sentence: str, count: str
) -> None:
    assert ("invented_number", count) in found(sentence, QUIET)


@pytest.mark.parametrize(
    ("sentence", "kind", "phrase"),
    [
        ("It is stackable with all other offers.", "over_policy_discount", "is stackable"),
        ("Fully stackable with all other offers.", "over_policy_discount", "stackable with all"),
        ("Combine it with all other coupons.", "over_policy_discount", "Combine it with all"),
        ("It works on sale items too.", "over_policy_discount", "on sale items"),
        ("Valid even on reduced lines.", "over_policy_discount", "on reduced lines"),
        ("No minimum spend.", "unsupported_promise", "No minimum spend"),
        ("There is no minimum order required.", "unsupported_promise", "no minimum order"),
        ("Your 15% off is valid for over a year.", "invented_date", "for over a year"),
        ("Your code is good for more than a month.", "invented_date", "for more than a month"),
        ("Your code works for over two weeks.", "invented_date", "for over two weeks"),
        ("Your code expires in over a year.", "invented_date", "in over a year"),
        ("You haven't shopped with us in over a year.", "invented_date", "in over a year"),
    ],
)
def test_a_deal_term_said_another_way_is_refused_as_its_plain_form_is(
    sentence: str, kind: str, phrase: str
) -> None:
    assert any(k == kind and phrase in text for k, text in found(sentence, QUIET))


@pytest.mark.parametrize(
    "plain",
    [
        "Combine it with any other coupon.",
        "Your 15% off is valid for a year.",
        "Your code expires in a year.",
        "You have been with us for 2 years.",
    ],
)
def test_the_plain_forms_are_still_refused(plain: str) -> None:
    assert found(plain, QUIET) != []


# Sentences of the kind a 1.5B model writes to a customer who bought lately (a champion): none
# is a claim the facts lack, so none may be refused.
HONEST = [
    "Thank you for being one of our favourite customers.",
    "We hope you enjoyed your last order.",
    "Your favourite Coffee is waiting for you.",
    "Treat yourself to something special.",
    "Here is a little thank-you from all of us.",
    "We think you'll love the Coffee product B000EYLDYE.",
    "Don't miss out on this offer.",
    "You won't want to miss it.",
    "Don't miss your chance to save.",
    "One more reason to enjoy your morning cup.",
    "Two of our favourites pair well with Coffee.",
    "Use your one-time code at checkout.",
    "It only takes a minute to order.",
    "Start your day with a fresh cup.",
    "Stock up on your favourites.",
    "It works on your next order.",
    "Over the years, Coffee has been a favourite here.",
    "Pick one or two treats for the week ahead.",
    "Have a great week!",
    "Your code is good for up to two weeks.",
    "Your discount lasts for about two weeks.",
    "It ends in about two weeks, on May 1, 2026.",
    "Your 15% off is yours for two weeks.",
    "Thanks for choosing us time and again.",
    "Our team hand-picks every bag.",
    "Enjoy two cups a day? Stock up now.",
    "Your next order could be your best one yet.",
    "Three cheers for great coffee!",
    "Come back for more of your favourite Coffee.",
    "We have been busy roasting new blends.",
    "Apply it at checkout on your next order.",
    "Use it on any order before May 1, 2026.",
    "You can combine Coffee with a slow morning.",
    "A minimum of effort, a maximum of flavour.",
]


@pytest.mark.parametrize("sentence", HONEST)
def test_honest_copy_to_a_recent_customer_passes(sentence: str) -> None:
    assert found(sentence) == []
