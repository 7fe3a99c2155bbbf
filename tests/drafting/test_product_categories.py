"""A product presented as one of a category it is not in is refused; the product named in the
facts is one of the favourite category when the last order has one; the worked examples tie a
product to a category only where that is true, and vary per customer.

Found with qwen-1.5b on the demo: "Your favourite Sauces & spices are waiting for you, like the
Grocery product B0000691JF from your last order", copied from a worked example that did the same.
"""

import json
from datetime import date
from pathlib import Path

import pytest

from assistant.drafting import (
    Catalogue,
    OfferFacts,
    OfferPolicy,
    Product,
    catalogue,
    draft_offer,
    gather_offer_facts,
    verify,
)
from assistant.drafting.examples import (
    MORE_EMAIL_EXAMPLES,
    WorkedExample,
    addressed_to,
    examples_for,
    with_example,
)
from assistant.drafting.revise import revision_problems
from prompts import load_template
from tests.drafting.factories import offer_facts
from tests.drafting.fake import ScriptedModel
from tests.drafting.store import make_store

POLICY = OfferPolicy()
# Titles that read like another category than the one the store files them under: the check
# must go by the store's word, not the title's.
GROCERY = Product("B0000691JF", "Grocery product B0000691JF", "Grocery")
SAUCE = Product("B000SAUCE1", "Grocery product B000SAUCE1", "Sauces & spices")
SHELF = Catalogue(
    {GROCERY.product_id: GROCERY.title, SAUCE.product_id: SAUCE.title},
    ("Coffee", "Grocery", "Sauces & spices"),
    {GROCERY.product_id: "Grocery", SAUCE.product_id: "Sauces & spices"},
)
FACTS = offer_facts(favourite_category="Sauces & spices", last_order_products=(GROCERY, SAUCE))
GROUNDING = FACTS.grounding(POLICY, SHELF)


@pytest.mark.parametrize(
    "text",
    [
        "Your favourite Sauces & spices are waiting for you, like the Grocery product B0000691JF "
        "from your last order.",
        "Stock up on sauces and spices such as the Grocery product B0000691JF.",
        "More Sauces & spices, including the Grocery product B0000691JF, are 15% off.",
        "Enjoy the Grocery product B0000691JF, one of your favourite Sauces & spices.",
        "Try the Grocery product B0000691JF and other Sauces & spices.",
        # As the 1.5B model wrote it, the category in the plural.
        "Your favourite Coffees are waiting, like the Grocery product B0000691JF.",
    ],
)
def test_a_product_presented_as_one_of_another_category_is_refused(text: str) -> None:
    violations = verify(text, GROUNDING, POLICY)
    # Coffee is not Ada's favourite either: its plural names it (test_plural_categories.py).
    invented = [("invented_product", "Coffees")] if "Coffees" in text else []
    assert [(v.kind, v.text) for v in violations] == [
        *invented,
        ("wrong_category", "Grocery product B0000691JF"),
    ]
    named = "Coffee" if "Coffees" in text else "Sauces & spices"  # the store's spelling
    assert f"is presented as one of the {named}, but" in violations[-1].message


@pytest.mark.parametrize(
    "text",
    [
        # The product is of that category, though its title's words say Grocery.
        "Your favourite Sauces & spices are waiting for you, like the Grocery product B000SAUCE1 "
        "from your last order.",
        # A product in a sentence of its own, or beside the category without making it one.
        "Your favourite Sauces & spices are waiting. We hope you enjoyed the Grocery product "
        "B0000691JF from your last order.",
        "Since you love Sauces & spices, you might like the Grocery product B0000691JF.",
        "Enjoy the Grocery product B0000691JF from your last order.",
        "Try the Grocery product B000SAUCE1, one of your favourite Sauces & spices.",
    ],
)
def test_honest_pairings_pass(text: str) -> None:
    assert verify(text, GROUNDING, POLICY) == []


def test_a_pairing_with_the_favourite_category_in_the_plural_passes() -> None:
    facts = offer_facts(favourite_category="Grocery", last_order_products=(GROCERY,))
    text = "Your favourite Groceries are waiting, like the Grocery product B0000691JF."
    assert verify(text, facts.grounding(POLICY, SHELF), POLICY) == []


def test_a_product_the_store_files_under_no_category_is_not_judged() -> None:
    facts = offer_facts(favourite_category="Sauces & spices", last_order_products=(GROCERY,))
    plain = Catalogue({GROCERY.product_id: GROCERY.title}, ("Grocery", "Sauces & spices"))
    unfiled = facts.grounding(POLICY, plain)
    text = "Your favourite Sauces & spices, like the Grocery product B0000691JF, are 15% off."
    assert [v.kind for v in verify(text, unfiled, POLICY)] == ["wrong_category"]  # the fact's
    bare = offer_facts(
        favourite_category="Sauces & spices",
        last_order_products=(Product(GROCERY.product_id, GROCERY.title),),
    )
    assert verify(text, bare.grounding(POLICY, plain), POLICY) == []


def test_the_retry_names_the_product_in_a_sentence_of_its_own() -> None:
    tied = "Your favourite Sauces & spices are waiting, like the Grocery product B0000691JF."
    apart = "We hope you enjoyed the Grocery product B0000691JF."
    email = "Subject: 15% off for you\nHi Ada,\n{} Take 15% off until May 1, 2026.\nThe team"
    model = ScriptedModel(email.format(tied), email.format(apart))
    result = draft_offer(FACTS, model, POLICY, SHELF)
    assert [v.kind for v in result.violations] == ["wrong_category"]
    assert result.path == "retry"
    retry = model.prompts[1][-1]["content"]
    assert "sentence of its own" in retry and "never as one of a category" in retry
    problems = revision_problems(result.violations, "offer_email", result.facts)
    assert problems[0].startswith("'Grocery product B0000691JF' is presented as one of the")


def test_the_product_named_is_of_the_favourite_category_first(
    retain_home: Path, tmp_path: Path
) -> None:
    workspace = make_store(retain_home, tmp_path, tea_first=True)
    facts = gather_offer_facts(workspace, "c1", POLICY, 15, today=date(2026, 4, 17))
    assert facts.favourite_category == "Coffee"
    assert [p.category for p in facts.last_order_products] == ["Coffee", "Tea"]
    assert facts.prompt_facts(POLICY)["last_order_products"] == ["Coffee product B000EYLDYE"]
    # The catalogue files every product, so a recommended one is judged too.
    assert catalogue(workspace).product_categories["B0000691JF"] == "Tea"


def _example_values(example_facts: str) -> dict[str, object]:
    pairs = (line.split(":", 1) for line in example_facts.splitlines() if line.strip())
    return {name.strip(): value.strip() for name, value in pairs}


@pytest.mark.parametrize("number", range(len(examples_for(load_template("offer_email")))))
def test_every_worked_example_is_honest(number: int) -> None:
    example = examples_for(load_template("offer_email"))[number]
    values = _example_values(example.facts)
    favourite = json.loads(str(values["favourite_category"]))
    title = json.loads(str(values["last_order_products"]))[0]
    own = OfferFacts(
        "x",
        "email",
        10,
        date(2026, 5, 1),
        json.loads(str(values["customer_name"])),
        favourite,
        last_order_products=(Product("B0EXAMPLE", title, example.product_category),),
        gone_quiet=False,  # the examples say nothing of absence
    )
    answer = example.answer.replace("{discount_pct}", "10")
    shelf = Catalogue({}, (favourite, example.product_category, "Other"))
    assert verify(answer, own.grounding(POLICY, shelf), POLICY) == []
    assert (example.product_category == favourite) == example.ties_product_to_category
    # Had its product been of another category, only an example that ties them would be wrong.
    moved = OfferFacts(
        "x",
        "email",
        10,
        date(2026, 5, 1),
        own.customer_name,
        favourite,
        last_order_products=(Product("B0EXAMPLE", title, "Other"),),
        gone_quiet=False,
    )
    kinds = [v.kind for v in verify(answer, moved.grounding(POLICY, shelf), POLICY)]
    assert kinds == (["wrong_category"] if example.ties_product_to_category else [])


def test_an_example_that_ties_is_shown_only_where_the_tie_is_true() -> None:
    template = load_template("offer_email")
    examples = [addressed_to(e, "Ada") for e in examples_for(template)]  # as Ada is shown them
    tying = [e for e in examples if e.ties_product_to_category]
    assert tying and len(examples) > len(tying) >= 1
    facts = offer_facts(favourite_category="Sauces & spices", last_order_products=(GROCERY,))
    for i in range(200):  # no customer whose product is a Grocery one gets a tying example
        shown = with_example(template, OfferFacts(**{**vars(facts), "customer_id": str(i)}), {})
        assert all(e.answer != shown.example_answer for e in tying)
    # A customer whose product is a Sauces & spices one may get one: which, by their id.
    honest = offer_facts(favourite_category="Sauces & spices", last_order_products=(SAUCE,))
    answers = {
        with_example(
            template, OfferFacts(**{**vars(honest), "customer_id": str(i)}), {}
        ).example_answer
        for i in range(200)
    }
    assert answers == {e.answer for e in examples}
    # The recommended product counts too, by the catalogue when its facts carry no category.
    plain = Product(GROCERY.product_id, GROCERY.title)
    mixed = offer_facts(
        favourite_category="Sauces & spices",
        last_order_products=(SAUCE,),
        recommended_products=(plain,),
    )
    filed = {GROCERY.product_id: "Grocery"}
    assert all(
        with_example(
            template, OfferFacts(**{**vars(mixed), "customer_id": str(i)}), filed
        ).example_answer
        != tying[0].answer
        for i in range(200)
    )


def test_the_same_customer_always_gets_the_same_example() -> None:
    template = load_template("offer_email")
    facts = offer_facts(favourite_category="Sauces & spices", last_order_products=(SAUCE,))
    first = with_example(template, facts, {})
    assert all(with_example(template, facts, {}) == first for _ in range(5))


@pytest.mark.parametrize("example", examples_for(load_template("offer_email")))
def test_no_subject_line_names_an_example_category(example: WorkedExample) -> None:
    # qwen-1.5b kept "More Honey for you, Lena" as "More Honey for you, <name>": copied_example.
    values = _example_values(example.facts)
    subject = example.answer.splitlines()[0].lower()
    for category in (json.loads(str(values["favourite_category"])), example.product_category):
        assert category.lower() not in subject


def test_the_added_examples_name_their_favourite_category_in_the_singular() -> None:
    # With a "Jams" example the model twice wrote "Groceries product ..." for "Grocery product".
    for example in MORE_EMAIL_EXAMPLES:
        favourite = json.loads(str(_example_values(example.facts)["favourite_category"]))
        assert not favourite.endswith("s"), favourite
