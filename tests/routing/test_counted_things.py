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
        # the profile opening with their orders, which it counts
        (
            "how many orders did customer 123 place",
            "customer_profile",
            {"customer_id": "00123", "about": "orders"},
        ),
    ],
)
def test_other_counts_and_rankings_stay(
    minilm_router: Router, text: str, tool: str, args: dict[str, Any]
) -> None:
    route = minilm_router.route(text, Memory(), "marketer")
    assert (route.kind, route.tool, route.args) == ("tool", tool, args)


@pytest.mark.parametrize(
    "text",
    [
        "how big is the at risk segment",
        "size of the at risk segment",
        "how many champions",
        "how many champions do we have",
    ],
)
def test_a_segments_size_is_the_segment_list(minilm_router: Router, text: str) -> None:
    """The list states every segment's size at once (the one named among them); the summary
    is written by the language model, in minutes."""
    route = minilm_router.route(text, Memory(), "marketer")
    assert (route.kind, route.tool) == ("tool", "list_segments")


@pytest.mark.parametrize(
    ("text", "segment"),
    [
        ("summarise the champions", "champions"),
        ("describe the at risk segment", "at risk"),
        ("tell me about champions", "champions"),
        ("how big is the lost segment and what is it worth", "lost"),
    ],
)
def test_a_segment_described_is_its_summary(minilm_router: Router, text: str, segment: str) -> None:
    route = minilm_router.route(text, Memory(), "marketer")
    assert (route.kind, route.tool, route.args) == ("tool", "segment_summary", {"segment": segment})


@pytest.mark.parametrize(
    ("last", "args", "text"),
    [
        ("search_reviews", {"query": "shipping", "sentiment": "negative"}, "how many is that"),
        ("at_risk_customers", {}, "and how many are there?"),
        ("top_products", {"year": "1997"}, "how many in total?"),
    ],
)
def test_how_many_after_a_list_is_its_length_said_again(
    minilm_router: Router, last: str, args: dict[str, object], text: str
) -> None:
    """The list's answer says its total: the same call, not a guess at what else to count
    (R21: "how many is that" after a review search waited 30 s on the LLM, then 'unclear')."""
    route = minilm_router.route(text, Memory().after(last, args, {}), "operator")
    assert (route.tool, route.args) == (last, args)
