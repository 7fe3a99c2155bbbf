"""A place in a list ("the second one", "number 3") indexes the last *list* shown, not the
last profile: a profile's own products and reviews are no list to pick from."""

import pytest

from assistant.routing import Memory, Router, Vocabulary, extract

AT_RISK = {"rows": [{"rank": 1, "customer_id": "03537"}, {"rank": 2, "customer_id": "04766"},
                    {"rank": 3, "customer_id": "00310"}]}  # fmt: skip


def _profile(customer: str, reviewed: bool = False) -> dict[str, object]:
    """A profile as customer_profile returns it: the products the customer bought, and their
    reviews (none, as for many customers)."""
    reviews = [{"customer_id": customer, "product_id": "B000EYLDYE", "text": "ok"}]
    return {
        "customer_id": customer,
        "orders": [{"ts": "1998-01-02", "amount": 12.5}],
        "products": [{"product_id": "B000EYLDYE", "units": 3}, {"product_id": "B0019CW0HE"}],
        "reviews": reviews if reviewed else [],
    }


def _after_profile(place: int, reviewed: bool = False) -> Memory:
    listed = Memory().after("at_risk_customers", {"segment": "loyal"}, AT_RISK)
    customer = listed.listed(place)
    assert customer is not None
    profile = _profile(customer, reviewed)
    return listed.after("customer_profile", {"customer_id": customer}, profile)


@pytest.mark.parametrize("reviewed", [False, True])
def test_a_profile_keeps_the_last_list(reviewed: bool) -> None:
    memory = _after_profile(1, reviewed)
    assert (memory.customer_id, memory.subject) == ("03537", "customer")
    assert memory.customer_ids == ("03537", "04766", "00310")
    assert memory.product_ids == ()  # the profile's own products are no list
    assert (memory.listed(2), memory.next_customer()) == ("04766", "04766")


def test_a_list_of_products_still_replaces_a_list_of_customers() -> None:
    listed = Memory().after("at_risk_customers", {}, AT_RISK)
    best = listed.after("top_products", {}, {"rows": [{"product_id": "P1"}, {"product_id": "P2"}]})
    assert (best.customer_ids, best.listed_product(2)) == ((), "P2")


@pytest.mark.parametrize(
    ("question", "place"),
    [("show me number 3", 3), ("number 2 please", 2), ("and number 10?", 10)],
)
def test_number_alone_is_a_place(question: str, place: int, vocabulary: Vocabulary) -> None:
    x = extract(question, vocabulary)
    assert (x.position, x.customer_ids, x.count) == (place, (), None)


@pytest.mark.parametrize(
    "question", ["customer number 3", "what is the number 3 product", "number 3 in sales"]
)
def test_number_with_more_after_is_no_place(question: str, vocabulary: Vocabulary) -> None:
    assert extract(question, vocabulary).position is None


@pytest.mark.parametrize(
    ("first", "question", "expected"),
    [
        (1, "show me the second one", "04766"),
        (2, "show me number 3", "00310"),
        (2, "tell me more about the first one", "03537"),
    ],
)
def test_a_place_after_a_profile_is_the_lists(
    first: int, question: str, expected: str, minilm_router: Router
) -> None:
    route = minilm_router.route(question, _after_profile(first), "operator")
    assert (route.tool, route.args) == ("customer_profile", {"customer_id": expected})


def test_the_next_one_after_a_profile_walks_on(minilm_router: Router) -> None:
    route = minilm_router.route("and the next one?", _after_profile(2), "operator")
    assert (route.tool, route.args) == ("customer_profile", {"customer_id": "00310"})
