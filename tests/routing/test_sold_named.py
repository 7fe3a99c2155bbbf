"""A product's sales asked by its name ("how many units of earl grey did we sell in 1998",
"how is the earl grey selling") reach top_products as `product_name`, which it resolves; the
name was dropped and the answer was the whole store's. A segment or a known category in the
same place stays what it is."""

import pytest

from assistant.routing import Memory, Router
from assistant.routing.sales_words import sold_named


@pytest.mark.parametrize(
    ("text", "args"),
    [
        (
            "how many units of earl grey did we sell in 1998",
            {"year": "1998", "by": "units", "product_name": "earl grey"},
        ),
        ("how is the earl grey selling", {"product_name": "earl grey"}),
        ("sales of dark roast last quarter", {"quarter": "last", "product_name": "dark roast"}),
        ("sales of coffee in 1998", {"year": "1998", "category": "Coffee"}),
        ("sales of champions last year", {"segment": "champions", "year": "last"}),
    ],
)
def test_a_product_s_sales_by_name(known_router: Router, text: str, args: dict[str, str]) -> None:
    route = known_router.route(text, Memory(), "operator")
    assert (route.tool, route.args) == ("top_products", args)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("how much earl grey did we sell", "earl grey"),
        ("revenue for dark roast in march", "dark roast"),
        ("sales of the store in 1997", None),
        ("units of products sold", None),
        ("how are sales doing", None),
    ],
)
def test_the_name_read(text: str, name: str | None) -> None:
    assert sold_named(text) == name
