"""Baskets: "average basket size" is the average order value the period's totals give (it was
out of scope: the speller read "basket" as "baskets", a typo of the plural it knows); "what goes
in baskets with coffee" asks what is bought with coffee; "orders with more than 3 items"
names no product."""

import pytest

from assistant.routing import Memory, Router
from assistant.routing.paired_words import paired_product
from assistant.routing.reading import Reader
from assistant.routing.spelling import Speller


def test_a_singular_of_a_known_plural_is_no_typo() -> None:
    speller = Speller(["what else ends up in baskets with the cat treats"])
    assert speller.correct("average basket size") == "average basket size"
    assert speller.correct("average baskts size") == "average baskets size"  # a typo still is


@pytest.mark.parametrize(
    ("text", "args"),
    [("average basket size", {}), ("what's the average basket size in 1998", {"year": "1998"})],
)
def test_the_average_basket_is_the_periods_totals(
    known_router: Router, text: str, args: dict[str, object]
) -> None:
    route = known_router.route(text, Memory(), "operator")
    assert (route.tool, route.args) == ("top_products", args)


@pytest.mark.parametrize(
    ("text", "product"),
    [("what goes in baskets with coffee", "coffee"),
     ("what ends up in the same basket as earl grey", "earl grey")],
)  # fmt: skip
def test_what_shares_a_basket_is_bought_with(known_router: Router, text: str, product: str) -> None:
    route = known_router.route(text, Memory(), "operator")
    assert (route.tool, route.args) == ("bought_with", {"product_name": product})


def test_a_count_is_no_product() -> None:
    assert paired_product(Reader("orders with more than 3 items")) is None
    assert paired_product(Reader("what do people buy with earl grey")) == "earl grey"
