"""After an at-risk list, a bound alone ("now over $200", "now over €200") reruns the list with
it, as after a ranking of what customers did: the list takes the same bounds on spend and
orders. Money in another currency is the list again with a note, never a budget plan."""

import pytest

from assistant.routing import Memory, Router

AT_RISK = Memory().after("at_risk_customers", {"limit": 10}, {"rows": [{"customer_id": "00001"}]})


@pytest.mark.parametrize(
    ("question", "bound"),
    [
        ("now over $200", {"min_revenue": 200.01}),
        ("now under $20", {"max_revenue": 19.99}),
        ("now with more than 3 orders", {"min_orders": 4}),
    ],
)
def test_a_bound_alone_reruns_the_at_risk_list(
    question: str, bound: dict[str, float], minilm_router: Router
) -> None:
    route = minilm_router.route(question, AT_RISK, "operator")
    assert (route.tool, route.args, route.reason) == (
        "at_risk_customers",
        {"limit": 10, **bound},
        "",
    )


def test_a_bound_in_another_currency_is_the_list_again_with_a_note(minilm_router: Router) -> None:
    route = minilm_router.route("now over €200", AT_RISK, "operator")
    assert (route.tool, route.args) == ("at_risk_customers", {"limit": 10})
    assert "no exchange rate is known, so the floor of €200.01 is not applied" in route.reason
