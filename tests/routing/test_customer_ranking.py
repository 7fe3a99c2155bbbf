"""What a list of customers is ranked by, read from the question: churn risk for "most likely
to churn", predicted value for "our most valuable customers" said with no word of risk, the
chance to buy for "who will buy next month" (and "least likely to churn"), and value at risk
(the tool's default) for the rest."""

import pytest

from assistant.routing import Memory, Router, Vocabulary, extract


@pytest.mark.parametrize(
    ("text", "ranking"),
    [
        ("customers most likely to churn", "churn_risk"),
        ("who is most likely to leave us", "churn_risk"),
        ("highest churn probability customers", "churn_risk"),
        ("who are our most valuable customers", "clv"),
        ("top 5 customers", "clv"),
        ("our biggest spenders", "clv"),
        ("customers with the highest lifetime value", "clv"),
        ("rank customers by churn risk", "churn_risk"),
        ("top 5 customers by churn risk", "churn_risk"),  # said by name, beside "top"
        ("sort customers by predicted value", "clv"),
        ("same but by value at risk", "value_at_risk"),
        ("who spends the most", "clv"),
        ("most profitable customers", "clv"),
        # Both at once is value at risk, the tool's own ranking.
        ("most valuable customers most likely to churn", "value_at_risk"),
        # Value at risk: a word of risk beside "valuable", or nothing said.
        ("most valuable customers at risk of leaving", None),
        ("top 20 at-risk champions", None),
        ("who is about to leave, and what are they worth?", None),
        ("which valuable customers have gone quiet", None),
        # The chance to buy, and the bottom of one ranking read as the top of the other.
        ("who is most likely to buy again", "purchase"),
        ("which customers will order next month", "purchase"),
        ("who is least likely to churn", "purchase"),
        ("our safest customers", "purchase"),
        ("who is least likely to buy again", "churn_risk"),
        ("customers who won't come back", "churn_risk"),
    ],
)
def test_the_ranking_is_read(text: str, ranking: str | None, vocabulary: Vocabulary) -> None:
    assert extract(text, vocabulary).ranking == ranking


@pytest.mark.parametrize(
    ("text", "args"),
    [
        ("who are our most valuable customers?", {"by": "clv"}),
        ("top 5 customers", {"by": "clv", "limit": 5}),
        ("who is most likely to churn", {"by": "churn_risk"}),
        ("who is about to leave, and what are they worth?", {}),
    ],
)
def test_the_real_router_hands_the_ranking_to_the_at_risk_list(
    minilm_router: Router, text: str, args: dict[str, object]
) -> None:
    route = minilm_router.route(text, Memory(), "operator")
    assert (route.tool, route.args) == ("at_risk_customers", args)


@pytest.mark.parametrize(
    ("text", "args"),
    [
        ("now by churn risk", {"by": "churn_risk", "limit": 5}),
        ("sort by value at risk", {"by": "value_at_risk", "limit": 5}),
        ("same for loyal", {"by": "clv", "limit": 5, "segment": "loyal"}),
        ("and the next 10?", {"by": "clv", "limit": 10, "offset": 5}),
    ],
)
def test_a_follow_up_changes_the_ranking_or_keeps_it(
    minilm_router: Router, text: str, args: dict[str, object]
) -> None:
    memory = Memory().after("at_risk_customers", {"by": "clv", "limit": 5}, {})
    route = minilm_router.route(text, memory, "operator")
    assert (route.tool, route.args) == ("at_risk_customers", args)


def test_a_list_asked_from_the_bottom_says_it_starts_at_the_top(minilm_router: Router) -> None:
    route = minilm_router.route("customers with the lowest clv", Memory(), "operator")
    assert route.tool == "at_risk_customers"
    assert route.reason == (
        "The list ranks customers from the highest down; it cannot start from the lowest."
    )


@pytest.mark.parametrize(
    ("text", "by"),
    [
        # the bottom of the churn ranking is the top of the chance to buy, and back
        ("who is least likely to churn", "purchase"),
        ("which customers are not at risk", "purchase"),
        ("customers with the lowest churn risk", "purchase"),
        ("who is least likely to buy again", "churn_risk"),
        # the likeliest buyers, asked ahead
        ("who will buy soon", "purchase"),
        ("which customers are most likely to order again", "purchase"),
        ("who are our likeliest buyers", "purchase"),
        ("which customers will come back", "purchase"),
    ],
)
def test_the_likeliest_buyers_are_ranked_by_their_chance_to_buy(
    minilm_router: Router, text: str, by: str
) -> None:
    route = minilm_router.route(text, Memory(), "operator")
    assert (route.tool, route.args.get("by")) == ("at_risk_customers", by)
    assert not route.reason  # no note that the list starts from the top


def test_a_horizon_asked_of_the_buyers_is_said_to_be_the_models(minilm_router: Router) -> None:
    route = minilm_router.route("who will buy in the next 30 days", Memory(), "operator")
    assert (route.tool, route.args) == ("at_risk_customers", {"by": "purchase"})
    assert route.note({"churn_days": 90}) == (
        "Chances to buy are scored for one horizon, the model's: the next 90 days."
    )
