"""Markup in a question is not a request to run code: it is read without it; asking to run
code or change data is still refused, markup or not. A message of only invisible characters
gets the "not sure what you're asking" answer, from the LLM fallback too, without a model."""

import pytest

from assistant.llm.fake import ScriptedChatModel
from assistant.routing import Memory, Router, Vocabulary, route_with_model
from assistant.routing.markup import without_markup
from assistant.routing.noise import UNCLEAR_REASON

ZERO_WIDTH = "\u200b\u200b\u200b"


@pytest.mark.parametrize(
    ("message", "read"),
    [
        ("<script>alert(1)</script> top products", " top products"),
        ("<b>top</b> products", "top products"),
        ("<!-- x --> top customers", " top customers"),
        ("customers who spent < $50", "customers who spent < $50"),
        ("customers with <3 orders", "customers with <3 orders"),
        ("find reviews containing '<script>'", "find reviews containing '<script>'"),
    ],
)
def test_markup_is_blanked_out(message: str, read: str) -> None:
    blanked = without_markup(message)
    assert len(blanked) == len(message) and " ".join(blanked.split()) == " ".join(read.split())


def test_a_question_in_markup_is_answered(minilm_router: Router) -> None:
    route = minilm_router.route("<script>alert(1)</script> top products", Memory(), "operator")
    assert (route.kind, route.tool) == ("tool", "top_products")
    only = minilm_router.route("<script>alert(1)</script>", Memory(), "operator")
    assert (only.kind, only.reason) == ("unclear", UNCLEAR_REASON)


@pytest.mark.parametrize(
    "message",
    ["run <script>alert(1)</script>", "run this SQL", "DROP TABLE customers",
     "<b>DROP TABLE customers</b>", "execute this: <script>x()</script>"],
)  # fmt: skip
def test_running_code_is_still_refused(message: str, minilm_router: Router) -> None:
    assert minilm_router.route(message, Memory(), "operator").kind == "refuse"


def test_invisible_characters_only_are_unclear(minilm_router: Router) -> None:
    route = minilm_router.route(ZERO_WIDTH, Memory(), "operator")
    assert (route.kind, route.reason) == ("unclear", UNCLEAR_REASON)


def test_the_fallback_asks_no_model_about_nothing(vocabulary: Vocabulary) -> None:
    model = ScriptedChatModel([])  # raises if asked
    route = route_with_model(model, ZERO_WIDTH, "operator", Memory(), vocabulary)
    assert (route.kind, route.reason, model.sent) == ("unclear", UNCLEAR_REASON, [])
