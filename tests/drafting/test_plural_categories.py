"""A store category written in the plural is that category: refused where the facts lack it,
passed where they hold it.

Found with qwen-1.5b on the demo: "Groceries" and "Pantries" for the store's Grocery and Pantry
passed the check that refuses "Grocery" to a customer whose facts do not hold it, while "buy
Groceries" to a customer whose favourite is Grocery was refused as a category of its own.
"""

import pytest

from assistant.drafting import Catalogue, OfferPolicy, verify
from tests.drafting.factories import offer_facts

POLICY = OfferPolicy()
SHELF = Catalogue({}, ("Coffee", "Grocery", "Pantry", "Pet food", "Tea"))
COFFEE_BUYER = offer_facts(favourite_category="Coffee").grounding(POLICY, SHELF)
GROCERY_BUYER = offer_facts(favourite_category="Grocery").grounding(POLICY, SHELF)


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("Stock up on Groceries this spring.", "Groceries"),
        ("Fill your Pantries this spring.", "Pantries"),
        ("We have pet foods too.", "pet foods"),  # several words: a category in any case
        ("You often buy teas from us.", "teas"),  # right after a buying verb
    ],
)
def test_the_plural_of_a_category_the_facts_lack_is_refused(text: str, named: str) -> None:
    violations = verify(text, COFFEE_BUYER, POLICY)
    assert [(v.kind, v.text) for v in violations] == [("invented_product", named)]
    assert f"'{named}' is not a category in the facts" in violations[0].message


@pytest.mark.parametrize(
    "text",
    [
        "Your favourite Groceries are waiting for you.",
        "You often buy Groceries from us.",
        "Buy more groceries and pantry staples this spring.",
    ],
)
def test_the_plural_of_the_customers_own_category_passes(text: str) -> None:
    assert verify(text, GROCERY_BUYER, POLICY) == []


def test_a_one_word_plural_in_lower_case_is_a_plain_word() -> None:
    # As "stock your pantry" is: a coffee buyer may be told to stock up on groceries.
    assert verify("Stock up on groceries for the week.", COFFEE_BUYER, POLICY) == []
