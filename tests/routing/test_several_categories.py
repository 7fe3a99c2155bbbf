"""Several product categories joined ("tea and coffee", "tea or coffee", "coffee vs tea",
"coffee, tea and snacks") reach every tool that takes `category` with them all, in the order
named and separated by commas: top_products, top_customers and the review tools take what any
of them holds, where each used to get the longest name alone and answer for it without a word.
Compared ("tea vs coffee sales", "did we sell more tea or coffee in 1998", "coffee sales vs tea
sales"), top_products sets
them side by side (per category); joined, they are embedded as one category's name, so a
comparison of sales is not taken for customers ranked by what they bought."""

import pytest

from assistant.routing import Memory, Router


@pytest.mark.parametrize(
    ("question", "tool", "args"),
    [
        ("top products in tea and coffee", "top_products", {"category": "Tea, Coffee"}),
        ("top products in tea or coffee", "top_products", {"category": "Tea, Coffee"}),
        (
            "best sellers in coffee, tea and snacks",
            "top_products",
            {"category": "Coffee, Tea, Snacks"},
        ),
        (
            "how much tea and coffee did we sell last month",
            "top_products",
            {"month": "last", "category": "Tea, Coffee"},
        ),
        (
            "best month for tea and coffee in 1997",
            "top_products",
            {"year": "1997", "per": "month", "category": "Tea, Coffee"},
        ),
        ("top customers who bought tea or coffee", "top_customers", {"category": "Tea, Coffee"}),
        ("who bought the most tea or coffee", "top_customers", {"category": "Tea, Coffee"}),
        ("biggest buyers of coffee and tea", "top_customers", {"category": "Coffee, Tea"}),
        ("reviews of tea or coffee", "search_reviews", {"category": "Tea, Coffee"}),
        ("sentiment of tea vs coffee reviews", "review_sentiment", {"category": "Tea, Coffee"}),
        (
            "what do people think of the tea and coffee",
            "review_sentiment",
            {"category": "Tea, Coffee"},
        ),
        # A typo goes as typed, as for one category: the tool reads it and says so.
        ("top products in tea and cofee", "top_products", {"category": "Tea, cofee"}),
    ],
)
def test_several_categories_reach_the_tool_together(
    question: str, tool: str, args: dict[str, object], known_router: Router
) -> None:
    route = known_router.route(question, Memory(), "operator")
    assert (route.tool, route.args) == (tool, args)
    assert "cannot be limited" not in route.reason  # the categories are what is summed


@pytest.mark.parametrize(
    ("question", "args"),
    [
        ("tea vs coffee sales", {"category": "Tea, Coffee"}),
        ("did we sell more tea or coffee in 1998", {"year": "1998", "category": "Tea, Coffee"}),
        ("which category sold more, tea or coffee?", {"category": "Tea, Coffee"}),
        ("compare tea and coffee sales last year", {"year": "last", "category": "Tea, Coffee"}),
        ("more coffee than tea sold last quarter?", {"quarter": "last", "category": "Coffee, Tea"}),
        # Each named with its measure: "sales" between them joins them all the same.
        ("coffee sales vs tea sales", {"category": "Coffee, Tea"}),
        (
            "coffee revenue compared to tea revenue in 1998",
            {"year": "1998", "category": "Coffee, Tea"},
        ),
        ("tea sales against coffee sales last year", {"year": "last", "category": "Tea, Coffee"}),
    ],
)
def test_compared_categories_are_set_side_by_side(
    question: str, args: dict[str, object], known_router: Router
) -> None:
    route = known_router.route(question, Memory(), "operator")
    assert (route.tool, route.args) == ("top_products", {**args, "per": "category"})


def test_years_compared_keep_the_categories_together(known_router: Router) -> None:
    # "vs" sets the years against each other here: the categories' sales are summed.
    route = known_router.route("tea and coffee sales in 1998 vs 1997", Memory(), "operator")
    assert (route.tool, route.args) == (
        "top_products",
        {"year": "1998", "compare_to": "1997", "category": "Tea, Coffee"},
    )


def test_complaints_about_several_categories_have_no_topic_note(known_router: Router) -> None:
    route = known_router.route("complaints about tea or coffee", Memory(), "operator")
    assert (route.tool, route.args, route.reason) == (
        "review_sentiment",
        {"category": "Tea, Coffee"},
        "",
    )
