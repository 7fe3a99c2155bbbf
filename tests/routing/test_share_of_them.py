""" "How many of them ..." after a ranking of customers counts within that list's bounds
(ranked_again.share_of names them for top_customers' `share_of`), while "how many customers
..." counts everyone who ordered; and "ordered twice", "ordered 2 times" or "bought thrice"
is exactly that many orders (ceilings.exact_orders), "more than twice" a floor."""

from typing import Any

import pytest

from assistant.routing import Memory, Router, Vocabulary, extract
from assistant.routing.ranked_again import replaced_note, share_of

ROWS = [{"customer_id": "18847", "rank": 1}, {"customer_id": "15238", "rank": 2}]
IN_1997 = {"min_revenue": 500.01, "year": "1997"}  # "customers who spent over $500 in 1997"


def after(args: dict[str, Any]) -> Memory:
    return Memory().after("top_customers", args, {"rows": ROWS})


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        ("how many of them ordered more than 5 times?", {"min_orders": 6}),
        ("what share of them ordered twice?", {"min_orders": 2, "max_orders": 2}),
        ("what percentage of those customers ordered 3 times?", {"min_orders": 3, "max_orders": 3}),
    ],
)
def test_how_many_of_them_is_a_share_of_the_last_list(
    minilm_router: Router, text: str, wanted: dict[str, Any]
) -> None:
    route = minilm_router.route(text, after(IN_1997), "operator")
    assert (route.tool, route.args) == (
        "top_customers",
        {**IN_1997, **wanted, "lead": "share", "share_of": "min_revenue"},
    )


def test_how_many_customers_is_a_share_of_everyone_who_ordered(minilm_router: Router) -> None:
    text = "how many customers ordered more than 5 times?"
    for memory in (after(IN_1997), after({**IN_1997, "min_orders": 6, "share_of": "min_revenue"})):
        route = minilm_router.route(text, memory, "operator")
        assert (route.tool, route.args) == ("top_customers", {"min_orders": 6, "lead": "share"})


def test_listing_them_after_the_share_drops_it(minilm_router: Router) -> None:
    last = {**IN_1997, "min_orders": 6, "lead": "share", "share_of": "min_revenue"}
    route = minilm_router.route("who are they?", after(last), "operator")
    assert (route.tool, route.args) == (
        "top_customers",
        {**IN_1997, "min_orders": 6, "lead": "list"},
    )


@pytest.mark.parametrize(
    ("carried", "given", "wanted"),
    [
        ({"min_revenue": 500.01, "max_orders": 9}, {"min_orders": 2}, "min_revenue,max_orders"),
        ({"min_revenue": 500.01, "min_orders": 2}, {"min_orders": 6}, "min_revenue"),
        ({"min_orders": 3}, {"min_orders": 6}, None),  # the bound that made them replaced
        (IN_1997, {}, None),  # no bound of its own: the count of the list itself
    ],
)
def test_share_of_names_the_bounds_kept(
    carried: dict[str, Any], given: dict[str, Any], wanted: str | None
) -> None:
    assert share_of("how many of them ordered more than 5 times?", carried, given) == wanted
    assert share_of("how many customers ordered more than 5 times?", carried, given) is None


@pytest.mark.parametrize(
    ("text", "orders"),
    [
        ("customers who ordered twice", (2, 2)),
        ("customers who ordered 2 times", (2, 2)),
        ("customers who bought two times in 1997", (2, 2)),
        ("customers who ordered thrice", (3, 3)),
        ("what share of them ordered twice?", (2, 2)),
        ("customers who ordered more than twice", (3, None)),
        ("customers who ordered 2 times or more", (2, None)),
        ("customers who ordered at most twice", (None, 2)),
        ("customers who ordered once", (None, 1)),
    ],
)
def test_times_said_plainly_are_exactly_that_many_orders(
    vocabulary: Vocabulary, text: str, orders: tuple[int | None, int | None]
) -> None:
    x = extract(text, vocabulary)
    assert (x.min_orders, x.max_orders) == orders


def test_customers_who_ordered_twice_is_routed_with_both_ends(minilm_router: Router) -> None:
    route = minilm_router.route("customers who ordered 2 times", Memory(), "operator")
    assert (route.tool, route.args) == ("top_customers", {"min_orders": 2, "max_orders": 2})


def test_a_bound_replacing_theirs_says_the_share_is_of_everyone(minilm_router: Router) -> None:
    three = {"min_orders": 3, "year": "1997"}  # "customers with 3 orders or more in 1997"
    route = minilm_router.route(
        "how many of them ordered more than 5 times?", after(three), "operator"
    )
    assert (route.tool, route.args) == (
        "top_customers",
        {"min_orders": 6, "year": "1997", "lead": "share"},
    )
    assert route.reason == (
        "The share is of everyone who ordered in the period, not only of the customers just "
        "listed: the bound asked on orders replaces theirs."
    )


@pytest.mark.parametrize(
    ("carried", "given"),
    [
        ({"min_revenue": 500.01, "min_orders": 2}, {"min_orders": 6}),  # of those over $500
        ({"min_revenue": 500.01}, {"min_orders": 6}),  # none of theirs replaced
    ],
)
def test_no_note_while_a_bound_of_theirs_is_the_base(
    carried: dict[str, Any], given: dict[str, Any]
) -> None:
    assert replaced_note("how many of them ordered more than 5 times?", carried, given) == ""
