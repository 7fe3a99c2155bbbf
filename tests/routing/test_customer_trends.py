"""Customers whose buying moved are top_customers' `trend`: "who are the customers with the
biggest drop in spending" was the all-time ranking by spend, "customers who are buying more
than before" the sales totals against the days before, "who cut back on tea" the tea sales.
Products that move stay top_products', and a spend ceiling ("spending less than $50") is no
trend."""

import pytest

from assistant.routing import Memory, Router


@pytest.mark.parametrize(
    ("text", "args"),
    [
        ("who are the customers with the biggest drop in spending", {"trend": "falling"}),
        ("whose spending dropped the most", {"trend": "falling"}),
        ("which customers are spending less than before", {"trend": "falling"}),
        ("customers who are buying more than before", {"trend": "rising"}),
        ("who cut back on tea", {"trend": "falling", "category": "Tea"}),
        ("which customers are spending less on coffee", {"trend": "falling",
                                                         "category": "Coffee"}),
        ("who is spending more this quarter", {"trend": "rising", "since": "quarter_start"}),
        ("which customers stopped buying tea", {"trend": "stopped", "category": "Tea"}),
        ("who stopped buying coffee", {"trend": "stopped", "category": "Coffee"}),
        ("customers who no longer buy earl grey", {"trend": "stopped",
                                                   "product_name": "earl grey"}),
        ("who quit buying chai", {"trend": "stopped", "product_name": "chai"}),
    ],
)  # fmt: skip
def test_customers_whose_buying_moved_are_a_trend(
    known_router: Router, text: str, args: dict[str, object]
) -> None:
    route = known_router.route(text, Memory(), "operator")
    assert (route.kind, route.tool, route.args) == ("tool", "top_customers", args)


@pytest.mark.parametrize(
    ("text", "tool", "args"),
    [
        ("which products are declining", "top_products", {"trend": "falling"}),
        ("which tea products are declining", "top_products",
         {"trend": "falling", "category": "Tea"}),
        ("customers spending less than $50", "top_customers", {"max_revenue": 49.99}),
    ],
)  # fmt: skip
def test_products_and_ceilings_are_no_customer_trend(
    known_router: Router, text: str, tool: str, args: dict[str, object]
) -> None:
    route = known_router.route(text, Memory(), "operator")
    assert (route.kind, route.tool, route.args) == ("tool", tool, args)
