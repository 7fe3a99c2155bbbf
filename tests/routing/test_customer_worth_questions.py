"""What the customers are worth together goes to the at-risk list opened by their predicted
value (`lead` "value", ranked by it): it went to the model report ("what is the average clv"),
to a profile that asked for an id ("total predicted value of all customers") or to the best
sellers ("what are champions worth"). One customer's value stays their profile's, a segment's
average its summary's, and the total value at risk keeps its own opening."""

import pytest

from assistant.routing import Memory, Router, Vocabulary, extract
from assistant.routing.predictions_asked import asks_worth

WORTH = {"lead": "value", "by": "clv"}


@pytest.mark.parametrize(
    ("text", "tool", "args"),
    [
        ("what is the average clv", "at_risk_customers", WORTH),
        ("what is the total predicted value of all customers", "at_risk_customers", WORTH),
        ("what are our customers worth", "at_risk_customers", WORTH),
        ("how much is our customer base worth", "at_risk_customers", WORTH),
        ("what are champions worth", "at_risk_customers", {**WORTH, "segment": "champions"}),
        (
            "what's the total clv of loyal customers",
            "at_risk_customers",
            {**WORTH, "segment": "loyal"},
        ),
        ("what is the average clv of champions", "segment_summary", {"segment": "champions"}),
        ("what is the total value at risk", "at_risk_customers", {"lead": "total"}),
        (
            "what is the clv of customer 07592",
            "customer_profile",
            {"customer_id": "07592", "about": "value"},
        ),
    ],
)
def test_worth_is_the_sum_of_the_predicted_values(
    minilm_router: Router, text: str, tool: str, args: dict[str, object]
) -> None:
    route = minilm_router.route(text, Memory(), "operator")
    assert (route.tool, route.args) == (tool, args)


def test_what_they_are_worth_after_a_list_is_no_store_total(minilm_router: Router) -> None:
    memory = Memory().after("at_risk_customers", {"by": "churn_risk"}, {})
    route = minilm_router.route("what are they worth?", memory, "operator")
    assert route.args.get("lead") != "value"


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        ("what are champions worth", True),  # a segment named: its worth
        ("what is the discount worth", False),  # no segment, no customers: not theirs
        ("what is his lifetime value", False),
        ("average clv of champions", False),  # a segment's average: its summary's
        ("total clv of champions", True),
    ],
)
def test_worth_is_read_of_customers_or_a_segment(
    vocabulary: Vocabulary, text: str, asked: bool
) -> None:
    assert asks_worth(text, extract(text, vocabulary)) is asked
