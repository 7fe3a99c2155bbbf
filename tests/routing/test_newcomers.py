"""Customers new to the store, listed (newcomers.py): "who are our newest customers" is
top_customers by first order (before: the at-risk list), a period's new customers asked as a
list ("who joined last month", "customers who signed up in 1997", before: the best sellers and
a profile asking for an id) are top_customers' `buyers` new, and returning ones `buyers`
returning; counted they stay store_metrics' figure, summed the sales', and without a period
"new customers" is still the RFM segment 'new'."""

import pytest

from assistant.routing import Memory, Router


@pytest.mark.parametrize(
    ("text", "args"),
    [
        ("who are our newest customers", {"by": "first_order"}),
        ("who joined most recently?", {"by": "first_order"}),
        ("newest customers in the champions segment", {"by": "first_order",
                                                       "segment": "champions"}),
        ("list the new customers from march 1998", {"buyers": "new", "since": "1998-03-01"}),
        ("who joined last month", {"buyers": "new", "month": "last"}),
        ("customers who signed up in 1997", {"buyers": "new", "year": "1997"}),
        ("show customers whose first order was in 1998", {"buyers": "new", "year": "1998"}),
        ("which new customers spent the most in q1 1997", {"buyers": "new",
                                                           "quarter": "1997-Q1"}),
        ("top returning customers in 1998", {"buyers": "returning", "year": "1998"}),
    ],
)  # fmt: skip
def test_new_customers_listed_are_top_customers(
    minilm_router: Router, text: str, args: dict[str, object]
) -> None:
    route = minilm_router.route(text, Memory(), "operator")
    assert (route.kind, route.tool, route.args) == ("tool", "top_customers", args)


@pytest.mark.parametrize(
    ("text", "tool", "args"),
    [
        ("how many customers joined in 1998", "store_metrics",
         {"figure": "new_customers", "year": "1998"}),
        ("new customers last month", "store_metrics", {"figure": "new_customers",
                                                       "month": "last"}),
        ("revenue from new customers last month", "top_products",
         {"segment": "new", "month": "last"}),
        ("tell me about new customers", "segment_summary", {"segment": "new"}),
    ],
)  # fmt: skip
def test_counted_summed_or_without_a_period_they_stay(
    minilm_router: Router, text: str, tool: str, args: dict[str, object]
) -> None:
    route = minilm_router.route(text, Memory(), "operator")
    assert (route.kind, route.tool, route.args) == ("tool", tool, args)


def test_a_follow_up_keeps_the_new_customers_and_changes_the_period(
    minilm_router: Router,
) -> None:
    asked = minilm_router.route("who joined in march 1997", Memory(), "operator")
    assert asked.args == {"buyers": "new", "month": "1997-03"}
    memory = Memory().after("top_customers", asked.args, {"rows": []})
    then = minilm_router.route("and in february?", memory, "operator")
    assert (then.tool, then.args) == ("top_customers", {"buyers": "new", "month": "1997-02"})
