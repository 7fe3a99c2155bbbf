"""A segment summary calls its predicted value what it is, spend expected over the next year,
and advises no discount (R22 3.3: "On average, they spend $6.17 per year ... A 20% discount
could help retain these customers" passed the check; the 692 customers spent ~$70 each in 1997
and the 20% was the policy's maximum, no advice the facts hold)."""

import pytest

from assistant.drafting import draft_segment_summary, verify
from prompts import load_template
from tests.drafting.factories import CATALOGUE, POLICY, segment_facts
from tests.drafting.fake import ScriptedModel

FACTS = segment_facts(themes=())
GROUNDING = FACTS.grounding(POLICY, CATALOGUE)
OPENING = "Lapsing coffee lovers are 1,234 customers who bring in 18.7% of revenue. "
HONEST = (
    f"{OPENING}On average each is expected to spend about $88.40 over the next year, and their "
    "average churn risk is 63.4%. They buy mostly Coffee and Tea."
)
# The demo's summary, on these facts.
SPEND_AND_DISCOUNT = (
    f"{OPENING}On average, they spend $88.40 per year, and their churn risk is 63.4%. "
    "A 20% discount could help retain these customers."
)


def _kinds(text: str) -> list[tuple[str, str]]:
    return [
        (v.kind, v.text)
        for v in verify(text, GROUNDING, POLICY)
        if v.kind in ("spend_as_past", "discount_advice")
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "On average, they spend $88.40 per year.",
        "Each customer spent $88.40 on average.",
        "They are spending about $88 a year each.",
        "On average they pay $88.40 a year.",
    ],
)
def test_the_predicted_value_as_spend_now_or_before_is_refused(sentence: str) -> None:
    found = _kinds(OPENING + sentence)
    assert [kind for kind, _ in found] == ["spend_as_past"]


@pytest.mark.parametrize(
    "sentence",
    [
        "On average each is expected to spend about $88.40 over the next year.",
        "They are predicted to spend $88.40 each over the next year.",
        "Each will spend about $88 over the next year on average.",
        "Their average predicted value is $88.40.",
        "On average each is worth $88.40 in forecast spend.",
    ],
)
def test_the_predicted_value_as_expected_spend_passes(sentence: str) -> None:
    assert verify(OPENING + sentence, GROUNDING, POLICY) == []


@pytest.mark.parametrize(
    ("sentence", "words"),
    [
        ("A 20% discount could help retain these customers.", "20% discount"),
        ("Offer them 15% off to win them back.", "15% off"),
        ("A discount could help.", "discount"),
        ("A coupon might bring them back.", "coupon"),
    ],
)
def test_discount_advice_is_refused_in_a_summary(sentence: str, words: str) -> None:
    assert ("discount_advice", words) in _kinds(OPENING + sentence)


def test_the_bad_summary_is_retried_and_a_good_one_passes_first() -> None:
    model = ScriptedModel(SPEND_AND_DISCOUNT, HONEST)
    result = draft_segment_summary(FACTS, model, POLICY, CATALOGUE)
    assert result.path == "retry" and result.text == HONEST
    kinds = {v.kind for v in result.violations}
    assert {"spend_as_past", "discount_advice"} <= kinds
    retry = model.prompts[1][-1]["content"]
    assert "expected to spend" in retry and "Suggest no discount" in retry
    clean = draft_segment_summary(FACTS, ScriptedModel(HONEST), POLICY, CATALOGUE)
    assert clean.path == "first_pass" and clean.violations == ()


def test_a_model_that_keeps_saying_spend_gets_the_fallback() -> None:
    model = ScriptedModel(SPEND_AND_DISCOUNT, SPEND_AND_DISCOUNT)
    result = draft_segment_summary(FACTS, model, POLICY, CATALOGUE)
    assert result.path == "fallback" and result.attempts[-1].violations == ()
    assert "Average predicted value per customer: $88.40" in result.text
    assert "discount" not in result.text.lower()


def test_the_prompt_calls_the_value_predicted_spend_and_advises_no_discount() -> None:
    template = load_template("segment_summary")
    assert "expected to spend over the next year" in template.system
    assert "suggest no discount" in template.system
    example = segment_facts(
        name="Weekend bakers",
        size=2480,
        revenue_share=0.125,
        avg_predicted_value=64.20,
        avg_churn_risk=0.413,
        top_categories=("Baking", "Pickles"),
        themes=(),
    )
    assert "max_discount_pct" not in template.example_facts and template.example_answer
    # The models copy the example's sentences: it passes the check on its own facts.
    assert verify(template.example_answer, example.grounding(POLICY, {}), POLICY) == []
