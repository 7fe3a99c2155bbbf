"""An order count said plainly ("customers with 3 orders", "at-risk customers with 1 order")
is exactly that many, for top_customers and the at-risk list; the floors and ceilings around
it keep their meaning, and "one-time buyers with 2 orders" hands the tool a floor above its
ceiling, which it refuses by name."""

import pytest

from assistant.routing import Memory, Router, Vocabulary, extract


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("customers with 3 orders", 3, 3),
        ("at-risk customers with 1 order", 1, 1),
        ("customers with one order in 1997", 1, 1),
        ("customers who placed 2 purchases", 2, 2),
        ("buyers with only 4 orders", 4, 4),
        ("one-time buyers with 2 orders", 2, 1),  # nonsense, for the tool to refuse
        # Comparisons keep their own reading.
        ("customers with over 3 orders", 4, None),
        ("customers with at least 2 orders", 2, None),
        ("customers with 3 orders or more", 3, None),
        ("customers with 3 or more orders", 3, None),
        ("customers with 3 orders or fewer", None, 3),
        ("customers with 2 to 4 orders", 2, 4),
        # "Exactly" before one order, as before several.
        ("how many customers placed exactly one order in 1997?", 1, 1),
        ("how many customers bought exactly 1 order ever?", 1, 1),
        ("customers with exactly 3 purchases", 3, 3),
    ],
)
def test_a_count_said_plainly_is_exactly_that(
    vocabulary: Vocabulary, text: str, low: int | None, high: int | None
) -> None:
    x = extract(text, vocabulary)
    assert (x.min_orders, x.max_orders, x.count) == (low, high, None)


@pytest.mark.parametrize(
    ("text", "tool"),
    [
        ("customers with 3 orders", "top_customers"),
        ("at-risk customers with 3 orders", "at_risk_customers"),
    ],
)
def test_both_customer_lists_take_the_exact_count(
    minilm_router: Router, text: str, tool: str
) -> None:
    route = minilm_router.route(text, Memory(), "operator")
    assert (route.tool, route.args) == (tool, {"min_orders": 3, "max_orders": 3})


def test_how_many_placed_exactly_one_order_is_their_share(minilm_router: Router) -> None:
    """docs/api.md's own example of a share: a count of customers, not one profile."""
    question = "how many customers placed exactly one order in 1997?"
    route = minilm_router.route(question, Memory(), "operator")
    assert (route.tool, route.args) == (
        "top_customers",
        {"min_orders": 1, "max_orders": 1, "year": "1997", "lead": "share"},
    )
