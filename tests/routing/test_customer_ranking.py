"""What a list of customers is ranked by, read from the question: churn risk for "most likely
to churn", predicted value for "our most valuable customers" said with no word of risk, and
value at risk (the tool's default) for the rest."""

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
        # Value at risk: a word of risk beside "valuable", or nothing said.
        ("most valuable customers at risk of leaving", None),
        ("top 20 at-risk champions", None),
        ("who is about to leave, and what are they worth?", None),
        ("which valuable customers have gone quiet", None),
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
