"""A second customer joined to the first by a bare number ("compare customer 42 and 43") is
read, so the note that the answer is about one of them fires; and a customer's full name typed
in lower case ("tell me about ada lovelace") is read where the store has that customer and
the role sees names, never a segment, a category or a period."""

import pytest

from assistant.routing import Memory, Router, Vocabulary, extract
from tests.routing.conftest import CUSTOMER_NAMES


@pytest.mark.parametrize(
    ("text", "ids"),
    [
        ("compare customer 42 and 43", ("00042", "00043")),
        ("customers 42 and 43", ("00042", "00043")),
        ("customer 42 vs 43", ("00042", "00043")),
        ("customer 42, 43 and 44", ("00042", "00043", "00044")),
        # A number with a unit or a list's word after it is no customer.
        ("customer 42 and 5 similar customers", ("00042",)),
        ("show customer 42 and 3 more", ("00042",)),
        ("customer 42 and 2 weeks", ("00042",)),
        ("customer 12,345", ("12345",)),
    ],
)
def test_a_bare_number_joined_to_a_customer_is_another(
    text: str, ids: tuple[str, ...], vocabulary: Vocabulary
) -> None:
    assert extract(text, vocabulary).customer_ids == ids


def test_the_several_customers_note_fires(minilm_router: Router) -> None:
    for text in ("compare customer 42 and 43", "customers 42 and 43"):
        route = minilm_router.route(text, Memory(), "operator")
        assert (route.tool, route.args) == ("customer_profile", {"customer_id": "00042"})
        assert route.reason == "This answer is about customer 00042 only; ask about 00043 on " \
            "its own."  # fmt: skip


def _known(name: str) -> bool:
    return name in CUSTOMER_NAMES


def _anything(name: str) -> bool:
    return True  # a store that says yes to every name: the exclusions alone must hold


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("tell me about ada lovelace", ("ada lovelace",)),
        ("who is grace hopper?", ("grace hopper",)),
        ("tell me about ada lovelace please", ("ada lovelace",)),
        ("tell me about alan turing", ()),  # no such customer
    ],
)
def test_a_lower_case_name_is_read_when_the_store_has_it(
    text: str, named: tuple[str, ...], vocabulary: Vocabulary
) -> None:
    assert extract(text, vocabulary, _known).customer_ids == named
    assert extract(text, vocabulary).customer_ids == ()  # nobody to ask: never read


@pytest.mark.parametrize(
    "text",
    ["tell me about champions", "tell me about coffee", "tell me about last month",
     "tell me about the loyal segment", "tell me about sales this year",
     "tell me about candy & chocolate"],
)  # fmt: skip
def test_segments_categories_and_periods_are_never_names(text: str, vocabulary: Vocabulary) -> None:
    known = Vocabulary(vocabulary.segments, vocabulary.id_width, ("Candy & chocolate", "Coffee"))
    assert extract(text, known, _anything).customer_ids == ()


def test_only_a_role_that_sees_names_has_them_read(known_router: Router) -> None:
    route = known_router.route("tell me about ada lovelace", Memory(), "support")
    assert (route.tool, route.args) == ("customer_profile", {"customer_id": "ada lovelace"})
    marketer = known_router.route("tell me about ada lovelace", Memory(), "marketer")
    assert "customer_id" not in marketer.args
    champions = known_router.route("tell me about champions", Memory(), "operator")
    assert (champions.tool, champions.args) == ("segment_summary", {"segment": "champions"})
