"""Review R11 of the spend floors: money we would spend is a budget, not a floor ("we can't
spend more than $2000"); a ceiling on customers ("who spent under $20") is applied, and a
floor the at-risk list cannot take is said; a segment's alerts in the plural are listed; a
year joined to a customer's id ("customer 42 and 1998") is no second customer."""

from dataclasses import replace

import pytest

from assistant.routing import Memory, Router, Vocabulary, extract
from assistant.routing.reading import Reader
from assistant.routing.thresholds import Bounds, bounds


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # Ours to spend: no floor, the amount is left for the budget.
        ("plan a winback campaign, we can't spend more than $2000", Bounds()),
        ("I want to spend at least $500 on a winback campaign", Bounds()),
        ("we could spend over 3k on retention", Bounds()),
        ("plan a campaign spending over $1,000 on at-risk customers", Bounds()),
        ("spend up to $500 on at-risk customers", Bounds()),
        # Theirs, even in a plan: a floor.
        ("plan a campaign for customers who have spent over $1,000", Bounds(1000.01, None, "$")),
        # A ceiling on customers is theirs too (tests/routing/test_top_customers_ceilings.py).
        ("customers who spent under 20 dollars in 1998", Bounds(max_revenue=19.99, currency="$")),
        ("customers with fewer than 3 orders", Bounds(max_orders=2)),
        ("customers under $50", Bounds(max_revenue=49.99, currency="$")),
        # Ours under a ceiling word: a budget still.
        ("plan under $500", Bounds()),
        ("we can spend no more than $2000 on win-back", Bounds()),
    ],
)
def test_whose_spend_decides_floor_or_budget(text: str, found: Bounds) -> None:
    assert bounds(Reader(text)) == found


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("plan a winback campaign, we can't spend more than $2000", 2000.0),
        ("I want to spend at least $500 on a winback campaign", 500.0),
        ("we could spend over 3k on retention", 3000.0),
    ],
)
def test_money_we_spend_is_a_budget(vocabulary: Vocabulary, text: str, amount: float) -> None:
    x = extract(text, vocabulary)
    assert (x.amount, x.min_revenue) == (amount, None)


@pytest.mark.parametrize(
    ("text", "args"),
    [
        ("plan a winback campaign, we can't spend more than $2000", {"budget": 2000.0}),
        ("plan a campaign spending over $1,000 on at-risk customers",
         {"budget": 1000.0, "segment": "at risk"}),
        ("plan under $500", {"budget": 500.0}),
        ("spend up to $500 on at-risk customers", {"budget": 500.0, "segment": "at risk"}),
    ],
)  # fmt: skip
def test_budget_questions_keep_their_budget(
    minilm_router: Router, text: str, args: dict[str, object]
) -> None:
    route = minilm_router.route(text, Memory(), "operator")
    assert (route.tool, route.args) == ("plan_budget", args)


def test_a_ceiling_is_applied_with_no_note(minilm_router: Router) -> None:
    route = minilm_router.route(
        "customers who spent under 20 dollars in 1998", Memory(), "operator"
    )
    assert (route.tool, route.args) == ("top_customers", {"year": "1998", "max_revenue": 19.99})
    assert route.reason == ""


def test_the_at_risk_list_takes_a_spend_floor(minilm_router: Router) -> None:
    route = minilm_router.route(
        "show me the at-risk customers with over $200 in purchases", Memory(), "operator"
    )
    assert (route.tool, route.args) == ("at_risk_customers", {"min_revenue": 200.01})
    assert route.reason == ""


@pytest.mark.parametrize(
    ("text", "tool", "args"),
    [
        ("alerts for loyal customers", "list_alerts", {"segment": "loyal"}),
        ("show me alerts about hibernating customers", "list_alerts",
         {"segment": "hibernating"}),
        ("why was the alert about loyal raised", "explain_alert", {}),
        ("why did we get an alert for the champions segment", "explain_alert",
         {"segment": "champions"}),
    ],
)  # fmt: skip
def test_a_segments_alerts_in_the_plural_are_listed(
    minilm_router: Router, text: str, tool: str, args: dict[str, object]
) -> None:
    route = minilm_router.route(text, Memory(), "operator")
    assert (route.tool, route.args) == (tool, args)


def test_a_year_joined_to_a_customer_is_no_second_customer(vocabulary: Vocabulary) -> None:
    assert vocabulary.id_width != 4  # the demo's ids are 5 digits wide
    assert extract("tell me about customer 42 and 1998", vocabulary).customer_ids == ("00042",)
    assert extract("customer 42 and 1234", vocabulary).customer_ids == ("00042", "01234")


def test_a_year_is_an_id_where_ids_are_that_wide(vocabulary: Vocabulary) -> None:
    four_wide = replace(vocabulary, id_width=4)
    ids = extract("tell me about customer 42 and 1998", four_wide).customer_ids
    assert ids == ("0042", "1998")
