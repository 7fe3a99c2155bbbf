"""What a count or a ranking is of decides the tool, not the words around it: products ranked
by their orders ("products by number of orders", "items ranked by order count") are the best
sellers, ranked by orders; they ranked customers, whose examples say "by order count" too.
"Which products have the most orders" (right before, by a hair), customers so ranked, a
period's order count, a count of the customers at risk and one customer's orders stay."""

from typing import Any

import pytest

from assistant.routing import Memory, Router


@pytest.mark.parametrize(
    "text",
    [
        "products by number of orders",
        "items ranked by order count",
        "categories ranked by number of orders",
    ],
)
def test_products_ranked_by_orders_are_the_best_sellers(minilm_router: Router, text: str) -> None:
    route = minilm_router.route(text, Memory(), "marketer")
    assert (route.kind, route.tool, route.args.get("by")) == ("tool", "top_products", "orders")


@pytest.mark.parametrize(
    ("text", "tool", "args"),
    [
        ("which products have the most orders", "top_products", {"by": "orders"}),  # by a hair
        ("customers by number of orders", "top_customers", {"by": "orders"}),
        ("top customers by order count", "top_customers", {"by": "orders"}),
        ("how many orders in 1997", "top_products", {"year": "1997"}),
        ("how many customers are at risk", "at_risk_customers", {}),
        ("how many orders did customer 123 place", "customer_profile", {"customer_id": "00123"}),
    ],
)
def test_other_counts_and_rankings_stay(
    minilm_router: Router, text: str, tool: str, args: dict[str, Any]
) -> None:
    route = minilm_router.route(text, Memory(), "marketer")
    assert (route.kind, route.tool, route.args) == ("tool", tool, args)
