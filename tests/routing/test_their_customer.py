"""A support agent who looked up a customer and asks "is she at risk?", "what products did
they buy most?" or "how many orders in total?" asks about that customer: their profile, not
the refusal of the store-wide list or figures support may not see. Store-wide words or another
subject named keep the refusal."""

import pytest

from assistant.routing import Memory, Router

PROFILE = Memory().after("customer_profile", {"customer_id": "07592"}, {"customer_id": "07592"})


@pytest.mark.parametrize(
    ("text", "about"),
    [
        ("what products did they buy most?", "products"),
        ("how many orders in total?", "orders"),
        ("what did she buy most?", "products"),
    ],
)
def test_a_store_wide_ask_of_the_customer_is_their_profile(
    minilm_router: Router, text: str, about: str
) -> None:
    route = minilm_router.route(text, PROFILE, "support")
    assert (route.kind, route.tool) == ("tool", "customer_profile"), route
    assert route.args == {"customer_id": "07592", "about": about}


@pytest.mark.parametrize(
    "text",
    [
        "what are the best selling products?",
        "top customers in 1998",
        "who is at risk?",
        "what was revenue in 1998?",
        "what is the repeat purchase rate?",
    ],
)
def test_the_store_at_large_is_still_refused(minilm_router: Router, text: str) -> None:
    route = minilm_router.route(text, PROFILE, "support")
    assert route.kind == "refuse", route


def test_without_a_customer_in_the_conversation_it_is_refused(minilm_router: Router) -> None:
    route = minilm_router.route("how many orders in total?", Memory(), "support")
    assert route.kind == "refuse"
