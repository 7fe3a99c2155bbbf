"""A question about one part of a customer ("their orders?", "whats their email", "why is
07592 at risk", "what is 00042's clv") is their profile asked `about` that part, which its
answer opens with; a profile asked as a whole ("tell me about 00042", "who is 7592") is asked
about nothing. They all got the same whole profile, the part somewhere in it (R21)."""

import pytest

from assistant.roles import Role
from assistant.routing import Memory, Router
from assistant.routing.profile_parts import PROFILE_PARTS, asked_part

PROFILE = Memory().after("customer_profile", {"customer_id": "07592"}, {})


@pytest.mark.parametrize("role", ["support", "operator"])
@pytest.mark.parametrize(
    ("text", "part"),
    [
        ("their orders?", "orders"),
        ("whats their risk and value", "risk"),  # the first named; the value comes right after
        ("whats their email", "contact"),
        ("why is their risk high", "risk"),
        ("their lifetime value?", "value"),
        ("what did they buy?", "products"),
        ("what was in their last order?", "last_order"),
        ("what did they buy in their most recent order", "last_order"),  # not all they bought
    ],
)
def test_a_part_asked_after_a_profile_opens_it(
    minilm_router: Router, role: Role, text: str, part: str
) -> None:
    route = minilm_router.route(text, PROFILE, role)
    assert (route.kind, route.tool) == ("tool", "customer_profile")
    assert route.args == {"customer_id": "07592", "about": part}


@pytest.mark.parametrize(
    ("text", "customer", "part"),
    [
        ("orders of 00042", "00042", "orders"),
        ("email of customer 00042", "00042", "contact"),
        ("why is 07592 at risk", "07592", "risk"),
        ("what is 00042's clv", "00042", "value"),
        ("when was 00042's last order", "00042", "last_order"),
        ("show me the last 3 orders of 00042", "00042", "orders"),  # orders, not the last one
    ],
)
def test_a_part_asked_of_a_named_customer_opens_it(
    minilm_router: Router, text: str, customer: str, part: str
) -> None:
    route = minilm_router.route(text, Memory(), "support")
    assert (route.kind, route.tool) == ("tool", "customer_profile")
    assert route.args == {"customer_id": customer, "about": part}


@pytest.mark.parametrize("text", ["tell me about 00042", "who is 7592", "look up 42"])
def test_a_profile_asked_as_a_whole_is_about_nothing(minilm_router: Router, text: str) -> None:
    route = minilm_router.route(text, PROFILE, "support")
    assert route.tool == "customer_profile" and "about" not in route.args


def test_another_customer_of_the_same_part_keeps_it_a_new_profile_does_not(
    minilm_router: Router,
) -> None:
    orders = Memory().after("customer_profile", {"customer_id": "07592", "about": "orders"}, {})
    same = minilm_router.route("and 00043?", orders, "support")
    assert same.args == {"customer_id": "00043", "about": "orders"}
    whole = minilm_router.route("tell me about 00043", orders, "support")
    assert whole.args == {"customer_id": "00043"}


def test_a_part_with_a_tool_of_its_own_stays_with_that_tool(minilm_router: Router) -> None:
    # The part is read for the profile's arguments only, never as a change of the profile.
    route = minilm_router.route("what about her reviews?", PROFILE, "support")
    assert route.args == {"customer_id": "07592"} and route.tool == "search_reviews"


@pytest.mark.parametrize(
    ("text", "part"),
    [
        ("what's their value at risk?", "value"),  # the value's words, not the risk's
        ("is she likely to leave?", "risk"),
        ("how likely is she to buy again?", "risk"),  # not what she bought
        ("will he come back", "risk"),
        ("will he leave us", "risk"),
        ("did he leave a review", "reviews"),
        ("how much has she spent", "orders"),
        ("how much will customer 07592 spend next year?", "value"),  # to come: predicted
        ("what's her expected spend", "value"),
        ("what has she purchased", "products"),
        ("their phone number?", "contact"),
        ("when did he sign up", "contact"),
        ("her reviews", "reviews"),
        ("customer 00042", None),
    ],
)
def test_the_part_named_first_is_asked(text: str, part: str | None) -> None:
    assert asked_part(text) == ({"about": part} if part else {})
    assert part is None or part in PROFILE_PARTS
