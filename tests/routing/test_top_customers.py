"""Routing questions about who spent or ordered the most to top_customers, with the period,
measure and segment read from the message; and the questions it must leave to the at-risk list
(predictions: lifetime value, churn, anything ahead) and to the best sellers (products)."""

import pytest

from assistant.routing import Memory, Router


@pytest.mark.parametrize(
    ("text", "args"),
    [
        ("top customers by revenue", {"by": "revenue"}),
        ("who are our biggest spenders", {}),
        ("which customers spent the most", {}),
        ("top 10 customers by spend", {"limit": 10, "by": "revenue"}),
        ("customers with the most orders", {"by": "orders"}),
        ("who ordered most often in 1997", {"year": "1997", "by": "orders"}),
        ("who bought the most last year", {"year": "last"}),
        (
            "top 20 champions by spend in Q4",
            {"segment": "champions", "limit": 20, "quarter": "Q4", "by": "revenue"},
        ),
        ("top customers in the last 30 days", {"days": 30}),
        ("best customers in 1997", {"year": "1997"}),
        ("top buyers since march", {"since": "03-01"}),
    ],
)
def test_what_customers_did_goes_to_top_customers(
    minilm_router: Router, text: str, args: dict[str, object]
) -> None:
    route = minilm_router.route(text, Memory(), "operator")
    assert (route.tool, route.args) == ("top_customers", args)


@pytest.mark.parametrize(
    ("text", "tool", "args"),
    [
        # Predictions rank the at-risk list.
        ("top customers by lifetime value", "at_risk_customers", {"by": "clv"}),
        ("best customers", "at_risk_customers", {"by": "clv"}),
        ("who will spend the most next year", "at_risk_customers", {"by": "clv"}),
        ("any big spenders going quiet?", "at_risk_customers", {}),
        ("biggest spenders at risk", "at_risk_customers", {}),
        ("rank customers by revenue at risk", "at_risk_customers", {}),
        ("top 10 customers by churn risk", "at_risk_customers", {"limit": 10, "by": "churn_risk"}),
        # Products are the best sellers.
        ("what did champions buy the most", "top_products", {"segment": "champions"}),
        ("which products have the most orders", "top_products", {"by": "orders"}),
        ("what sold the most last month", "top_products", {"month": "last"}),
    ],
)
def test_predictions_and_products_go_elsewhere(
    minilm_router: Router, text: str, tool: str, args: dict[str, object]
) -> None:
    route = minilm_router.route(text, Memory(), "operator")
    assert (route.tool, route.args) == (tool, args)


def test_a_page_and_a_new_period_follow_the_last_ranking(minilm_router: Router) -> None:
    memory = Memory().after("top_customers", {"year": "1997"}, {"rows": []})
    route = minilm_router.route("and the next 10?", memory, "operator")
    assert (route.tool, route.args) == (
        "top_customers",
        {"year": "1997", "limit": 10, "offset": 10},
    )
    route = minilm_router.route("what about by orders", memory, "operator")
    assert (route.tool, route.args) == ("top_customers", {"year": "1997", "by": "orders"})
    route = minilm_router.route("same for Q1 1998", memory, "operator")
    assert (route.tool, route.args) == ("top_customers", {"quarter": "1998-Q1"})
