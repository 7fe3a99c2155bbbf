"""No facts block holds a birthday, a holiday or a store-wide sale, so copy that names one made
it up: "Happy Birthday, Radia!" (a 1.5B model's subject line, signing for "Happy Brewing") is
refused, and so is every occasion and sales event below. A product or store whose name holds
such a word is the facts' own text, and passes."""

from dataclasses import replace

import pytest

from assistant.drafting import verify
from assistant.drafting.facts import Product
from assistant.drafting.occasions import invented_occasions
from assistant.drafting.revise import revision_problems
from tests.drafting.factories import CATALOGUE, POLICY, offer_facts

GROUNDING = offer_facts().grounding(POLICY, CATALOGUE)  # Ada, 15% off until May 1, 2026
HONEST = "Hi Ada,\nIt has been a while, and we miss you! Enjoy 15% off until May 1, 2026.\nThe team"


def kinds(text: str) -> list[tuple[str, str]]:
    return [(v.kind, v.text) for v in verify(text, GROUNDING, POLICY)]


def test_honest_copy_names_no_occasion() -> None:
    assert kinds(HONEST) == []


@pytest.mark.parametrize(
    ("line", "phrase"),
    [
        ("Subject: Happy Birthday, Ada!", "Birthday"),
        ("Subject: A birthday treat for you", "birthday"),
        ("Happy anniversary, Ada!", "anniversary"),
        ("Merry Christmas from all of us.", "Christmas"),
        ("A little Xmas gift for you.", "Xmas"),
        ("Happy Holidays!", "Holidays"),
        ("Just in time for the holiday season.", "the holiday season"),
        ("Happy New Year, Ada!", "New Year"),
        ("This Black Friday, enjoy more.", "Black Friday"),
        ("Our Cyber Monday deal is here.", "Cyber Monday"),
        ("Treat yourself this Valentine's Day.", "Valentine's Day"),
        ("A Mother\u2019s Day surprise.", "Mother's Day"),  # quotes made straight first
        ("Our summer sale is on.", "summer sale"),
        ("Don't miss our flash sale.", "flash sale"),
        ("Join our anniversary sale.", "anniversary sale"),
        ("Something festive for you.", "festive"),
        ("Celebrate your special day with us.", "your special day"),
    ],
)
def test_an_invented_occasion_is_refused(line: str, phrase: str) -> None:
    text = HONEST.replace("It has been a while", line + "\nIt has been a while")
    assert ("invented_occasion", phrase) in kinds(text)


def test_the_retry_asks_for_no_occasion() -> None:
    text = "Subject: Happy Birthday, Ada!\n" + HONEST
    violations = verify(text, GROUNDING, POLICY)
    [problem] = revision_problems(violations, "offer_email", offer_facts().prompt_facts(POLICY))
    assert problem == (
        "the draft names an occasion the facts do not hold. Write about the offer alone, and "
        "start with 'Subject: 15% off your next order'."
    )
    assert "irthday" not in problem  # named again, the word came back on the retry


def test_a_title_or_store_name_holding_such_a_word_is_the_facts_own_text() -> None:
    christmas = {**CATALOGUE, "B0XMASBLND": "Christmas Blend"}
    facts = offer_facts(last_order_products=(Product("B0XMASBLND", "Christmas Blend"),))
    grounding = facts.grounding(POLICY, christmas)
    text = HONEST.replace("Enjoy", "Your Christmas Blend is waiting. Enjoy")
    assert [v.kind for v in verify(text, grounding, POLICY)] == []
    store = replace(POLICY, store_name="Black Friday Books")
    signed = HONEST.replace("The team", "Black Friday Books")
    assert [v.kind for v in verify(signed, offer_facts().grounding(store, CATALOGUE), store)] == []


def test_plain_words_near_an_occasion_are_not_one() -> None:
    for text in ("a gift for your mother", "we saved you a seat", "a sale price", "Eiderdown"):
        assert invented_occasions(text) == []
