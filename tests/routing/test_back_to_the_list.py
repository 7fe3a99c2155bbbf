""" "Back to the list" after a profile or two: the call that showed the last list, again, with
its page (it was read as out of scope)."""

import pytest

from assistant.routing import Memory, Router
from assistant.routing.followup import asks_back
from assistant.routing.noise import NO_LIST_REASON

LISTED = Memory().after(
    "at_risk_customers",
    {"segment": "champions", "limit": 5, "offset": 5},
    {"rows": [{"customer_id": f"0000{i}", "rank": 5 + i} for i in range(1, 6)]},
)
THEN_A_PROFILE = LISTED.after(
    "customer_profile", {"customer_id": "00002"}, {"customer_id": "00002"}
)


@pytest.mark.parametrize(
    "message",
    [
        "back to the list",
        "ok, go back to the list",
        "take me back to the results",
        "show me the list again",
        "bring up the ranking again",
    ],
)
def test_the_last_list_again(minilm_router: Router, message: str) -> None:
    route = minilm_router.route(message, THEN_A_PROFILE, "operator")
    assert (route.kind, route.tool) == ("tool", "at_risk_customers")
    assert route.args == {"segment": "champions", "limit": 5, "offset": 5}


@pytest.mark.parametrize("message", ["back to customer 42", "go back to basics", "list again"])
def test_other_messages_are_no_way_back(message: str) -> None:
    assert not asks_back(message)


def test_the_list_is_kept_with_the_conversation() -> None:
    stored = Memory.from_dict(THEN_A_PROFILE.to_dict())
    assert (stored.list_tool, stored.list_args) == (
        "at_risk_customers",
        {"segment": "champions", "limit": 5, "offset": 5},
    )
    assert Memory.from_dict({"list_tool": 3, "list_args": "x"}).list_tool is None


def test_no_list_shown_yet_is_said(minilm_router: Router) -> None:
    for memory in (Memory(), Memory().after("forecast_demand", {"horizon_days": 30}, {})):
        route = minilm_router.route("back to the list", memory, "operator")
        assert (route.kind, route.reason) == ("unclear", NO_LIST_REASON)
