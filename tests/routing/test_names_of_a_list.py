"""A marketer asking for the names of a group ("the names of the champions", "names of the
at-risk customers") asks for people's names, which marketers do not see: refused as contacts are.
The names of segments, products or categories are no person's."""

import pytest

from assistant.roles import CONTACTS_REFUSAL
from assistant.routing import Memory, Router
from assistant.routing.rules import asks_for_contacts

AT_RISK = Memory().after(
    "at_risk_customers", {}, {"rows": [{"customer_id": "00001"}, {"customer_id": "00002"}]}
)


@pytest.mark.parametrize(
    "text",
    [
        "what are the names of the champions",
        "names of the at-risk customers",
        "list the names of our best customers",
        "names of them",
    ],
)
def test_names_of_people_are_contacts(text: str) -> None:
    assert asks_for_contacts(text)


@pytest.mark.parametrize(
    "text",
    [
        "what are the names of the segments",
        "names of the top products",
        "names of the champions segment",
        "the product names please",
        "what are the category names please",
        "what are the names of these products?",
        "names of those categories",
        "names please",
    ],
)
def test_names_of_other_things_are_not(text: str) -> None:
    assert not asks_for_contacts(text)


@pytest.mark.parametrize("memory", [Memory(), AT_RISK])
def test_a_marketer_asking_names_is_refused(memory: Memory, minilm_router: Router) -> None:
    for text in ("what are the names of the champions", "names of the at-risk customers"):
        route = minilm_router.route(text, memory, "marketer")
        assert (route.kind, route.reason) == ("refuse", CONTACTS_REFUSAL), text
