"""A minus on a percentage is how shop copy writes a discount ("-20%" is 20% off), while a count
keeps its minus; both ends of an order count are read ("at least 2 but fewer than 5 orders");
and after a ranking of customers a bound alone ("now under $20") runs the ranking again."""

import pytest

from assistant.routing import Memory, Router, Vocabulary, extract

TOP = Memory().after(
    "top_customers",
    {"limit": 10, "by": "revenue"},
    {"rows": [{"customer_id": "00010", "rank": 1}, {"customer_id": "00011", "rank": 2}]},
)


@pytest.mark.parametrize(
    ("text", "pct"),
    [
        ("draft a -5% offer for 00003", 5),
        ("draft an offer for 00003 with -5% off", 5),
        ("draft an offer for 00003 -15% off", 15),
        ("draft an offer for champions (-15%)", 15),
    ],
)
def test_a_minus_before_a_percentage_is_the_discount_sign(
    text: str, pct: int, minilm_router: Router
) -> None:
    route = minilm_router.route(text, Memory(), "marketer")
    assert route.tool == "draft_offer" and route.args["discount_pct"] == pct


def test_counts_keep_their_minus_beside_a_percentage(vocabulary: Vocabulary) -> None:
    x = extract("champions: -20%, top -5", vocabulary)
    assert (x.percent, x.count) == (20, -5)


def test_a_percentage_range_is_no_minus(vocabulary: Vocabulary) -> None:
    assert extract("an offer of 5-10% off", vocabulary).percent == 10


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("customers with at least 2 but fewer than 5 orders", 2, 4),
        ("customers with more than 2 and at most 5 orders", 3, 5),
    ],
)
def test_both_ends_of_an_order_count_are_read(
    text: str, low: int, high: int, vocabulary: Vocabulary
) -> None:
    x = extract(text, vocabulary)
    assert (x.min_orders, x.max_orders) == (low, high)


@pytest.mark.parametrize(
    ("text", "bound"),
    [("now under $20", {"max_revenue": 19.99}), ("now over $1,000", {"min_revenue": 1000.01})],
)
def test_a_bound_alone_reruns_the_last_ranking(
    text: str, bound: dict[str, float], minilm_router: Router
) -> None:
    route = minilm_router.route(text, TOP, "marketer")
    assert (route.kind, route.tool) == ("tool", "top_customers")
    assert route.args == {"limit": 10, "by": "revenue", **bound}


def test_a_bound_alone_is_no_bound_without_a_ranking(vocabulary: Vocabulary) -> None:
    x = extract("now under $20", vocabulary)
    assert x.max_revenue is None
    spend = extract("spend under $500 on them", vocabulary, bare_bounds=True)
    assert (spend.max_revenue, spend.amount) == (None, 500)
