"""Customers said to have stopped are the at-risk list: "which customers used to buy a lot but
stopped" got the best sellers (its "buy a lot" sits beside "what sells a lot"); "how many
customers have we lost this year" got the list with no lapse (now no order since the year's
first day, as "not bought anything this year" is). Products that stopped selling stay the
sales' (those that sold before and not at all lately: `trend` stopped)."""

import pytest

from assistant.routing import Memory, Router
from assistant.routing.lapses import Lapse, read
from assistant.routing.reading import Reader


@pytest.mark.parametrize(
    ("text", "args"),
    [
        ("which customers used to buy a lot but stopped", {}),
        ("which big spenders stopped ordering", {}),
        ("how many customers have we lost this year", {"no_order_since": "year_start"}),
        ("who churned this quarter", {"no_order_since": "quarter_start"}),
    ],
)
def test_customers_who_stopped_are_the_at_risk_list(
    minilm_router: Router, text: str, args: dict[str, object]
) -> None:
    route = minilm_router.route(text, Memory(), "operator")
    assert (route.kind, route.tool, route.args) == ("tool", "at_risk_customers", args)


def test_products_that_stopped_selling_stay_the_sales(minilm_router: Router) -> None:
    route = minilm_router.route(
        "which products used to sell a lot but stopped", Memory(), "operator"
    )
    assert (route.tool, route.args) == ("top_products", {"trend": "stopped"})


def test_lost_this_year_is_read_with_the_word_taken() -> None:
    reader = Reader("customers we lost this year")
    assert read(reader) == Lapse(no_order_since="year_start")
    assert "lost" not in reader.text  # not the segment of that name too
