"""Claims a later review found passing, each beside honest copy near it that still passes: a
share of people in vague words ("most of them will churn"), a fraction after its noun ("churn
risk is nearly two thirds"), the offer's discount written as a share of people ("15% will
order again"), and a time of day the facts do not give the offer's end ("until 11:59pm")."""

import pytest

from assistant.drafting import Grounding, verify
from assistant.drafting.extract import extract
from tests.drafting.factories import CATALOGUE, POLICY, offer_facts, segment_facts

OFFER = offer_facts().grounding(POLICY, CATALOGUE)  # Ada, Coffee, 15% off until May 1, 2026
SUMMARY = segment_facts().grounding(POLICY, CATALOGUE)  # 1,234; 18.7% revenue; 63.4% churn
HELLO = "Hi Ada,\nEnjoy 15% off your next Coffee order until May 1, 2026. "
BYE = "\nThe team"
SEGMENT = "Lapsing coffee lovers: 1,234 customers, an average churn risk of 63.4%. "


def in_offer(sentence: str) -> list[tuple[str, str]]:
    return [(v.kind, v.text) for v in verify(HELLO + sentence + BYE, OFFER, POLICY)]


def in_summary(sentence: str, grounding: Grounding = SUMMARY) -> list[tuple[str, str]]:
    return [(v.kind, v.text) for v in verify(SEGMENT + sentence, grounding, POLICY)]


@pytest.mark.parametrize(
    ("sentence", "claim"),
    [
        ("Most of them will churn.", "Most of them will churn"),
        ("The majority will come back.", "The majority will come back"),
        ("Nearly all of them are at risk of leaving.", "Nearly all of them are at risk"),
        ("Few of them will return.", "Few of them will return"),
        ("Most will churn.", "Most will churn"),
        ("The majority of them could lapse.", "The majority of them could lapse"),
        ("Few will buy again.", "Few will buy"),
        ("Most have already left.", "Most have already left"),
        ("The vast majority will not return.", "The vast majority will not return"),
        ("Hardly anyone comes back after a year.", "Hardly anyone comes back"),
        ("Most loyal customers come back.", "Most loyal customers come back"),
        ("We know that most will come back.", "most will come back"),
        # The segment's own name is blanked as merchant text; the share is still of people.
        ("Most of Lapsing coffee lovers will churn.", "Most of Lapsing coffee lovers will churn"),
    ],
)
def test_a_vague_share_of_people_who_churn_or_return_is_refused(sentence: str, claim: str) -> None:
    assert in_summary(sentence) == [("invented_number", claim)]


@pytest.mark.parametrize(
    ("sentence", "claim"),
    [
        ("Most customers like you leave.", "Most customers like you leave"),
        ("Most people who try it come back.", "Most people who try it come back"),
        ("Most customers order again.", "Most customers order"),
        (
            "Nearly everyone who tries it comes back for more.",
            "Nearly everyone who tries it comes back",
        ),
    ],
)
def test_a_vague_share_in_an_offer_is_refused(sentence: str, claim: str) -> None:
    assert in_offer(sentence) == [("invented_number", claim)]


@pytest.mark.parametrize(
    "sentence",
    [
        "Make the most of your 15% off before May 1, 2026.",
        "Most of our coffee comes from small farms.",
        "Our most popular blend is waiting for you.",
        "It's our most loyal customers who inspire us.",
        "You can save at most 15% with this code.",
        "For most orders, checkout takes a minute.",
        "Most people like a fresh cup in the morning.",
        "Most of all, we want to say thank you.",
        "We hope you make the most of it.",
        "The majority of our beans are roasted in-house.",
        "Nearly all our blends are roasted to order.",
        "Few things beat a fresh cup of Coffee.",
        "Most customers love our Coffee.",
        "Most of our customers order Coffee.",
        "Enjoy the most aromatic Coffee we roast.",
        "What matters most is that you enjoy it.",
        "Most mornings start better with Coffee.",
        "Our most recent blend is a favourite.",
        "You deserve the most from every cup.",
        "At most, it takes a minute to redeem.",
        "Most of the time, a good cup is all you need.",
        "Mostly, we just want to thank you.",
        "The majority of your favourites are waiting for you.",
        "Almost all of our Coffee is fair trade.",
        "Most who try our Coffee love it.",
        "Most customers like you enjoy this blend.",
        "Few blends are as smooth as this one.",
        "Most coffee lovers will enjoy this blend.",
        "Most of us at the shop drink it daily.",
        "We think most people will love it.",
        "For most of our customers, Coffee is a daily ritual.",
        "Make the most of your next order with 15% off.",
        "Most shoppers in our store buy Coffee.",
        "A few of our favourite blends are waiting for you.",
        "Get the most out of every bean.",
        "Most days, a cup of Coffee is the best part of the morning.",
        "We know most of you love a bargain.",
        "Your most recent order was a great choice.",
        "Treat yourself to the Coffee most people order first.",
        "Our most loyal customers return to this blend.",
        "Most of our regulars stay for a second cup.",
    ],
)
def test_honest_copy_with_most_few_or_all_passes(sentence: str) -> None:
    assert in_offer(sentence) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Most buy Coffee and Tea.",  # the segment's top categories
        "Most of them bought Coffee and Tea.",
        "Their churn risk is high, so many may leave.",
        "Most of their spend goes on Coffee.",
        "The majority of their orders are Coffee.",
    ],
)
def test_a_summary_of_what_most_buy_passes(sentence: str) -> None:
    assert in_summary(sentence) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Their churn risk is nearly two thirds.",  # 63.4%: under 66.7, within a sixth
        "Their churn risk is roughly two thirds.",
        "They carry a churn risk of about two thirds.",
        "Their share of revenue is about a fifth.",  # 18.7%
    ],
)
def test_a_fraction_after_its_noun_that_rounds_the_fact_passes(sentence: str) -> None:
    assert in_summary(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "share"),
    [
        ("Their churn risk is about a half.", "a half"),
        ("Their chance of buying again is about one in three.", "one in three"),
        ("Their churn risk is 1 in 3.", "1 in 3"),
    ],
)
def test_a_fraction_after_its_noun_that_is_no_fact_is_refused(sentence: str, share: str) -> None:
    assert in_summary(sentence) == [("invented_number", share)]


def test_a_fraction_after_its_noun_is_read_as_a_hedged_percentage() -> None:
    (share,) = extract("Their churn risk is nearly two thirds.").numbers
    assert (share.text, round(share.value, 1), share.unit, share.hedge) == (
        "two thirds",
        66.7,
        "percent",
        "under",
    )
    (ratio,) = extract("Your chance of buying again is one in three, so come back.").numbers
    assert (ratio.text, round(ratio.value, 1), ratio.hedge) == ("one in three", 33.3, "about")


def test_a_fraction_after_its_noun_in_an_offer_is_refused_and_other_halves_pass() -> None:
    assert in_offer("Your chance of buying again is about one in three.") == [
        ("invented_number", "one in three")
    ]
    assert in_offer("Your churn risk is nearly two thirds.") == [("invented_number", "two thirds")]
    for sentence in ("Cut the sugar in half.", "Order once a quarter.", "A year and a half!"):
        assert in_offer(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "claim"),
    [
        ("15% will buy again.", "15% will buy"),
        ("15% will order again.", "15% will order"),
        ("15% will buy again with this deal.", "15% will buy"),
        ("15% will buy again on their next order.", "15% will buy"),
        ("15% of our loyal customers order again.", "15% of our loyal customers order"),
        ("About 15% of our regulars come back for a deal.", "15% of our regulars come back"),
    ],
)
def test_the_discounts_figure_as_a_share_of_people_is_refused_once(
    sentence: str, claim: str
) -> None:
    assert in_offer(sentence) == [("invented_number", claim)]


@pytest.mark.parametrize(
    "sentence",
    [
        "That's 15% for customers who order again before May 1, 2026.",
        "Save 15% of everything you buy.",
        "15% off for customers who order again.",
        "Here is 15% on your next order.",
        "Get 15% off when you buy again.",
        "Come back and get 15% off.",
    ],
)
def test_the_discount_written_as_a_discount_passes(sentence: str) -> None:
    assert in_offer(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "time"),
    [
        ("Order by midnight on May 1, 2026.", "midnight"),
        ("The offer is valid until 11:59pm on May 1, 2026.", "11:59pm"),
        ("It ends on May 1, 2026 at 11:59 PM.", "11:59 PM"),
        ("Valid until midnight on Friday, May 1, 2026.", "midnight"),
        ("Valid until the 1st of May, 2026, at midnight.", "midnight"),
        ("Valid until 2026-05-01 23:59.", "23:59"),
        ("Order by 5pm on May 1, 2026.", "5pm"),
        ("Valid until 11:59pm.", "11:59pm"),
        ("Order by 5 p.m. on May 1, 2026.", "5 p.m."),
    ],
)
def test_a_time_of_day_is_refused_for_the_offers_end_is_a_day(sentence: str, time: str) -> None:
    violations = verify(HELLO + sentence + BYE, OFFER, POLICY)
    assert [(v.kind, v.text) for v in violations] == [("invented_date", time)]
    assert violations[0].message == (
        f"'{time}' is a time of day, and the facts hold none: the offer ends on May 1, 2026; "
        "write 'until the end of day on May 1, 2026'"
    )


@pytest.mark.parametrize(
    "sentence",
    [
        "Valid until the end of day on May 1, 2026.",
        "Valid until end of day, May 1, 2026.",
        "Order by the end of day on May 1, 2026.",
        "At the end of the day, great Coffee matters.",  # an idiom, no end
    ],
)
def test_the_end_of_the_offers_last_day_in_words_passes(sentence: str) -> None:
    assert in_offer(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "refused"),
    [
        ("Valid until the end of day on May 2, 2026.", ("invented_date", "May 2, 2026")),
        ("Valid until May 2, 2026 at midnight.", ("invented_date", "May 2, 2026")),
        ("Hurry, it ends at midnight.", ("invented_date", "midnight")),
        ("The offer ends at the end of the day.", ("invented_date", "ends at the end of the day")),
        ("Ends at midnight tonight.", ("invented_date", "tonight")),
    ],
)
def test_another_day_or_an_end_of_day_with_no_date_is_refused(
    sentence: str, refused: tuple[str, str]
) -> None:
    assert refused in in_offer(sentence)


def test_a_time_of_day_in_a_summary_is_refused() -> None:
    assert in_summary("Most of their orders come in at 9am.") == [("invented_date", "9am")]
