""" "Before March" without a year ends the period with the month before, written without its
year ("02", to its end), as "in March" is handed over as "03": the tool, which knows the
data's calendar, places it (beside a since) or asks for the year. It was not read, and "sales
before march" answered the default 90 days; "orders before march" went to a forecast."""

import pytest

from assistant.routing import Memory, Router


@pytest.mark.parametrize(
    ("message", "tool", "args"),
    [
        ("sales before march", "top_products", {"until": "02"}),
        ("revenue before april", "top_products", {"until": "03"}),
        ("top products before january", "top_products", {"until": "12"}),
        ("best sellers before march 5", "top_products", {"until": "03-04"}),
        ("who bought the most before march", "top_customers", {"until": "02"}),
        ("sales after jan and before may", "top_products", {"since": "02-01", "until": "04"}),
        ("sales before march 1998", "top_products", {"until": "1998-02"}),
    ],
)
def test_before_a_month_without_its_year_ends_the_month_before(
    message: str, tool: str, args: dict[str, str], minilm_router: Router
) -> None:
    route = minilm_router.route(message, Memory(), "operator")
    assert (route.tool, route.args) == (tool, args)


def test_orders_before_a_month_are_no_forecast(minilm_router: Router) -> None:
    """A period gone by, as "orders in march" is: no forecast of what is to come."""
    route = minilm_router.route("orders before march", Memory(), "operator")
    assert route.tool != "forecast_demand"
    assert route.args == {"until": "02"}
