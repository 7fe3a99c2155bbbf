"""What a person cannot see is not read: a zero-width space or soft hyphen pasted inside an id,
or a terminal's colour codes around a message, never change which customer is meant."""

import pytest

from assistant.routing import Memory, Router
from assistant.routing.reading import visible


@pytest.mark.parametrize(
    ("typed", "seen"),
    [
        ("customer 4\u200b2", "customer 42"),  # zero-width space
        ("customer 4\u00ad2", "customer 42"),  # soft hyphen
        ("customer \u200e42\u200f", "customer 42"),  # direction marks
        ("\x1b[31mcustomer 42\x1b[0m", " customer 42 "),  # colour codes
        ("customer\x0042", "customer 42"),  # a NUL is a space
        ("line one\nline two\tend", "line one\nline two\tend"),  # spaces stay as typed
        ("caf\u00e9 \U0001f600", "caf\u00e9 \U0001f600"),  # letters and emoji stay
    ],
)
def test_only_what_is_seen_is_read(typed: str, seen: str) -> None:
    assert visible(typed) == seen


@pytest.mark.parametrize("typed", ["customer 4\u200b2", "customer 4\u00ad2", "\x1b[1mcustomer 42"])
def test_an_id_with_unseen_characters_is_the_id_seen(minilm_router: Router, typed: str) -> None:
    route = minilm_router.route(typed, Memory(), "support")
    assert (route.tool, route.args) == ("customer_profile", {"customer_id": "00042"})
