"""Follow-ups on the customers top_customers just listed keep what made them "them": "how many
of them ordered more than 5 times?" counts within both bounds (ranked_again.counted_again),
"which of them are most likely to churn?" is the at-risk list within the same bounds
(their_bounds.py, with a note when those were counted on a period), and "of them, who bought
the most often?" ranks them by orders (sales_words.measure)."""

from typing import Any

import pytest

from assistant.routing import SIGNATURES, Memory, Router, Vocabulary, extract
from assistant.routing.args import build
from assistant.routing.ranked_again import counted_again
from assistant.routing.sales_words import measure
from assistant.routing.their_bounds import TO_DATE_NOTE

ROWS = [{"customer_id": "18847", "rank": 1}, {"customer_id": "15238", "rank": 2}]
IN_1997 = {"min_revenue": 500.01, "year": "1997"}  # "customers who spent over $500 in 1997"
TO_DATE = {"min_revenue": 500.01, "max_orders": 9}  # "... over $500 with under 10 orders"
CHURN = "which of them are most likely to churn?"


def after(args: dict[str, Any], tool: str = "top_customers") -> Memory:
    return Memory().after(tool, args, {"rows": ROWS})


@pytest.mark.parametrize(
    "text",
    ["how many of them ordered more than 5 times?", "how many of them are there?",
     "what percentage of those customers spent over $100?",
     "how many of these placed 3 orders or more?"],
)  # fmt: skip
def test_how_many_of_them_is_counted_again(text: str) -> None:
    assert counted_again(text)


@pytest.mark.parametrize(
    "text",
    ["how many of them are at risk?", "how many orders did they place?", "who are they?",
     "how many customers spent over $100?"],
)  # fmt: skip
def test_other_counts_are_not_the_last_call_again(text: str) -> None:
    assert not counted_again(text)


def test_how_many_of_them_keeps_the_old_bounds_beside_the_new(minilm_router: Router) -> None:
    text = "how many of them ordered more than 5 times?"
    route = minilm_router.route(text, after(IN_1997), "operator")
    assert (route.tool, route.args) == (
        "top_customers",
        {**IN_1997, "min_orders": 6, "lead": "share", "share_of": "min_revenue"},
    )


def test_at_risk_of_them_keeps_bounds_counted_to_date(minilm_router: Router) -> None:
    route = minilm_router.route(CHURN, after(TO_DATE), "operator")
    assert (route.tool, route.args) == ("at_risk_customers", {**TO_DATE, "by": "churn_risk"})
    assert route.reason == ""  # both count all orders to date: the same customers


def test_at_risk_of_a_period_says_its_bounds_count_all_orders(minilm_router: Router) -> None:
    route = minilm_router.route(CHURN, after(IN_1997), "operator")
    assert (route.tool, route.args) == (
        "at_risk_customers",
        {"min_revenue": 500.01, "by": "churn_risk"},
    )
    assert route.reason == TO_DATE_NOTE


def _at_risk(text: str, memory: Memory, vocabulary: Vocabulary) -> tuple[dict[str, Any], str]:
    tool = SIGNATURES["at_risk_customers"]
    built = build(tool, extract(text, vocabulary), text, memory)
    return built.values, built.reason


def test_a_bound_the_message_gives_replaces_the_one_carried(vocabulary: Vocabulary) -> None:
    text = "which of them with at most 3 orders are most likely to churn?"
    values, _ = _at_risk(text, after(TO_DATE), vocabulary)
    assert values == {"min_revenue": 500.01, "max_orders": 3, "by": "churn_risk"}


def test_no_bounds_without_pointing_back(vocabulary: Vocabulary) -> None:
    values, reason = _at_risk("which customers are most likely to churn?", after(IN_1997),
                              vocabulary)  # fmt: skip
    assert values == {"by": "churn_risk"} and reason == ""


def test_the_at_risk_lists_bounds_go_to_a_ranking_of_them(vocabulary: Vocabulary) -> None:
    text = "which of them spent the most?"
    memory = after({"min_orders": 4}, tool="at_risk_customers")
    built = build(SIGNATURES["top_customers"], extract(text, vocabulary), text, memory)
    assert built.values == {"min_orders": 4} and built.reason == ""  # to date, as they were


@pytest.mark.parametrize(
    "text",
    ["of them, who bought the most often?", "who shops the most frequently?",
     "our most frequent buyers in 1997"],
)  # fmt: skip
def test_most_often_ranks_by_orders(text: str) -> None:
    assert measure(text) == "orders"


def test_of_them_who_bought_most_often_reranks_by_orders(minilm_router: Router) -> None:
    route = minilm_router.route("of them, who bought the most often?", after(IN_1997), "operator")
    assert (route.tool, route.args) == ("top_customers", {**IN_1997, "by": "orders"})
