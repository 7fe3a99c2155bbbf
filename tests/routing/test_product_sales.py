"""One product's sales asked by id go to top_products with that product (its signature takes
`product_id`), not the whole store's ranking or totals."""

import pytest

from assistant.routing import Memory, Router


@pytest.mark.parametrize(
    ("text", "args"),
    [
        ("how many units of B001VNP1T0 did we sell in 1998",
         {"product_id": "B001VNP1T0", "year": "1998", "by": "units"}),
        ("sales of product B001VNP1T0 last quarter",
         {"product_id": "B001VNP1T0", "quarter": "last"}),
    ],
)  # fmt: skip
def test_a_product_named_by_id_is_its_sales(
    minilm_router: Router, text: str, args: dict[str, object]
) -> None:
    route = minilm_router.route(text, Memory(), "operator")
    assert (route.kind, route.tool, route.args) == ("tool", "top_products", args)
