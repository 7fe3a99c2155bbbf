"""A forecast asked for one product category ("how much coffee will we sell next month") reaches
forecast_demand with that category, as the store names it, beside its days and segment."""

import pytest

from assistant.routing import Memory, Router


@pytest.mark.parametrize(
    ("question", "args"),
    [
        ("how much coffee will we sell next month", {"horizon_days": 30, "category": "Coffee"}),
        ("forecast tea sales for the next quarter", {"horizon_days": 90, "category": "Tea"}),
        (
            "expected revenue from beverages next 30 days",
            {"horizon_days": 30, "category": "Beverages"},
        ),
        (
            "expected coffee revenue from loyal customers next quarter",
            {"segment": "loyal", "horizon_days": 90, "category": "Coffee"},
        ),
    ],
)
def test_a_category_forecast_names_the_category(
    question: str, args: dict[str, object], known_router: Router
) -> None:
    route = known_router.route(question, Memory(), "operator")
    assert (route.tool, route.args) == ("forecast_demand", args)


def test_the_whole_store_forecast_names_none(known_router: Router) -> None:
    route = known_router.route("how much will we sell next month", Memory(), "operator")
    assert (route.tool, route.args) == ("forecast_demand", {"horizon_days": 30})


@pytest.mark.parametrize(
    ("question", "tool", "typed"),
    [
        ("how much cofee will we sell next month", "forecast_demand", "cofee"),
        ("cofee sales in 1998", "top_products", "cofee"),
        ("who bought the most coffe", "top_customers", "coffe"),
        # A side of a joined name ("Candy & chocolate") misspelt.
        ("top customers for choclate", "top_customers", "choclate"),
    ],
)
def test_a_misspelt_category_goes_to_the_tool_as_typed(
    question: str, tool: str, typed: str, known_router: Router
) -> None:
    # The tool reads it as Coffee and says so; dropped, it answered for the whole store.
    route = known_router.route(question, Memory(), "operator")
    assert (route.tool, route.args.get("category")) == (tool, typed)


def test_a_category_spelt_right_is_no_typo(known_router: Router) -> None:
    route = known_router.route("top products", Memory(), "operator")
    assert "category" not in route.args
