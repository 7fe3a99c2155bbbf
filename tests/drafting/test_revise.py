"""What a retry is told: each problem once, with the value to write instead."""

from dataclasses import replace
from datetime import date

import pytest

from assistant.drafting import Product, draft_offer, verify
from assistant.drafting.revise import revision_problems
from prompts import render
from tests.drafting.factories import CATALOGUE, POLICY, offer_facts, segment_facts
from tests.drafting.fake import ScriptedModel

FACTS = offer_facts().prompt_facts(POLICY)


def problems(text: str) -> list[str]:
    grounding = offer_facts().grounding(POLICY, CATALOGUE)
    return revision_problems(verify(text, grounding, POLICY, 160), "offer_email", FACTS, 160)


def test_each_problem_names_the_allowed_value() -> None:
    lines = problems("Hi [Customer Name], 30% off until June 30, 2026, with free shipping!")
    assert any("'Hi Ada,'" in line and "'The team'" in line for line in lines), lines
    assert any("'30%'" in line and "'15% off'" in line for line in lines), lines
    assert any("'June 30, 2026'" in line and "'May 1, 2026'" in line for line in lines), lines
    assert any("'free shipping'" in line and "Offer only 15% off" in line for line in lines)


def test_a_wrong_name_and_a_link_are_told_what_to_write_instead() -> None:
    lines = problems("Hi Bob, 15% off until May 1, 2026 at https://shop.example/x")
    assert any("'Bob'" in line and "Greet with 'Hi Ada,'" in line for line in lines), lines
    assert any("Write no links" in line for line in lines), lines


def test_a_fix_is_said_once_and_lines_are_not_repeated() -> None:
    lines = problems("20% off, 25% off, 20% off.")
    assert sum("'15% off'" in line for line in lines) == 1
    assert len(lines) == len(set(lines))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hi Ada, 15% off. " * 20, "at most 160 characters"),
        ('discount_pct: 15\ncustomer_name: "Ada"', "not the facts"),
        ("15% off.", "the greeting, two or three short sentences"),
    ],
)
def test_shape_problems_say_what_the_whole_text_is(text: str, expected: str) -> None:
    grounding = offer_facts().grounding(POLICY, CATALOGUE)
    found = verify(text, grounding, POLICY, 160, 8)
    assert any(expected in line for line in revision_problems(found, "offer_email", FACTS, 160))


def test_a_segment_retry_is_told_to_keep_the_given_numbers() -> None:
    facts = segment_facts().prompt_facts(POLICY)
    grounding = segment_facts().grounding(POLICY, CATALOGUE)
    found = verify("They are 2,000 customers.", grounding, POLICY)
    (line,) = revision_problems(found, "segment_summary", facts)
    assert "'2,000'" in line and "exactly as the facts give it" in line


def test_the_retry_prompt_carries_the_problems_as_data() -> None:
    model = ScriptedModel("Hi [Customer Name], 15% off until May 1, 2026. Best, [Your Name]")
    result = draft_offer(offer_facts(), model, POLICY, CATALOGUE)
    assert result.path == "fallback" and model.calls == 2
    added = model.prompts[1][-1]["content"].split("</facts>", 1)[1]
    assert "[Your Name]" in added and "'Hi Ada,'" in added and "<facts>" in added


def test_the_offer_examples_pass_the_verifier_on_their_own_facts() -> None:
    # The worked examples show the shape a draft must have; they must obey every rule too.
    for channel in ("email", "sms"):
        prompt = render(f"offer_{channel}", offer_facts().prompt_facts(POLICY))
        assert prompt.example is not None
        # The example's own facts, whatever words it uses.
        shown = prompt.example_facts
        titles = shown.get("last_order_products", [])  # an SMS names none
        assert isinstance(titles, list) and isinstance(shown["favourite_category"], str)
        example = offer_facts(
            channel=channel,
            customer_name="Sam",
            favourite_category=shown["favourite_category"],
            offer_expires=date(2026, 5, 1),
            last_order_products=tuple(Product(str(t).split()[-1], str(t)) for t in titles),
        )
        grounding = example.grounding(POLICY, {})
        limit = POLICY.sms_max_chars if channel == "sms" else None
        assert verify(prompt.example[1], grounding, POLICY, limit, 8) == [], channel


def test_the_segment_example_passes_the_verifier_on_its_own_facts() -> None:
    prompt = render("segment_summary", segment_facts().prompt_facts(POLICY))
    assert prompt.example is not None and "Weekend bakers" in prompt.copied_example_values()
    example = segment_facts(
        name="Weekend bakers",
        size=2480,
        revenue_share=0.125,
        avg_predicted_value=64.2,
        avg_churn_risk=0.413,
        top_categories=("Baking", "Pickles"),
    )
    assert verify(prompt.example[1], example.grounding(POLICY, {}), POLICY, None, 8) == []


def test_a_copied_example_value_is_answered_with_the_customers_own() -> None:
    grounding = replace(
        offer_facts().grounding(POLICY, CATALOGUE), foreign=("Sam", "Pickles", "Relish product X")
    )
    example = {
        "customer_name": "Sam",
        "favourite_category": "Pickles",
        "last_order_products": ["Relish product X"],
    }
    found = verify(
        "Hi Sam, your Pickles and the Relish product X await. Try the Relish product B000EYLDYE.",
        grounding,
        POLICY,
    )
    facts = FACTS | {"favourite_category": None}
    lines = revision_problems(found, "offer_email", facts, None, example)
    said = "\n".join(lines)
    assert "customer_name is 'Ada': write that instead" in said
    assert "has no favourite_category: leave it out" in said
    assert "last_order_products is 'Coffee product B000EYLDYE'" in said
    assert "letter for letter ('Coffee product B000EYLDYE')" in said  # the retitled product
    assert len(lines) == 4 and all(line.startswith("The draft took words") for line in lines)
    # The copied words are not said again: naming them primes a small model to repeat them.
    assert not any(word in line for line in lines for word in ("Sam", "Pickles", "Relish"))


def test_a_mangled_product_id_is_answered_with_the_exact_titles() -> None:
    (line,) = problems("Hi Ada, enjoy the Coffee product B000EYLDY again.")
    assert "'B000EYLDY'" in line and "favourite_category 'Coffee' instead" in line
    assert "letter for letter ('Coffee product B000EYLDYE')" in line
    grounding = offer_facts().grounding(POLICY, CATALOGUE)
    found = verify("Hi Ada, enjoy the Coffee product B000EYLDY.", grounding, POLICY)
    (line,) = revision_problems(found, "offer_email", FACTS | {"favourite_category": None})
    assert "only by its exact title" in line and "favourite_category" not in line
    found = verify("Hi Ada, enjoy SAVE15.", grounding, POLICY)
    (line,) = revision_problems(found, "offer_email", FACTS | {"last_order_products": []})
    assert "Name no products or codes." in line
