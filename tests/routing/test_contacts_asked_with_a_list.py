"""A marketer who asks for a list of customers and their contacts ("who are our top 5
customers? i need their emails") gets the list and a note that marketers do not see contact
details, so the answer never seems to promise them; a role that sees contacts gets no note,
and a question only about contacts is still refused."""

import pytest

from assistant.roles import CONTACTS_REFUSAL, Role
from assistant.routing import Memory, Router
from assistant.routing.rules import CONTACTS_NOTE

ASKED = "who are our top 5 customers? i need their emails"


def test_a_marketer_gets_the_list_with_a_note(minilm_router: Router) -> None:
    route = minilm_router.route(ASKED, Memory(), "marketer")
    assert route.kind == "tool" and route.args.get("limit") == 5
    assert route.reason == CONTACTS_NOTE


@pytest.mark.parametrize("role", ["operator", "support"])
def test_a_role_that_sees_contacts_gets_no_note(role: Role, minilm_router: Router) -> None:
    assert CONTACTS_NOTE not in minilm_router.route(ASKED, Memory(), role).reason


def test_an_email_offer_is_no_ask_for_contacts(minilm_router: Router) -> None:
    route = minilm_router.route("top spenders for an email campaign", Memory(), "marketer")
    assert CONTACTS_NOTE not in route.reason


def test_contacts_alone_are_still_refused(minilm_router: Router) -> None:
    route = minilm_router.route("what is their email", Memory(), "marketer")
    assert (route.kind, route.reason) == ("refuse", CONTACTS_REFUSAL)
