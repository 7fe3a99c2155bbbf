"""A segment summary may not say what its customers say, write, review or complain about (its
facts hold no reviews), while honest summary copy passes and offers are not read for it."""

import pytest

from assistant.drafting import verify
from assistant.drafting.revise import revision_problems
from tests.drafting.factories import CATALOGUE, GOOD_EMAIL, POLICY, offer_facts, segment_facts

FACTS = segment_facts()
GROUNDING = FACTS.grounding(POLICY, CATALOGUE)
OPENING = (
    "Lapsing coffee lovers are 1,234 customers who bring in 18.7% of revenue. Each is expected "
    "to spend about $88.40 over the next year, and their average churn risk is 63.4%. "
)


@pytest.mark.parametrize(
    ("claim", "words"),
    [
        # The demo's summary of the lost segment, from the keywords of its themes.
        (
            "Some say their products are too big, too small, or too big for their bags.",
            "Some say",
        ),
        ("They also say their tea is too hot or too cold.", "They also say"),
        ("They complain that their orders take too long.", "complain"),
        ("Many of them have mentioned stale beans.", "Many of them have mentioned"),
        ("Reviews mention late delivery.", "Reviews"),
        ("Customers report that deliveries arrive late.", "Customers report"),
        ("Shoppers in this group wrote about crushed boxes.", "Shoppers in this group wrote"),
        ("Their feedback points to slow shipping.", "Their feedback"),
        ("Late delivery is often mentioned.", "often mentioned"),
        ("According to customers, the beans were stale.", "According to customers"),
        ("Common complaints are stale beans and late delivery.", "complaints"),
        ("Stale beans come up in their reviews.", "reviews"),
    ],
)
def test_a_claim_about_what_customers_say_is_refused(claim: str, words: str) -> None:
    found = verify(OPENING + claim, GROUNDING, POLICY)
    assert [(v.kind, v.text) for v in found] == [("invented_review_claim", words)]


@pytest.mark.parametrize(
    "closing",
    [
        "They buy mostly Coffee and Tea.",
        "Most buy Coffee and Tea, and many have gone quiet.",
        "A reminder could win back those who are drifting away.",
        "Customers in this segment could get a note about their next Coffee order.",
        "Ask for their feedback, and tell them about what is new in Tea.",
        "A short survey could show what would bring them back.",
    ],
)
def test_honest_summary_copy_passes(closing: str) -> None:
    assert verify(OPENING + closing, GROUNDING, POLICY) == []


def test_an_offer_may_thank_a_customer_for_their_review() -> None:
    email = GOOD_EMAIL.replace("See you soon!", "Thanks for your review. See you soon!")
    found = verify(email, offer_facts().grounding(POLICY, CATALOGUE), POLICY)
    assert found == []


def test_the_retry_is_told_to_describe_the_segment_without_reviews() -> None:
    found = verify(OPENING + "Some say their beans are stale.", GROUNDING, POLICY)
    prompt_facts = FACTS.prompt_facts(POLICY)
    (line,) = revision_problems(found, "segment_summary", prompt_facts)
    assert line.startswith("'Some say' says what customers say; the facts hold no reviews.")
    assert "Say nothing of what customers say, write, review or complain about" in line
