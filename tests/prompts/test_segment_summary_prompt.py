"""The segment summary prompt holds no complaint themes and its example speaks for no customer:
shown keywords from reviews, a small model wrote complaints nobody made. Its value per customer
is an average, and the example says so: the models copy the example's sentence, and "each is
expected to spend $95.24" read as every customer's figure (R21)."""

from assistant.drafting.review_claims import REVIEW_CLAIM
from prompts import FactValue, load_template, render

FACTS: dict[str, FactValue] = {
    "segment_name": "Lost",
    "size": 310,
    "revenue_share_pct": 4.2,
    "avg_predicted_value": "$12.10",
    "avg_churn_risk_pct": 88.5,
    "top_categories": ["Tea"],
    "themes": ["product · size · bag", "tea · time · order"],
    "max_discount_pct": 20,
}


def test_the_template_takes_no_themes_and_drops_them_when_given() -> None:
    assert "themes" not in load_template("segment_summary").declared
    prompt = render("segment_summary", FACTS)
    sent = "\n".join(m["content"] for m in prompt.messages())
    assert "themes" not in prompt.facts and "themes" not in sent and "·" not in sent
    assert "say nothing of what customers say" in prompt.system


def test_the_example_answer_says_nothing_of_reviews() -> None:
    example = load_template("segment_summary").example_answer
    assert example and REVIEW_CLAIM.search(example) is None
    assert "themes" not in load_template("segment_summary").example_facts


def test_the_value_per_customer_is_called_an_average() -> None:
    template = load_template("segment_summary")
    assert template.example_answer and "On average each is expected" in template.example_answer
    assert "call it an average" in template.system
