"""A bare year after ranking words is the period ranked ("top customers 1997"), not customer
01997 of a padded store; a customer named by id ("customer 1997", "#1997") stays one."""

import pytest

from assistant.routing import Memory, Router, Vocabulary, extract


@pytest.mark.parametrize(
    ("question", "year"),
    [
        ("top customers 1997", "1997"),
        ("best 10 customers 1998", "1998"),
        ("TOP CUSTOMRS 1998 BY ORDRES", "1998"),
        ("who were our biggest buyers 1997", "1997"),
    ],
)
def test_a_year_after_ranking_words_is_a_period(
    question: str, year: str, vocabulary: Vocabulary
) -> None:
    x = extract(question, vocabulary)
    assert (x.customer_ids, x.year) == ((), year)


@pytest.mark.parametrize(
    "question", ["customer 1997", "#1997", "show customer 1997", "top customer 01997's orders"]
)
def test_a_customer_named_by_id_stays_an_id(question: str, vocabulary: Vocabulary) -> None:
    x = extract(question, vocabulary)
    assert (x.customer_ids, x.year) == (("01997",), None)


def test_orders_misspelt_still_rank_by_orders(vocabulary: Vocabulary) -> None:
    assert extract("top customers 1998 by ordres", vocabulary).measure == "orders"


@pytest.mark.parametrize(
    ("question", "args"),
    [
        ("top customers 1997", {"year": "1997"}),
        ("top customers 1998 by orders", {"year": "1998", "by": "orders"}),
        ("TOP CUSTOMRS 1998 BY ORDRES", {"year": "1998", "by": "orders"}),
    ],
)
def test_ranked_by_year_goes_to_top_customers(
    question: str, args: dict[str, str], minilm_router: Router
) -> None:
    route = minilm_router.route(question, Memory(), "operator")
    assert (route.tool, route.args) == ("top_customers", args)


def test_a_customer_by_id_is_still_a_profile(minilm_router: Router) -> None:
    for question in ("customer 1997", "#1997"):
        route = minilm_router.route(question, Memory(), "operator")
        assert (route.tool, route.args) == ("customer_profile", {"customer_id": "01997"})
