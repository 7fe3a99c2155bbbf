"""The verifier: each claim a draft can make, grounded or rejected with a reason."""

from dataclasses import replace

import pytest

from assistant.drafting import OfferPolicy, Violation, verify
from tests.drafting.factories import CATALOGUE, GOOD_EMAIL, POLICY, offer_facts, segment_facts

GROUNDING = offer_facts().grounding(POLICY, CATALOGUE)


def kinds(text: str, policy: OfferPolicy = POLICY, max_chars: int | None = None) -> list[str]:
    return [v.kind for v in verify(text, GROUNDING, policy, max_chars)]


def test_a_grounded_email_passes() -> None:
    assert verify(GOOD_EMAIL, GROUNDING, POLICY) == []


@pytest.mark.parametrize(
    "text",
    [
        "Take 15% off.",
        "Take 15 percent off.",
        "Take fifteen percent off.",
        "Take 15 per cent off.",
        "Your order of $23.50.",
        "Your order of $23.5.",
        "Your order of 23.50 dollars.",
        "Your order of about $24.",  # the fact rounded to the precision written
        "Valid until 2026-05-01.",
        "Valid until 05/01/2026.",
        "Valid until 1 May 2026.",
        "Valid until the 1st of May, 2026.",
        "Valid until Fri, May 1st.",
        "Your order in March 1998.",
        "A customer since 1998.",
        "One of our favourite customers, two or three bags a month.",
    ],
)
def test_formatted_variants_of_facts_are_grounded(text: str) -> None:
    assert verify(text, GROUNDING, POLICY) == [], text


@pytest.mark.parametrize(
    ("text", "kind", "span"),
    [
        ("Your order of $25.00.", "invented_number", "$25.00"),
        ("Join 5,000 happy customers.", "invented_number", "5,000"),
        ("Only 1 click away.", "invented_number", "1"),
        ("Over twelve blends to try.", "invented_number", "twelve"),
        ("A 12oz bag.", "invented_number", "12oz"),
        ("Your churn risk is 82%.", "invented_number", "82%"),
        ("Valid until June 30, 2026.", "invented_date", "June 30, 2026"),
        ("Valid until 2026-05-02.", "invented_date", "2026-05-02"),
        ("Hurry, ends this weekend!", "invented_date", "this weekend"),
        ("Offer ends Friday.", "invented_date", "Friday"),
        ("Try the Dog product B000084E9M.", "invented_product", "Dog product B000084E9M"),
        ("Ask for B0000691JF.", "invented_product", "B0000691JF"),
        ("Use code SAVE15 at checkout.", "invented_product", "SAVE15"),
        ("Dear [Customer Name],", "placeholder", "[Customer Name]"),
    ],
)
def test_claims_not_in_the_facts_are_rejected(text: str, kind: str, span: str) -> None:
    violations = verify(text, GROUNDING, POLICY)
    assert [(v.kind, v.text) for v in violations] == [(kind, span)], violations
    assert span in violations[0].message


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("Take 25% off your next order.", "25%"),
        ("Save 90 percent today.", "90 percent"),
        ("Take ninety percent off.", "ninety percent"),
        ("Everything half off!", "half off"),
        ("Get $10 off your next order.", "$10"),
    ],
)
def test_discounts_above_policy_are_rejected(text: str, span: str) -> None:
    violations = verify(text, GROUNDING, POLICY)
    assert ("over_policy_discount", span) in [(v.kind, v.text) for v in violations]


def test_the_policy_maximum_comes_from_the_policy_not_the_facts() -> None:
    # 20% is the policy maximum: over the offered 15%, so invented, but not over policy.
    assert kinds("Take 20% off.") == ["invented_number"]
    assert kinds("Take 20% off.", OfferPolicy(max_discount_pct=10)) == [
        "over_policy_discount",
        "invented_number",
    ]


@pytest.mark.parametrize(
    "phrase",
    [
        "free shipping",
        "Free delivery",
        "a free gift",
        "a complimentary tote",
        "a money-back guarantee",
        "a full refund",
        "double points",
        "24/7 support",
        "buy one, get one",
        "free of charge",
    ],
)
def test_unsupported_promises_are_rejected(phrase: str) -> None:
    violations = verify(f"Enjoy 15% off and {phrase}.", GROUNDING, POLICY)
    assert violations and {v.kind for v in violations} == {"unsupported_promise"}, violations


def test_a_perk_in_the_facts_and_the_policy_is_allowed() -> None:
    policy = OfferPolicy(perks=("free shipping",))
    with_perk = offer_facts(perks=("free shipping",)).grounding(policy, CATALOGUE)
    assert verify("15% off and free shipping.", with_perk, policy) == []
    # A perk the facts name but the policy does not is still a violation.
    assert verify("15% off and free shipping.", with_perk, POLICY)[0].kind == "unsupported_promise"


def test_harmless_free_words_pass() -> None:
    assert kinds("Feel free to reply. Our gluten-free range is free-range friendly.") == []


@pytest.mark.parametrize("name", ["Free", "Gift", "Lifetime"])
def test_a_customer_name_is_not_read_for_claims_but_cannot_waive_policy(name: str) -> None:
    grounding = offer_facts(customer_name=name).grounding(POLICY, CATALOGUE)
    # The greeting's name is the customer's, not a promise: "Hi Free," promises nothing.
    assert verify(f"Hi {name}, 15% off until May 1, 2026.", grounding, POLICY) == []
    # Elsewhere the policy check still reads it (text a customer wrote can't waive it).
    assert verify(f"Hi {name}, 15% off. {name} for you!", grounding, POLICY) != []


def test_sms_length_and_empty() -> None:
    assert kinds("15% off " * 30, max_chars=160) == ["too_long"]
    assert kinds("  ") == ["empty"]


def test_segment_numbers_are_grounded_at_the_precision_written() -> None:
    grounding = segment_facts().grounding(POLICY, CATALOGUE)
    good = (
        "Lapsing coffee lovers: 1,234 customers (about 1.2 thousand), 18.7% of revenue, "
        "$88.40 average predicted value, 63% average churn risk. Coffee and Tea lead."
    )
    assert verify(good, grounding, POLICY) == []
    bad = verify("They are 40% of revenue and spend $120 each.", grounding, POLICY)
    assert [v.kind for v in bad] == ["invented_number", "invented_number"]


def test_violation_messages_name_what_is_allowed() -> None:
    (violation,) = verify("Take 30% off.", GROUNDING, OfferPolicy(max_discount_pct=50))
    assert violation == Violation(
        "invented_number", "30%", "'30%' is not in the facts (numbers the facts allow: 15%)"
    )


def test_a_looping_draft_is_rejected_even_when_its_facts_are_right() -> None:
    loop = "It was a wheat cracker that was not the one I wanted. " * 4
    violations = verify(GOOD_EMAIL + "\n" + loop, GROUNDING, POLICY)
    assert [v.kind for v in violations] == ["repetition"]
    assert "comes 4 times" in violations[0].message


def test_a_subject_line_alone_is_not_an_offer() -> None:
    subject_only = "Subject: 15% off for you"
    assert verify(subject_only, GROUNDING, POLICY) == []  # no length rule unless asked
    assert [v.kind for v in verify(subject_only, GROUNDING, POLICY, min_words=8)] == ["incomplete"]
    assert verify(GOOD_EMAIL, GROUNDING, POLICY, min_words=8) == []


def test_an_echo_of_the_facts_block_is_not_copy() -> None:
    # Seen from qwen-1.5b on retry: the facts block written back, every value true.
    echo = '<facts>\ndiscount_pct: 15\ncustomer_name: "Ada"\n</facts>'
    assert "prompt_echo" in [v.kind for v in verify(echo, GROUNDING, POLICY)]
    bare = 'discount_pct: 15\ncustomer_name: "Ada"'
    assert "prompt_echo" in [v.kind for v in verify(bare, GROUNDING, POLICY)]
    assert verify(GOOD_EMAIL, GROUNDING, POLICY) == []


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("Dear [customer's name], 15% off.", "[customer's name]"),
        ("15% off. Best regards, [Your Name], [Company]", "[Your Name]"),
        ("15% off at {store_name}.", "{store_name}"),
        ("15% off.\nBest regards,\nYour Name", "Your Name"),
        ("15% off. Visit <Website URL>.", "<Website URL>"),
    ],
)
def test_placeholders_in_any_bracket_or_bare_are_rejected(text: str, span: str) -> None:
    violations = verify(text, GROUNDING, POLICY)
    assert ("placeholder", span) in [(v.kind, v.text) for v in violations], violations


def test_bracket_free_copy_and_merchant_text_are_not_placeholders() -> None:
    titled = {"B000EYLDYE": "Coffee [Decaf] product B000EYLDYE"}
    grounding = offer_facts().grounding(POLICY, titled)
    grounding = replace(grounding, products=titled)
    assert verify("Hi Ada, enjoy your Coffee [Decaf] product B000EYLDYE.", grounding, POLICY) == []
    assert verify("Your name is on our list, Ada: 15% off.", GROUNDING, POLICY) == []


def test_values_copied_from_the_prompt_example_are_rejected() -> None:
    grounding = replace(GROUNDING, foreign=("Sam", "Pickles", "Relish product B0EXAMPLE1"))
    assert verify(GOOD_EMAIL, grounding, POLICY) == []
    copied = GOOD_EMAIL.replace("Hi Ada,", "Hi Sam,") + "\nYour favourite pickles await."
    found = [(v.kind, v.text) for v in verify(copied, grounding, POLICY)]
    assert found == [("copied_example", "Sam"), ("copied_example", "pickles")]
    assert "from the example" in verify(copied, grounding, POLICY)[0].message
    # Whole words only: "Samuel" or "Sample" is not "Sam".
    assert verify("Hi Ada, a Sample of 15% off.", grounding, POLICY) == []


def test_a_fact_product_id_under_another_title_is_rejected() -> None:
    # Seen from qwen-1.5b: the example's "Relish product" in front of the customer's own id.
    (violation,) = verify("Hi Ada, the Relish product B000EYLDYE awaits.", GROUNDING, POLICY)
    assert (violation.kind, violation.text) == ("invented_product", "Relish product B000EYLDYE")
    assert "'Coffee product B000EYLDYE'" in violation.message
    # The exact title, the id alone, or the title in another case are all fine.
    for text in [
        "Hi Ada, the Coffee product B000EYLDYE awaits.",
        "Hi Ada, item B000EYLDYE awaits.",
        "Hi Ada, the coffee product b000eyldye awaits.",
    ]:
        assert verify(text, GROUNDING, POLICY) == [], text
