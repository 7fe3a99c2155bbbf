"""After top_customers, "who are they?" and "which of them ordered the most?" run that call
again as a list, with its bounds and period (ranked_again.py): they read like a segment's
description or the best sellers, and a new ranking would drop what made "them"."""

from typing import Any

import pytest

from assistant.routing import Memory, Router
from assistant.routing.ranked_again import asked_again

ROWS = [{"customer_id": "18847", "rank": 1}, {"customer_id": "15238", "rank": 2}]
NAMING = ("who are they?", "who are those customers?", "list them", "show them",
          "ok, tell me who they are", "which ones?")  # fmt: skip


def after(args: dict[str, Any]) -> Memory:
    return Memory().after("top_customers", args, {"rows": ROWS})


@pytest.mark.parametrize(
    "text",
    [*NAMING, "which of them ordered the most?", "of those, who placed the most orders?",
     "rank them by orders", "who among these customers spent the least?"],
)  # fmt: skip
def test_asked_of_the_customers_just_ranked(text: str) -> None:
    assert asked_again(text)


@pytest.mark.parametrize(
    "text",
    [
        "which of them are most likely to churn?",  # another tool's question
        "which of them spent the most on offers we sent?",
        "who are the champions?",
        "which customers spent the most",  # a new ranking of everyone
        "draft an offer for them",
        "how many of them ordered twice?",
    ],
)
def test_other_questions_about_them_are_scored(text: str) -> None:
    assert not asked_again(text)


@pytest.mark.parametrize("text", NAMING)
def test_after_a_figure_who_they_are_is_the_same_call_as_a_list(
    minilm_router: Router, text: str
) -> None:
    memory = after({"max_orders": 1, "lead": "share"})
    route = minilm_router.route(text, memory, "operator")
    assert (route.tool, route.args) == ("top_customers", {"max_orders": 1, "lead": "list"})


@pytest.mark.parametrize("text", NAMING[:3])
def test_after_a_list_who_they_are_keeps_its_bounds_and_period(
    minilm_router: Router, text: str
) -> None:
    asked = {"min_revenue": 500.01, "year": "1997", "by": "revenue"}
    route = minilm_router.route(text, after(asked), "operator")
    assert (route.tool, route.args) == ("top_customers", asked)


@pytest.mark.parametrize(
    "text",
    ["which of them ordered the most?", "of those, who placed the most orders?",
     "rank them by orders"],
)  # fmt: skip
def test_ranking_them_anew_keeps_the_bounds_and_period(minilm_router: Router, text: str) -> None:
    memory = after({"min_revenue": 500.01, "year": "1997"})
    route = minilm_router.route(text, memory, "operator")
    assert (route.tool, route.args) == (
        "top_customers",
        {"min_revenue": 500.01, "year": "1997", "by": "orders"},
    )


def test_ranking_them_after_a_figure_lists_them(minilm_router: Router) -> None:
    memory = after({"min_revenue": 500.01, "lead": "share"})
    route = minilm_router.route("which of them ordered the most?", memory, "operator")
    assert (route.tool, route.args) == (
        "top_customers",
        {"min_revenue": 500.01, "lead": "list", "by": "orders"},
    )
