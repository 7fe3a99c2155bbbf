"""Asking the chat to set up an alert: refused with where alerts come from (fixed rules whose
thresholds are settings). "create an alert when a champion crosses 60%" listed the champions'
alerts, as if one had been made."""

import pytest

from assistant.routing import Memory, Router
from assistant.routing.rules import refusal


@pytest.mark.parametrize(
    "message",
    [
        "create an alert when a champion crosses 60%",
        "notify me when a champion's churn risk goes above 60%",
        "set up an alert for lost customers",
        "let me know when someone writes a bad review",
        "tell me if a champion's risk goes over 60%",
        "set the alert threshold to 50%",
        "add a custom notification",
    ],
)
def test_setting_up_an_alert_is_refused(message: str) -> None:
    reason = refusal(message)
    assert reason is not None and reason.startswith("I can't set up alerts from the chat")


@pytest.mark.parametrize(
    "message",
    [
        "any new alerts?",
        "show me all alerts",
        "why was alert 3 raised",
        "let me know when customer 42 last ordered",
        "tell me if customer 42 is at risk",
        "tell me if any customer spent over $1000",
        "create an offer to win back champions",
    ],
)
def test_other_asks_are_not(message: str) -> None:
    assert refusal(message) is None


def test_the_router_refuses_before_listing_alerts(minilm_router: Router) -> None:
    route = minilm_router.route("create an alert when a champion crosses 60%", Memory(), "operator")
    assert route.kind == "refuse" and "thresholds are settings" in route.reason
