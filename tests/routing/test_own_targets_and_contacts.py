"""A target the message names beats the conversation's ("draft an offer for everyone" after a
profile is no offer for that customer), contact details asked by a marketer are refused (a
name, an e-mail address), and refusals say why in words a user can act on."""

import pytest

from assistant.roles import CONTACTS_REFUSAL, Role
from assistant.routing import Memory, Router, Vocabulary, extract, role_reason

PROFILE = Memory().after("customer_profile", {"customer_id": "00003"}, {"customer_id": "00003"})
HIBERNATING = Memory().after("segment_summary", {"segment": "hibernating"}, {"name": "hibernating"})
ADDRESS = "lynn.sketch.00003@example.com"


def test_everyone_is_no_offer_for_the_customer_talked_about(minilm_router: Router) -> None:
    route = minilm_router.route("draft an offer for everyone", PROFILE, "marketer")
    assert (route.kind, route.tool) == ("tool", "draft_offer")
    assert "customer_id" not in route.args and "segment" not in route.args
    assert set(route.missing) == {"customer_id", "segment"}
    assert "not everyone" in route.reason


def test_a_cluster_by_number_is_no_summary_of_the_last_segment(minilm_router: Router) -> None:
    route = minilm_router.route("summarise cluster 2", HIBERNATING, "marketer")
    assert (route.kind, route.tool, route.missing) == ("tool", "segment_summary", ("segment",))
    assert "segment" not in route.args
    assert "names, not numbers ('cluster 2')" in route.reason


def test_a_name_given_is_the_lookalikes_customer(minilm_router: Router) -> None:
    for role in ("marketer", "operator"):
        route = minilm_router.route("similar customers to Lynn Sketch", PROFILE, role)
        assert (route.tool, route.args.get("customer_id")) == ("similar_customers", "Lynn Sketch")


def test_a_single_unread_name_is_asked_about_not_filled_from_memory(
    vocabulary: Vocabulary,
) -> None:
    x = extract("similar customers to Lynn", vocabulary)
    assert x.customer_ids == () and x.unread is not None and x.unread.words == "Lynn"


@pytest.mark.parametrize("text", ["draft an offer for her", "draft an offer for Christmas"])
def test_no_target_of_its_own_still_comes_from_memory(text: str, minilm_router: Router) -> None:
    route = minilm_router.route(text, PROFILE, "marketer")
    assert route.args.get("customer_id") == "00003"


@pytest.mark.parametrize(
    ("text", "memory"),
    [
        ("what is the name of customer 00003?", Memory()),
        ("what's her first name?", PROFILE),
        (f"look up {ADDRESS}", Memory()),
    ],
)
def test_a_marketer_asking_for_a_name_or_by_address_is_refused(
    text: str, memory: Memory, minilm_router: Router
) -> None:
    route = minilm_router.route(text, memory, "marketer")
    assert (route.kind, route.reason) == ("refuse", CONTACTS_REFUSAL)


@pytest.mark.parametrize("role", ["support", "operator"])
def test_an_address_is_looked_up_for_roles_that_see_contacts(
    role: Role, minilm_router: Router
) -> None:
    route = minilm_router.route(f"look up {ADDRESS}", Memory(), role)
    assert (route.kind, route.tool, route.args) == (
        "tool",
        "customer_profile",
        {"customer_id": ADDRESS},
    )


def test_the_digits_in_an_address_are_no_customer_id(vocabulary: Vocabulary) -> None:
    assert extract(f"profile of {ADDRESS}", vocabulary).customer_ids == (ADDRESS,)


@pytest.mark.parametrize("role", ["marketer", "operator", "admin"])
def test_training_is_refused_as_a_command_line_task(role: Role, minilm_router: Router) -> None:
    route = minilm_router.route("train the model", Memory(), role)
    assert route.kind == "refuse" and "retain train" in route.reason
    asked = minilm_router.route("please retrain the churn model", Memory(), role)
    assert asked.kind == "refuse" and "retain train" in asked.reason


def test_when_the_model_was_trained_is_still_the_report(minilm_router: Router) -> None:
    route = minilm_router.route("when was the model last retrained?", Memory(), "operator")
    assert (route.kind, route.tool) == ("tool", "model_report")


def test_support_is_told_it_cannot_list_customers_store_wide(minilm_router: Router) -> None:
    route = minilm_router.route("who bought product B000PGQQES?", Memory(), "support")
    assert (route.kind, route.tool) == ("refuse", "top_customers")
    assert "can't list customers store-wide" in route.reason
    assert route.reason == role_reason("support", "top_customers")
