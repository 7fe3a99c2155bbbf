""" "How many?" alone: after a list, that list's length, which its answer says (the same call
again); with no list in the conversation, a question back asking what to count. It went to
the segment list, a guess at what was counted."""

import pytest

from assistant.routing import Memory, Router
from assistant.routing.noise import COUNT_WHAT_REASON


@pytest.mark.parametrize("text", ["how many", "how many?", "how many is that", "and how many?"])
def test_how_many_with_nothing_to_count_asks_what(minilm_router: Router, text: str) -> None:
    route = minilm_router.route(text, Memory(), "operator")
    assert (route.kind, route.reason) == ("unclear", COUNT_WHAT_REASON)


@pytest.mark.parametrize(
    ("last", "args", "text"),
    [
        ("at_risk_customers", {"segment": "champions"}, "how many?"),
        ("search_reviews", {"query": "shipping", "sentiment": "negative"}, "how many"),
        ("top_customers", {"year": "1997"}, "ok how many?"),
    ],
)
def test_how_many_after_a_list_counts_it(
    minilm_router: Router, last: str, args: dict[str, object], text: str
) -> None:
    route = minilm_router.route(text, Memory().after(last, args, {}), "operator")
    assert (route.kind, route.tool, route.args) == ("tool", last, args)


@pytest.mark.parametrize(
    ("text", "tool"),
    [
        ("how many customers do we have", "list_segments"),
        ("how many customers are at risk", "at_risk_customers"),
    ],
)
def test_how_many_of_something_is_not_asked_back(
    minilm_router: Router, text: str, tool: str
) -> None:
    route = minilm_router.route(text, Memory(), "operator")
    assert (route.kind, route.tool) == ("tool", tool)
