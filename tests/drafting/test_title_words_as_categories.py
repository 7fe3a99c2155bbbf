"""A word of a product's title is not a category: "stock up on Vinegar" is refused where the
store files the Vinegar product under Sauces & spices; the favourite category, a plain word and
the title itself pass. No worked example shows a category that is its own product's title word.

Found with qwen-1.5b on the demo (bench.drafting, 20 customers): 3 first drafts read "Time to
stock up on Vinegar / Soup / Water, like the <that word> product B00...", copying an example
that read "stock up on Honey, like the Honey product B0EXAMPLE2".
"""

import json

import pytest

from assistant.drafting import Catalogue, OfferPolicy, Product, verify
from assistant.drafting.examples import WorkedExample, examples_for
from assistant.drafting.revise import revision_problems
from prompts import load_template
from tests.drafting.factories import offer_facts

POLICY = OfferPolicy()
VINEGAR = Product("B0044000E8", "Vinegar product B0044000E8", "Sauces & spices")
SHELF = Catalogue(
    {VINEGAR.product_id: VINEGAR.title},
    ("Coffee", "Sauces & spices"),
    {VINEGAR.product_id: "Sauces & spices"},
)
FACTS = offer_facts(favourite_category="Sauces & spices", last_order_products=(VINEGAR,))
GROUNDING = FACTS.grounding(POLICY, SHELF)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        # As qwen-1.5b wrote it.
        ("Time to stock up on Vinegar, like the Vinegar product B0044000E8 from your last order.",
         "Vinegar"),
        ("Stock up on Vinegar and enjoy 15% off.", "Vinegar"),
        # A word no fact holds at all, in the same place.
        ("Ada, it is time to stock up on Pickles.", "Pickles"),
        ("We are stocking up on Dog food for you.", "Dog food"),
    ],
)  # fmt: skip
def test_a_title_word_or_unknown_word_stocked_up_on_is_refused(text: str, word: str) -> None:
    found = [(v.kind, v.text) for v in verify(text, GROUNDING, POLICY)]
    assert found == [("invented_product", word)]


@pytest.mark.parametrize(
    "text",
    [
        "Time to stock up on Sauces & spices, like the Vinegar product B0044000E8 from your last "
        "order.",
        "Time to stock up on sauces and spices.",
        "Stock up on the Vinegar product B0044000E8 with 15% off.",
        "Stock up on your favourites with 15% off.",
        # A plain word in lower case names nothing the store files (categories.py).
        "Time to stock up on vinegar, like the Vinegar product B0044000E8 from your last order.",
    ],
)
def test_the_favourite_category_or_the_title_stocked_up_on_passes(text: str) -> None:
    assert verify(text, GROUNDING, POLICY) == []


@pytest.mark.parametrize("word", ["Chocolate", "Candy", "Chocolates"])
def test_a_word_of_the_favourite_category_stocked_up_on_passes(word: str) -> None:
    # qwen-1.5b wrote "a good time to stock up on Chocolate" to a Candy & chocolate buyer.
    facts = offer_facts(favourite_category="Candy & chocolate")
    grounding = facts.grounding(POLICY, Catalogue({}, ("Candy & chocolate", "Coffee")))
    assert verify(f"A good time to stock up on {word}.", grounding, POLICY) == []
    assert [v.text for v in verify("Stock up on Gum.", grounding, POLICY)] == ["Gum"]


def test_the_retry_names_the_favourite_category() -> None:
    text = "Time to stock up on Vinegar, like the Vinegar product B0044000E8."
    violations = verify(text, GROUNDING, POLICY)
    problems = revision_problems(violations, "offer_email", FACTS.prompt_facts(POLICY))
    assert "favourite_category 'Sauces & spices'" in " ".join(problems)


@pytest.mark.parametrize("example", examples_for(load_template("offer_email")))
def test_no_worked_example_names_its_product_titles_word_as_its_category(
    example: WorkedExample,
) -> None:
    facts = dict(line.split(":", 1) for line in example.facts.splitlines())
    favourite = str(json.loads(facts["favourite_category"])).lower()
    for title in json.loads(facts["last_order_products"]):
        assert favourite not in str(title).lower().split(), (favourite, title)
