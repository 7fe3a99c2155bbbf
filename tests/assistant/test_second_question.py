"""A second question in one message is named under the answer (assistant/chat/second_question)."""

import pytest

from assistant.chat.second_question import unanswered
from assistant.routing.route import Route

# A stand-in router: each part's tool by a word in it.
TOOLS = {
    "offer": "recommend_products",
    "budget": "plan_budget",
    "customers": "top_customers",
    "products": "top_products",
    "risk": "at_risk_customers",
    "worth": "at_risk_customers",
    "top": "top_products",
    "policy": "discount_policy",
}


def route(part: str) -> Route:
    if "spend" in part:  # "how much did they spend?": a profile, of no one customer named
        return Route("tool", "customer_profile", missing=("customer_id",))
    tool = next((tool for word, tool in TOOLS.items() if word in part), None)
    return Route("tool", tool) if tool else Route("unclear")


def note(text: str, ran: str, allowed: tuple[str, ...] = tuple(TOOLS.values())) -> str:
    return unanswered(text, ran, route, lambda tool: tool in allowed)


def test_a_question_after_and_for_another_tool_is_named() -> None:
    said = note("what's the churn risk of 07592 and what should we offer him?", "at_risk_customers")
    assert (
        said
        == 'You also asked "what should we offer him?": ask it on its own and I will answer it.'
    )


def test_a_question_after_a_question_mark_keeps_its_mark_and_a_ranking_starts_one() -> None:
    assert '"top products?"' in note("who is at risk? top products?", "at_risk_customers")
    assert '"top customers last month"' in note(
        "top products and top customers last month", "top_products"
    )


def test_two_more_questions_are_named_together() -> None:
    said = note("top products? what budget do we need? and what should we offer?", "top_products")
    assert said == (
        'You also asked "what budget do we need?" and "what should we offer?": ask them one at a '
        "time and I will answer each."
    )


@pytest.mark.parametrize(
    ("text", "ran"),
    [
        ("who is about to leave, and what are they worth?", "at_risk_customers"),  # one tool
        ("customers who spent over $500 and ordered more than 5 times", "top_customers"),  # bounds
        ("show me customers who bought tea and coffee", "top_customers"),
        ("top customers? and then?", "top_customers"),  # a part too short to be a question
        ("who is at risk? show me the top 10", "at_risk_customers"),  # how much to show
        ("top customers and what is the weather like?", "top_customers"),  # no tool for it
    ],
)
def test_one_question_gets_no_note(text: str, ran: str) -> None:
    assert note(text, ran) == ""


def test_a_part_the_role_may_not_ask_is_not_offered() -> None:
    text = "who is at risk and what budget do we need?"
    assert note(text, "at_risk_customers", allowed=("at_risk_customers",)) == ""


def test_the_first_part_is_the_question_answered_whatever_its_words_alone_pick() -> None:
    assert note("top products and what budget do we need?", "plan_budget") == ""


def test_a_part_that_lacks_an_argument_alone_is_not_offered() -> None:
    assert note("who are the top customers and how much did they spend?", "top_customers") == ""


def test_markup_hides_no_question_to_name() -> None:
    assert note("top products <!-- and what budget do we need? -->", "top_products") == ""
    assert note("top products <script>x and what budget</script>", "top_products") == ""


@pytest.mark.parametrize(
    ("text", "ran"),
    [
        ("who is about to leave and what are they worth?", "at_risk_customers"),
        ("whos about to leave and what are they worth", "at_risk_customers"),
        ("show me customer 07592 and what are they worth", "customer_profile"),
        ("who is 07592 and what is his churn risk", "customer_profile"),
    ],
)
def test_a_part_the_answer_already_gives_is_not_named(text: str, ran: str) -> None:
    # R21: the at-risk list gives each customer's value, then said "ask it on its own".
    assert note(text, ran) == ""


def test_worth_asked_after_another_tool_is_still_named() -> None:
    said = note("top products last month and what are they worth?", "top_products")
    assert said.startswith('You also asked "what are they worth?"')


@pytest.mark.parametrize("what", ["whats", "what's", "what\u2019s", "what is"])
def test_whats_starts_a_second_question(what: str) -> None:
    # R21: "whats" typed without its apostrophe hid the policy question, dropped without a word.
    said = note(f"which segment is 00042 in and {what} the discount policy", "customer_profile")
    assert said == (
        f'You also asked "{what} the discount policy": ask it on its own and I will answer it.'
    )
