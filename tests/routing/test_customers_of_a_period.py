"""Customers named with a period gone by and nothing else ("customers in 1997") are who
ordered then: the top customers of that period, whose answer counts them. Embedded without
its period the message is one noun, and it asked which segment to summarise. Counted ("how
many customers did we have in 1997") it is the period's totals, whose first line counts its
customers; it was the segment list, which has no period. Without a period, or of a segment,
the questions stay where they were."""

from typing import Any

import pytest

from assistant.routing import Memory, Router


@pytest.mark.parametrize(
    ("text", "tool", "args"),
    [
        ("customers in 1997", "top_customers", {"year": "1997"}),
        ("customers from march 1998", "top_customers", {"since": "1998-03-01"}),
        ("buyers in 1998", "top_customers", {"year": "1998"}),
        # Everyday wordings (H68): they went to a profile that asked for a customer, or to the
        # at-risk list, which has no period.
        ("show me customers in q1 1998", "top_customers", {"quarter": "1998-Q1"}),
        ("our customers during 1997", "top_customers", {"year": "1997"}),
        ("show me our customers in 1997", "top_customers", {"year": "1997"}),
        ("show customers in 1997", "top_customers", {"year": "1997"}),
        ("customers in 1997?", "top_customers", {"year": "1997"}),
        ("who were our customers in 1997", "top_customers", {"year": "1997"}),
        ("our customers in march 1998", "top_customers", {"month": "1998-03"}),
        ("list all the customers from q2 1998", "top_customers", {"quarter": "1998-Q2"}),
        ("give me the customers we had in 1997", "top_customers", {"year": "1997"}),
        ("active customers in 1997", "top_customers", {"year": "1997"}),
        ("how many customers in 1997", "top_products", {"year": "1997"}),
        ("how many customers did we have in 1997", "top_products", {"year": "1997"}),
    ],
)
def test_customers_of_a_past_period(
    minilm_router: Router, text: str, tool: str, args: dict[str, Any]
) -> None:
    route = minilm_router.route(text, Memory(), "operator")
    assert (route.kind, route.tool, route.args) == ("tool", tool, args)


@pytest.mark.parametrize(
    ("text", "tool"),
    [
        ("how many customers do we have", "list_segments"),
        ("how many customers are in champions", "list_segments"),
        ("customers in champions", "segment_summary"),
        ("show me our champions", "segment_summary"),
        ("customers at risk in 1997", "at_risk_customers"),
        ("show me our customers in champions", "segment_summary"),
    ],
)
def test_customers_with_no_period_stay(minilm_router: Router, text: str, tool: str) -> None:
    route = minilm_router.route(text, Memory(), "operator")
    assert (route.kind, route.tool) == ("tool", tool)
