"""Who bought a product, named in words ("who bought earl grey", "which customers bought earl
grey"), is top_customers with product_name, as "who bought the most earl grey" is; words that
name no product ("twice", "in 1997", "anything") are no product's name."""

import pytest

from assistant.routing import Memory, Router, Vocabulary, extract


@pytest.mark.parametrize(
    "question",
    [
        "who bought earl grey",
        "which customers bought earl grey",
        "customers who bought earl grey last year",
        "who has ever ordered earl grey?",
    ],
)
def test_the_product_bought_is_read(question: str, vocabulary: Vocabulary) -> None:
    assert extract(question, vocabulary).product_name == "earl grey"


@pytest.mark.parametrize(
    "question",
    [
        "who bought twice",
        "who bought in 1997",
        "who bought anything",
        "who bought the most",
        "who bought from us last month",
        "customers who ordered more than 5 times",
        "which customers bought something recently",
    ],
)
def test_words_that_name_no_product_are_not_read(question: str, vocabulary: Vocabulary) -> None:
    assert extract(question, vocabulary).product_name is None


@pytest.mark.parametrize(
    "question",
    ["who bought earl grey", "which customers bought earl grey", "who bought the most earl grey"],
)
def test_buyers_of_a_product_are_ranked(question: str, minilm_router: Router) -> None:
    route = minilm_router.route(question, Memory(), "operator")
    assert (route.tool, route.args) == ("top_customers", {"product_name": "earl grey"})


def test_a_products_name_is_not_read_as_a_typo(minilm_router: Router) -> None:
    # "lapsang" is one edit from "lapsing", a word of the at-risk list's.
    route = minilm_router.route("which customers bought lapsang souchong", Memory(), "operator")
    assert (route.tool, route.args) == ("top_customers", {"product_name": "lapsang souchong"})


@pytest.mark.parametrize(
    ("question", "tool", "args"),
    [
        ("who bought twice", "top_customers", {"min_orders": 2, "max_orders": 2}),
        ("who bought in 1997", "top_customers", {"year": "1997"}),
        ("who bought anything", "top_customers", {}),
        ("what did customers buy", "top_products", {}),
        ("what did champions buy", "top_products", {"segment": "champions"}),
    ],
)
def test_near_questions_keep_their_tool(
    question: str, tool: str, args: dict[str, object], minilm_router: Router
) -> None:
    route = minilm_router.route(question, Memory(), "operator")
    assert (route.tool, route.args) == (tool, args)
