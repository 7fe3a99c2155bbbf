"""Memory: what a finished tool call leaves behind, and how it is stored."""

import json

from assistant.routing import Memory

LIST = {"customers": [{"customer_id": "00310"}, {"customer_id": "12001"}, {"customer_id": "00075"}]}


def test_a_profile_makes_its_customer_the_subject() -> None:
    result = {"customer_id": "00042", "reviews": [{"customer_id": "00042", "text": "ok"}]}
    memory = Memory().after("customer_profile", {"customer_id": "00042"}, result)
    assert (memory.customer_id, memory.subject, memory.tool) == (
        "00042",
        "customer",
        "customer_profile",
    )
    assert memory.customer_ids == ()  # its own reviews are no list of customers


def test_a_ranked_list_is_remembered_and_walked_in_order() -> None:
    memory = Memory(customer_id="00999").after("at_risk_customers", {"limit": 3}, LIST)
    assert memory.customer_ids == ("00310", "12001", "00075")
    assert memory.subject == "customers"
    assert memory.customer_id is None  # "the next one" starts at the top of a new list
    assert memory.next_customer() == "00310"
    assert memory.focus("00310").next_customer() == "12001"
    assert memory.focus("00075").next_customer() is None
    assert memory.listed(2) == "12001"
    assert memory.listed(-1) == "00075"
    assert memory.listed(9) is None


def test_lookalikes_keep_the_customer_they_are_like() -> None:
    result = {"similar": [{"customer_id": "00777", "similarity": 0.9}, {"customer_id": "03121"}]}
    memory = Memory().after("similar_customers", {"customer_id": "00042", "k": 2}, result)
    assert memory.customer_id == "00042"
    assert memory.customer_ids == ("00777", "03121")
    assert memory.next_customer() == "00777"


def test_a_segment_call_makes_the_segment_the_subject() -> None:
    memory = Memory(customer_id="00042", subject="customer")
    after = memory.after("segment_summary", {"segment": "champions"}, {"name": "champions"})
    assert (after.segment, after.subject) == ("champions", "segment")
    assert after.customer_id == "00042"  # still known, no longer the subject
    assert after.args == {"segment": "champions"}


def test_round_trip_through_json() -> None:
    memory = Memory().after("at_risk_customers", {"segment": "loyal", "limit": None}, LIST)
    stored = json.loads(json.dumps(memory.to_dict()))
    assert Memory.from_dict(stored) == memory
    assert memory.args == {"segment": "loyal"}  # None arguments are not remembered


def test_from_dict_tolerates_old_or_damaged_records() -> None:
    assert Memory.from_dict(None) == Memory()
    damaged = {"customer_id": 42, "customer_ids": "00042", "subject": "planet", "args": [1], "x": 1}
    assert Memory.from_dict(damaged) == Memory()


def test_a_list_of_products_is_the_last_list_until_customers_are_listed() -> None:
    best = {"rows": [{"rank": 11, "product_id": "P1"}, {"rank": 12, "product_id": "P2"}]}
    memory = Memory().after("at_risk_customers", {"limit": 3}, LIST).after("top_products", {}, best)
    assert (memory.subject, memory.product_ids, memory.customer_ids) == (
        "products",
        ("P1", "P2"),
        (),
    )
    assert memory.listed_product(2) == "P2"  # a place on the page shown (ranks 11 and 12)
    assert memory.listed_product(12) == "P2" and memory.listed(2) is None
    assert memory.next_customer() is None  # "the next one" walks customers only
    assert Memory.from_dict(json.loads(json.dumps(memory.to_dict()))) == memory
    again = memory.after("at_risk_customers", {"limit": 3}, LIST)
    assert (again.product_ids, again.listed(1)) == ((), "00310")


def test_reviews_listed_are_customers_and_recommendations_products() -> None:
    reviews = {"rows": [{"customer_id": "00310", "product_id": "P1"}]}
    assert Memory().after("search_reviews", {}, reviews).product_ids == ()
    picks = {"customer_id": "00042", "rows": [{"product_id": "P7"}, {"product_id": "P9"}]}
    memory = Memory().after("recommend_products", {"customer_id": "00042"}, picks)
    assert (memory.subject, memory.customer_id, memory.listed_product(2)) == (
        "customer", "00042", "P9",
    )  # fmt: skip
