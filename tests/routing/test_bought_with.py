"""Routing "what goes with this product?" to bought_with: the product read from the phrasings
(by id or by name, taken so the text embedded reads "product"), the real router's choices,
and the look-alikes that stay where they were (a customer's lookalikes, who bought a
product, what a segment buys, recommendations for one customer)."""

import pytest

from assistant.routing import Memory, Router
from assistant.routing.paired_words import PAIRING, paired_product
from assistant.routing.reading import Reader


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("what do people buy with earl grey?", "earl grey"),
        ("bought together with the earl grey tea last year", "earl grey tea"),
        ("what products are similar to earl grey", "earl grey"),
        ("what goes well with dark roast coffee", "dark roast coffee"),
        ("cross-sell ideas for the teapot", "teapot"),
        ("people who bought oat milk also bought", "oat milk"),
        ("what goes with it", None),
        ("cross-sell for her", None),
        ("who bought the most earl grey", None),
        ("customers similar to 00042", None),
    ],
)
def test_the_product_others_go_with_is_read(text: str, name: str | None) -> None:
    reader = Reader(text)
    assert paired_product(reader) == name
    if name is not None:
        assert name not in reader.text  # taken: embedded as "product"


def test_the_cue_is_the_pairing_words_not_a_customer() -> None:
    for text in ("what goes with B0001E3LAQ", "products similar to it", "cross-sell for tea"):
        assert PAIRING.search(text), text
    for text in ("products similar to customer 42", "cross-sell ideas for customer 2121",
                 "who bought B0001E3LAQ", "what do champions buy"):  # fmt: skip
        assert not PAIRING.search(text), text


@pytest.mark.parametrize(
    ("text", "args"),
    [
        ("what do people buy with Earl Grey?", {"product_name": "earl grey"}),
        ("bought together with earl grey", {"product_name": "earl grey"}),
        ("products similar to Earl Grey", {"product_name": "earl grey"}),
        ("what goes with B0001E3LAQ?", {"product_id": "B0001E3LAQ"}),
        ("cross-sell for earl grey", {"product_name": "earl grey"}),
        (
            "what do customers buy with B0001E3LAQ in 1998",
            {"product_id": "B0001E3LAQ", "year": "1998"},
        ),
    ],
)
def test_what_goes_with_a_product_routes_to_bought_with(
    minilm_router: Router, text: str, args: dict[str, str]
) -> None:
    route = minilm_router.route(text, Memory(), "marketer")
    assert (route.kind, route.tool, route.args, route.missing) == ("tool", "bought_with", args, ())


@pytest.mark.parametrize(
    ("text", "tool"),
    [
        ("customers similar to 00042", "similar_customers"),
        ("who bought B0001E3LAQ", "top_customers"),
        ("who bought the most earl grey", "top_customers"),
        ("what do champions buy", "top_products"),
        ("cross-sell ideas for customer 00042", "recommend_products"),
    ],
)
def test_look_alikes_stay_with_their_tools(minilm_router: Router, text: str, tool: str) -> None:
    assert minilm_router.route(text, Memory(), "operator").tool == tool


def test_support_is_refused_bought_with(minilm_router: Router) -> None:
    route = minilm_router.route("what goes with B0001E3LAQ", Memory(), "support")
    assert (route.kind, route.tool) == ("refuse", "bought_with")
