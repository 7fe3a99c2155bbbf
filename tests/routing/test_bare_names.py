"""A customer's full name opening a message, typed alone as a support agent pastes it ("Ada
Lovelace", "grace hopper?") or with what is asked of them ("ada lovelace's reviews"), is that
customer where the store has one of that name; it used to be answered "outside what I do"."""

import pytest

from assistant.routing import Memory, Router


@pytest.mark.parametrize(
    ("text", "tool", "name"),
    [
        ("Ada Lovelace", "customer_profile", "Ada Lovelace"),
        ("grace hopper?", "customer_profile", "grace hopper"),
        ("Ada Lovelace's reviews", "search_reviews", "Ada Lovelace"),
        ("grace hopper\u2019s orders", "customer_profile", "grace hopper"),
    ],
)
def test_a_known_name_opening_the_message_is_that_customer(
    known_router: Router, text: str, tool: str, name: str
) -> None:
    route = known_router.route(text, Memory(), "support")
    assert (route.kind, route.tool, route.args["customer_id"]) == ("tool", tool, name)


@pytest.mark.parametrize(
    "text", ["Alan Turing", "top products", "thanks a lot", "ada lovelace and grace hopper"]
)
def test_words_no_customer_is_called_name_no_one(known_router: Router, text: str) -> None:
    route = known_router.route(text, Memory(), "support")
    assert "customer_id" not in route.args


def test_without_the_store_s_names_a_bare_name_is_no_one(minilm_router: Router) -> None:
    # A role that does not see contacts gets a router that cannot look names up.
    route = minilm_router.route("ada lovelace", Memory(), "operator")
    assert "customer_id" not in route.args
