"""A forecast asked for several product categories joined by "or", "and", "vs", "than" or
commas ("will we sell more tea or coffee next month") reaches forecast_demand with them all, in
the order named and separated by commas, as every tool that takes `category` does."""

import pytest

from assistant.routing import Memory, Router
from assistant.routing.sales_words import categories_joined, known_category
from bench.routing import DEMO_VOCABULARY

CATEGORIES = DEMO_VOCABULARY.categories


@pytest.mark.parametrize(
    ("question", "args"),
    [
        (
            "will we sell more tea or coffee next month",
            {"horizon_days": 30, "category": "Tea, Coffee"},
        ),
        (
            "coffee vs tea forecast for next quarter",
            {"horizon_days": 90, "category": "Coffee, Tea"},
        ),
        (
            "how much coffee and tea will we sell next month",
            {"horizon_days": 30, "category": "Coffee, Tea"},
        ),
        (
            "forecast coffee, tea and snacks revenue next quarter",
            {"horizon_days": 90, "category": "Coffee, Tea, Snacks"},
        ),
        # A typo goes as typed, as for one category: the tool reads it and says so.
        (
            "will we sell more cofee than tea next month",
            {"horizon_days": 30, "category": "cofee, Tea"},
        ),
        (
            "expected revenue from loyal customers for tea versus coffee next quarter",
            {"segment": "loyal", "horizon_days": 90, "category": "Tea, Coffee"},
        ),
    ],
)
def test_a_forecast_of_several_categories_names_them_all(
    question: str, args: dict[str, object], known_router: Router
) -> None:
    route = known_router.route(question, Memory(), "operator")
    assert (route.tool, route.args) == ("forecast_demand", args)


def test_the_sales_tools_get_them_all_too(known_router: Router) -> None:
    # They used to get the longest name alone (tests/routing/test_several_categories.py).
    route = known_router.route("top products in tea and coffee", Memory(), "operator")
    assert (route.tool, route.args) == ("top_products", {"category": "Tea, Coffee"})


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("coffee, tea, and snacks", ["Coffee", "Tea", "Snacks"]),
        ("coffee/tea next month", ["Coffee", "Tea"]),
        # Both sides of one "x & y" category are that one category, once.
        ("candy and chocolate or tea", ["Candy & chocolate", "Candy & chocolate", "Tea"]),
        ("tea or tea", []),  # one category, not two
        ("tea in the coffee category", []),  # named apart, not joined
        ("coffee then tea", []),
    ],
)
def test_categories_are_joined_only_by_what_joins_them(text: str, named: list[str]) -> None:
    assert [name for name, _, _ in categories_joined(text, CATEGORIES)] == named


def test_one_category_is_read_as_before() -> None:
    # The longest name first, wherever it is: the one a one-category tool gets.
    assert known_category("tea or coffee", CATEGORIES) == ("Coffee", 7, 13)
    assert known_category("top snack products", CATEGORIES) == ("Snacks", 4, 18)
    assert known_category("how much cofee", CATEGORIES) == ("cofee", 9, 14)
