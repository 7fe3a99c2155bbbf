"""Past sales asked as totals ("the avg order value last month", "revenue last quarter vs the
quarter before") are top_products with the period, not a forecast; the sentiment of a
period's reviews is review_sentiment with the period, and a topic it cannot take is said."""

import pytest

from assistant.routing import Memory, Router


@pytest.mark.parametrize(
    ("question", "args"),
    [
        ("whats the avg order value last month", {"month": "last"}),
        # The quarter before is compared (compared_periods.py), no longer left to the rows.
        (
            "revenue last quarter vs the quarter before?",
            {"quarter": "last", "compare_to": "quarter before"},
        ),
        ("average order value in 1997", {"year": "1997"}),
    ],
)
def test_past_totals_are_the_sales_of_the_period(
    question: str, args: dict[str, str], minilm_router: Router
) -> None:
    route = minilm_router.route(question, Memory(), "operator")
    assert (route.tool, route.args) == ("top_products", args)


@pytest.mark.parametrize(
    "question",
    [
        "what will the average order value be next month",
        "expected revenue next quarter",
        "how much revenue will we make next month",
    ],
)
def test_totals_ahead_stay_a_forecast(question: str, minilm_router: Router) -> None:
    assert minilm_router.route(question, Memory(), "operator").tool == "forecast_demand"


def test_sentiment_of_a_period_is_the_summary_of_it(minilm_router: Router) -> None:
    route = minilm_router.route("sentiment of reviews last month", Memory(), "operator")
    assert (route.tool, route.args, route.reason) == ("review_sentiment", {"month": "last"}, "")


@pytest.mark.parametrize(
    ("question", "tool", "args"),
    [
        ("negative reviews from last month", "search_reviews", {"month": "last",
                                                                "sentiment": "negative"}),
        ("show me reviews from last month", "search_reviews", {"month": "last"}),
    ],
)  # fmt: skip
def test_reviews_of_a_period_listed_stay_a_search(
    question: str, tool: str, args: dict[str, str], minilm_router: Router
) -> None:
    route = minilm_router.route(question, Memory(), "operator")
    assert (route.tool, route.args) == (tool, args)


def test_a_topic_the_summary_cannot_take_is_said(known_router: Router) -> None:
    # A category is no topic: the summary takes it (test_review_category.py); a few words
    # are the reviews mentioning them (test_review_mentions.py); a long phrase is neither.
    question = "how do customers feel about the box arriving late and crushed"
    route = known_router.route(question, Memory(), "operator")
    assert (route.tool, route.args) == ("review_sentiment", {})
    assert "counts reviews by a few words they mention" in route.reason
    assert "'box arriving late crushed'" in route.reason


@pytest.mark.parametrize(
    "question",
    ["how does she feel about our products", "classify the sentiment of: delivery was late"],
)
def test_no_topic_note_without_a_topic(question: str, minilm_router: Router) -> None:
    route = minilm_router.route(question, Memory(), "operator")
    assert route.tool == "review_sentiment" and "topic" not in route.reason
