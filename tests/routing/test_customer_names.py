"""The router reads a customer's full name, capitalised, after words that ask for a person
("tell me about Ada Lovelace"), and leaves segments, months and topics alone."""

import pytest

from assistant.routing import Memory, Router, Vocabulary, extract


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("tell me about Ada Lovelace", ("Ada Lovelace",)),
        ("customer Grace Hopper", ("Grace Hopper",)),
        ("who is Mary Ann Smith", ("Mary Ann Smith",)),
        ("reviews by Ludwig van Beethoven", ("Ludwig van Beethoven",)),
        ("reviews about Green Tea", ()),  # a topic
        ("tell me about Can't Lose", ()),  # a segment
        ("tell me about March Sales", ()),  # a month
        ("tell me about ada lovelace", ()),  # names are read as written: capitalised
        ("customer 42 Ada Lovelace", ("00042",)),  # an id first
    ],
)
def test_the_router_reads_a_full_name(
    text: str, named: tuple[str, ...], vocabulary: Vocabulary
) -> None:
    assert extract(text, vocabulary).customer_ids == named


def test_a_name_is_a_profile(minilm_router: Router) -> None:
    route = minilm_router.route("tell me about Ada Lovelace", Memory(), "support")
    assert (route.tool, route.args) == ("customer_profile", {"customer_id": "Ada Lovelace"})
