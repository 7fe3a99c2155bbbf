"""A spend bound in another currency than the store's is not applied (no exchange rate is
known), and the answer says so: asked anew, or as a change to the last ranking ("now over
€200"), which is the last call again with the note, not a budget plan of €200."""

import pytest

from assistant.routing import Memory, Router

NOT_APPLIED = "no exchange rate is known, so the floor of €200.01 is not applied"
RANKED = Memory().after("top_customers", {"quarter": "last"}, {"rows": [{"customer_id": "00001"}]})


def test_asked_anew_the_bound_is_said_not_applied(minilm_router: Router) -> None:
    route = minilm_router.route("customers who spent over €200 last quarter", Memory(), "operator")
    assert (route.tool, route.args) == ("top_customers", {"quarter": "last"})
    assert NOT_APPLIED in route.reason


@pytest.mark.parametrize("question", ["now over €200", "and over 200 euros?"])
def test_a_change_to_the_ranking_keeps_it_and_says_so(question: str, minilm_router: Router) -> None:
    route = minilm_router.route(question, RANKED, "operator")
    assert (route.tool, route.args) == ("top_customers", {"quarter": "last"})
    assert NOT_APPLIED in route.reason


def test_in_the_stores_currency_the_bound_is_applied(minilm_router: Router) -> None:
    route = minilm_router.route("now over $200", RANKED, "operator")
    assert (route.tool, route.args, route.reason) == (
        "top_customers",
        {"quarter": "last", "min_revenue": 200.01},
        "",
    )


def test_a_budget_in_euros_still_changes_a_plan(minilm_router: Router) -> None:
    plan = Memory().after("plan_budget", {"budget": 2000}, {})
    route = minilm_router.route("what about 3000 euros?", plan, "operator")
    assert (route.tool, route.args) == ("plan_budget", {"budget": 3000.0, "currency": "€"})
