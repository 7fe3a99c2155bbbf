"""Money to spend on lapsed customers is a plan among them ("a $5k win-back for customers who
haven't ordered in 90 days"), not the at-risk list with the budget dropped; after the at-risk
list of lapsed customers, "what if we had 3k to win them back" plans for the same ones."""

import pytest

from assistant.routing import Memory, Router

LAPSED = {"quiet_days": 90}  # "customers who haven't ordered in 90 days"
ROWS = [{"customer_id": "18847", "rank": 1}, {"customer_id": "15238", "rank": 2}]


@pytest.mark.parametrize(
    ("text", "args"),
    [
        ("plan a $5k win-back for customers who haven't ordered in 90 days",
         {"budget": 5000.0, "quiet_days": 90}),
        ("spend $2000 on lapsed customers", {"budget": 2000.0}),
    ],
)  # fmt: skip
def test_money_for_lapsed_customers_is_a_plan(
    minilm_router: Router, text: str, args: dict[str, object]
) -> None:
    route = minilm_router.route(text, Memory(), "operator")
    assert (route.tool, route.args) == ("plan_budget", args)


def test_the_lapsed_list_without_money_stays_the_list(minilm_router: Router) -> None:
    route = minilm_router.route("customers who haven't ordered in 90 days", Memory(), "operator")
    assert (route.tool, route.args) == ("at_risk_customers", LAPSED)


def test_a_plan_for_them_keeps_how_long_they_have_not_ordered(minilm_router: Router) -> None:
    listed = Memory().after("at_risk_customers", LAPSED, {"rows": ROWS})
    route = minilm_router.route("what if we had 3k to win them back", listed, "operator")
    assert (route.tool, route.args) == ("plan_budget", {"budget": 3000.0, **LAPSED})
    # A cutoff the message gives replaces the one carried: the tool takes one.
    since = minilm_router.route(
        "what if we had 3k to win them back, those who haven't ordered since 1998-03-01",
        listed,
        "operator",
    )
    assert since.args.get("no_order_since") == "1998-03-01" and "quiet_days" not in since.args


@pytest.mark.parametrize(
    "text", ["which customers should get a discount this week", "who should get an offer"]
)
def test_who_gets_a_discount_is_a_plan_that_asks_for_its_budget(
    minilm_router: Router, text: str
) -> None:
    # It was the week's demand forecast, for "this week".
    route = minilm_router.route(text, Memory(), "operator")
    assert (route.tool, route.missing) == ("plan_budget", ("budget",))


def test_one_customers_discount_is_their_offer(minilm_router: Router) -> None:
    route = minilm_router.route("what discount should customer 00042 get", Memory(), "marketer")
    assert (route.tool, route.args) == ("draft_offer", {"customer_id": "00042"})
