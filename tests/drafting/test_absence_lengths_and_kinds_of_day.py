"""Holes a review (R13) found in the checker, each beside honest copy near it that passes:
absence in other words ("we haven't heard from you lately") to customers who bought lately,
vague shares ("lots of them will leave"), lengths in vague counts ("valid for several weeks",
"a dozen times"), another deal said another way ("works with your other coupons"); and two
over-refusals: the offer's discount after "your" ("claim your 15% today") and a weekday or
weekend as a kind of day ("perfect for a lazy Sunday")."""

import pytest

from assistant.drafting import Grounding, OfferPolicy, verify
from assistant.drafting.durations import find_durations
from tests.drafting.factories import CATALOGUE, POLICY, offer_facts, segment_facts

CHAMPION = offer_facts(gone_quiet=False).grounding(POLICY, CATALOGUE)  # bought lately; 14 days
LAPSED = offer_facts(gone_quiet=True).grounding(POLICY, CATALOGUE)
SUMMARY = segment_facts().grounding(POLICY, CATALOGUE)
WEEK = OfferPolicy(offer_valid_days=7)
OPEN = "Subject: 15% off for you, Ada\nHi Ada,\n"
CLOSE = "\nHere is 15% off your next Coffee order, valid until May 1, 2026.\nThe team"
SEGMENT = "Lapsing coffee lovers: 1,234 customers, an average churn risk of 63.4%. "


def found(
    sentence: str, grounding: Grounding = CHAMPION, policy: OfferPolicy = POLICY
) -> list[tuple[str, str]]:
    return [(v.kind, v.text) for v in verify(OPEN + sentence + CLOSE, grounding, policy)]


def in_summary(sentence: str) -> list[tuple[str, str]]:
    return [(v.kind, v.text) for v in verify(SEGMENT + sentence, SUMMARY, POLICY)]


@pytest.mark.parametrize(
    ("sentence", "phrase"),
    [
        ("We haven't heard from you lately.", "haven't heard from you lately"),
        ("We haven't seen you around lately.", "haven't seen you around lately"),
        ("You've been away for a while.", "You've been away"),
        ("We noticed you haven't ordered in a while.", "haven't ordered in a while"),
        ("It's been some time since your last order.", "It's been some time"),
        ("Your last order was a while ago.", "Your last order was a while ago"),
        ("Welcome back after your time away!", "your time away"),
    ],
)
def test_absence_in_other_words_is_refused_unless_they_have_gone_quiet(
    sentence: str, phrase: str
) -> None:
    assert found(sentence) == [("invented_absence", phrase)]
    assert found(sentence, LAPSED) == []


def test_welcome_back_alone_passes_and_greets_no_one_called_after() -> None:
    # Every offer goes to someone who has bought before: "welcome back" says nothing of how
    # long they were gone. The word after it is no name ("after" was refused as one).
    for grounding in (CHAMPION, LAPSED):
        assert found("Welcome back!", grounding) == []
        assert ("wrong_name", "after") not in found("Welcome back after a break.", grounding)


@pytest.mark.parametrize(
    ("sentence", "claim"),
    [
        ("Lots of them will leave.", "Lots of them will leave"),
        ("Plenty will come back.", "Plenty will come back"),
        ("A good share of them will buy again.", "A good share of them will buy"),
        ("Most of our regulars reorder.", "Most of our regulars reorder"),
        ("Lots of customers never come back.", "Lots of customers never come back"),
    ],
)
def test_a_share_of_people_in_other_vague_words_is_refused(sentence: str, claim: str) -> None:
    assert in_summary(sentence) == [("invented_number", claim)]
    assert found(sentence) == [("invented_number", claim)]


def test_a_vague_share_of_the_blanked_segment_is_refused() -> None:
    claim = "Lots of Lapsing coffee lovers will churn"
    assert in_summary(claim + ".") == [("invented_number", claim)]


@pytest.mark.parametrize(
    ("sentence", "length"),
    [
        ("Valid for a couple of years.", "for a couple of years"),
        ("Valid for several weeks.", "for several weeks"),
        ("Valid for a dozen days.", "for a dozen days"),
        ("Ends in a dozen days.", "in a dozen days"),
    ],
)
def test_a_length_in_vague_counts_is_held_to_the_offers_days(sentence: str, length: str) -> None:
    assert found(sentence) == [("invented_date", length)]


def test_a_fortnight_is_the_end_of_a_14_day_offer_only() -> None:
    assert found("Ends in a fortnight.") == []
    week = offer_facts(gone_quiet=False).grounding(WEEK, CATALOGUE)
    assert found("Ends in a fortnight.", week, WEEK) == [("invented_date", "in a fortnight")]


def test_vague_counts_are_read_as_their_fewest_and_most_days() -> None:
    [several] = find_durations("Your code is valid for several weeks.")
    assert (several.fewest_days, several.most_days) == (21, 63)
    [couple] = find_durations("Your code is valid for a couple of weeks.")
    assert (couple.fewest_days, couple.most_days) == (14, 14)


def test_a_dozen_times_is_a_count() -> None:
    assert found("You've ordered from us a dozen times.") == [("invented_number", "a dozen")]
    assert found("You've ordered from us half a dozen times.") == [
        ("invented_number", "half a dozen")
    ]


def test_another_deal_said_another_way_is_refused() -> None:
    assert found("Works with your other coupons too.") == [
        ("over_policy_discount", "Works with your other coupons")
    ]
    assert found("Combine it with your other coupons.") == [
        ("over_policy_discount", "Combine it with your other coupons")
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "Use your 15% before May 1, 2026.",
        "Your 15% is waiting.",
        "Claim your 15% today.",
        "Don't forget your 15%.",
    ],
)
def test_the_offers_discount_after_your_reads_as_the_discount(sentence: str) -> None:
    assert found(sentence) == []


def test_another_figure_after_your_is_still_refused() -> None:
    assert found("Your 18% is waiting.") == [("invented_number", "18%")]
    assert found("Your 15% chance of winning is here.") == [("invented_number", "15%")]


@pytest.mark.parametrize(
    "sentence",
    [
        "Start the weekend with a fresh brew.",
        "Perfect for a lazy Sunday.",
        "Every Friday we roast fresh beans.",
        "Sundays are for Coffee.",
        "Have a lovely weekend!",
    ],
)
def test_a_kind_of_day_passes(sentence: str) -> None:
    assert found(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "day"),
    [
        ("Ends Sunday.", "Sunday"),
        ("Valid until the weekend.", "the weekend"),
        ("Order before the weekend.", "the weekend"),
        ("You ordered last Sunday.", "Sunday"),
    ],
)
def test_a_day_written_as_an_end_or_one_day_is_still_refused(sentence: str, day: str) -> None:
    assert found(sentence) == [("invented_date", day)]


# Sentences near the new rules that say nothing the facts lack: none may be refused.
HONEST = [
    "Our last order of beans came in a while ago.",
    "It's been a long time coming: our new roast is here.",
    "You are missing out on our best blend.",
    "Welcome back to the shop!",
    "You haven't tried our new roast yet.",
    "There's plenty of time to come back for more.",
    "There are plenty of reasons to come back.",
    "Lots of love goes into every bag.",
    "A lot of thought goes into every blend.",
    "Lots of our customers buy Coffee.",
    "It works with a code at checkout.",
    "Valid for a couple of weeks.",
    "Ends in a couple of weeks.",
    "A dozen reasons to smile.",
    "Enjoy it over the weekend.",
]


@pytest.mark.parametrize("sentence", HONEST)
def test_honest_copy_near_the_new_rules_passes(sentence: str) -> None:
    assert found(sentence) == []
