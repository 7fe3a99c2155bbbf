"""An offer's facts hold one thing the customer did, their last order (and their review, where
they wrote one), so copy that tells of anything else they did or that happened to them made it
up: "sorry to hear you missed the offer" (a 1.5B model's SMS, of an offer that never was) is
refused, and so is every claim below. Generic marketing wording says nothing of their history
and passes; what answers a review passes only when the facts hold one."""

import pytest

from assistant.drafting import OfferFacts, verify
from assistant.drafting.revise import revision_problems
from tests.drafting.factories import CATALOGUE, POLICY, offer_facts, segment_facts

REVIEWED = offer_facts()  # Ada wrote "Lovely coffee, arrived quickly."
UNREVIEWED = offer_facts(recent_review=None)
OFFER = "Enjoy 15% off your next Coffee order until May 1, 2026."


def events(text: str, facts: OfferFacts = UNREVIEWED) -> list[str]:
    grounding = facts.grounding(POLICY, CATALOGUE)
    return [v.text for v in verify(text, grounding, POLICY) if v.kind == "invented_event"]


def test_the_sms_that_apologised_for_a_missed_offer_is_refused_with_its_reason() -> None:
    text = f"Hi Ada, sorry to hear you missed the offer! {OFFER}"
    grounding = offer_facts(channel="sms").grounding(POLICY, CATALOGUE)
    [violation] = [v for v in verify(text, grounding, POLICY) if v.kind == "invented_event"]
    assert violation.text == "you missed the offer"
    assert (
        violation.message == "'you missed the offer' tells of a missed offer; the facts hold none"
    )
    # Without her review, the apology is made up too.
    assert events(text) == ["sorry to hear", "you missed the offer"]


@pytest.mark.parametrize(
    ("claim", "quoted"),
    [
        # Missed offers, and offers or messages of ours the facts do not hold.
        ("In case you missed it,", "you missed it"),
        ("We noticed you missed our last sale.", "you missed our last sale"),
        ("Missed our big summer deal?", "Missed our big summer deal"),
        ("You missed the chance last time.", "You missed the chance"),
        ("Your last code has expired, so here is a new one.", "code has expired"),
        ("Our previous email may have gone astray.", "Our previous email"),
        ("We emailed you last week.", "We emailed you"),
        # Carts and unfinished orders.
        ("You left something in your cart!", "left something in your cart"),
        ("Your items are still waiting in your basket.", "still waiting in your basket"),
        ("Your basket is waiting.", "Your basket is waiting"),
        ("Forgot something?", "Forgot something"),
        ("Pick up where you left off.", "where you left off"),
        # Contacts, requests and promises.
        ("Thanks for contacting us.", "Thanks for contacting"),
        ("Thank you for your patience.", "Thank you for your patience"),
        ("You recently called our team.", "You recently called"),
        ("About your support ticket:", "your support ticket"),
        ("Following up on your call,", "Following up on your call"),
        ("As promised, here it is.", "As promised"),
        ("As you asked, here it is.", "As you asked"),
        ("Here is the code you requested.", "you requested"),
        # Returns, visits, joining.
        ("Sorry the mug you returned let you down.", "you returned"),
        ("Thanks for your recent exchange.", "your recent exchange"),
        ("We saw you browsing our teas.", "you browsing"),
        ("You recently visited our site.", "You recently visited"),
        ("The teas you were looking at are here.", "you were looking at"),
        ("Still thinking it over?", "Still thinking it over"),
        ("Something caught your eye?", "caught your eye"),
        ("Your wishlist misses you.", "Your wishlist"),
        ("Since you joined us,", "you joined"),
        # What answers a review, which Ada (here) did not write.
        ("Sorry for the trouble.", "Sorry for"),
        ("We apologise for the wait.", "apologise"),
        ("Sorry your parcel arrived late.", "Sorry your"),
        ("Your order arrived damaged, we know.", "Your order arrived damaged"),
        ("We're sorry about the wait.", "sorry about"),
        ("There was a damaged parcel.", "damaged parcel"),
        ("The mix-up with your delivery is fixed.", "mix-up with your delivery"),
        ("We know you complained.", "complained"),
        ("Thanks for your feedback!", "Thanks for your feedback"),
        ("You told us you love tea.", "You told us"),
        ("We'll make it up to you.", "make it up to you"),
    ],
)
def test_a_claim_of_something_that_never_happened_is_refused(claim: str, quoted: str) -> None:
    assert events(f"Hi Ada, {claim} {OFFER}") == [quoted]


@pytest.mark.parametrize(
    "line",
    [
        "Don't miss out!",
        "You won't want to miss it.",
        "So you never miss a delivery,",
        "We miss you!",  # absence.py decides: Ada has been away
        "It's been a while.",
        "Thanks for your order of $23.50 on March 5, 1998.",
        "We hope you enjoyed the Coffee product B000EYLDYE.",
        "Add it to your cart,",
        "Fill your basket with Coffee:",
        "Reach out any time.",
        "If you have questions, contact us.",
        "Welcome back!",
        "Treat yourself:",
        "Your favourites are here.",
        "Stock up on Coffee.",
        "Place your order soon:",
        "Enter it at checkout to complete your order.",
        "We think you'll love it.",
        "Thanks for shopping with us.",
        "As always,",
        "Let us know what you think.",
        # Asked, to come, or about the store: no event of the customer's.
        "Have you missed our Coffee?",
        "Our last sale of the season starts now.",
        "We would love your feedback.",
        "Sorry for the short notice.",
    ],
)
def test_generic_wording_passes(line: str) -> None:
    text = f"Hi Ada, {line} {OFFER}"
    assert events(text) == []
    assert verify(text, UNREVIEWED.grounding(POLICY, CATALOGUE), POLICY) == []


@pytest.mark.parametrize(
    "line",
    [
        "Thanks for your review!",
        "You told us it arrived quickly.",
        "Sorry to hear about the wait.",
        "Thanks for your kind feedback.",
    ],
)
def test_answering_her_review_passes_only_when_the_facts_hold_it(line: str) -> None:
    text = f"Hi Ada, {line} {OFFER}"
    assert events(text, REVIEWED) == []
    assert events(text) != []


def test_the_retry_is_told_to_write_about_the_offer() -> None:
    text = f"Hi Ada, sorry you missed it! {OFFER}"
    violations = verify(text, REVIEWED.grounding(POLICY, CATALOGUE), POLICY)
    [problem] = revision_problems(violations, "offer_sms", REVIEWED.prompt_facts(POLICY))
    assert problem == (
        "'you missed it' tells of a missed offer; the facts hold none. Say nothing else the "
        "customer did or that happened to them: no missed offers, carts, messages, complaints, "
        "problems, returns or visits. Write about the offer."
    )


def test_a_summary_is_held_to_the_same_rule() -> None:
    grounding = segment_facts().grounding(POLICY, CATALOGUE)
    ok = "Lapsing coffee lovers are 1,234 customers. They buy mostly Coffee and Tea."
    assert verify(ok, grounding, POLICY) == []
    kinds = [v.kind for v in verify(ok + " As promised, they are worth a note.", grounding, POLICY)]
    assert kinds == ["invented_event"]


def test_a_last_chance_is_urgency_not_an_earlier_offer() -> None:
    # terms.py refuses it as an end nearer than the offer's; it tells of no past offer.
    assert events(f"Hi Ada, this is your last chance: {OFFER}") == []
    assert events(f"Hi Ada, you missed the chance last time. {OFFER}") == ["you missed the chance"]
