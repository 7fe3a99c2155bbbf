"""Which end of a sales ranking is asked (sales_order.py): "worst sellers", "our weakest
categories", "which month was slowest" rank from the bottom; "and the best?" turns back;
"at least" and a trend are no end, and "best and worst" names both."""

import pytest

from assistant.routing import Memory, Router
from assistant.routing.sales_order import order


@pytest.mark.parametrize(
    ("text", "args"),
    [
        ("worst selling products", {"order": "least"}),
        ("what are our weakest categories?", {"order": "least", "per": "category"}),
        ("lowest revenue categories", {"order": "least", "per": "category"}),
        ("which products sold the least in 1998?", {"order": "least", "year": "1998"}),
        ("what was our worst month in 1997?", {"order": "least", "per": "month", "year": "1997"}),
        ("bottom 5 products by units", {"order": "least", "limit": 5, "by": "units"}),
        ("which products are declining", {"trend": "falling"}),  # a fall, not the bottom
        # selling badly is the bottom; not selling at all, what stopped (test_trends.py)
        ("products that didn't sell well in 1998", {"order": "least", "year": "1998"}),
        ("what sold poorly last quarter", {"order": "least", "quarter": "last"}),
        ("top sellers", {}),
    ],
)
def test_the_end_asked_is_read(known_router: Router, text: str, args: dict[str, object]) -> None:
    route = known_router.route(text, Memory(), "operator")
    assert (route.tool, route.args) == ("top_products", args)


def test_a_follow_up_turns_the_ranking_round(known_router: Router) -> None:
    memory = Memory().after("top_products", {"order": "least", "per": "category"}, {"rows": []})
    route = known_router.route("and the best?", memory, "operator")
    assert (route.tool, route.args) == ("top_products", {"order": "most", "per": "category"})
    memory = Memory().after("top_products", {}, {"rows": []})
    route = known_router.route("and the worst?", memory, "operator")
    assert (route.tool, route.args) == ("top_products", {"order": "least"})


@pytest.mark.parametrize(
    ("text", "before", "end"),
    [
        ("products with at least 10 orders", None, None),
        ("best and worst sellers", None, None),
        ("the top 5 worst sellers", None, "least"),
        ("top sellers", None, None),
        ("top sellers", "least", None),  # "top 5" after the worst: 5 of the worst
        ("best sellers", "least", "most"),
    ],
)
def test_the_words_of_an_end(text: str, before: str | None, end: str | None) -> None:
    assert order(text, before) == end
