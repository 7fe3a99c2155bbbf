"""The worked example an offer email is shown: one of a few, picked per customer.

A 1.5B model copies its worked example's shape sentence for sentence, so with one example every
offer opened alike ("Your favourite X are waiting for you, like the ..."), and where the example
tied its category to a product of another one, every offer tied the customer's favourite
category to whatever product their facts named (pairings.py now refuses that). So:

- every example is honest: a product is named in a sentence of its own, or as one of the
  favourite category only where the example's own product is of it;
- an example that ties the favourite category to a product is shown only to a customer whose
  products in the prompt are all filed under their favourite category (gather.py puts those
  first), so copying its shape stays true;
- an example writes its category only where the customer's own goes, never in its subject
  ("More Honey for you, Lena" came back as "More Honey for you, <name>"), and the examples
  added here name it in the singular, as a store files it (with a "Jams" example the model
  twice wrote "Groceries product ..." for the title "Grocery product ...");
- no example's category is a word of its product's title: shown "stock up on Honey, like the
  Honey product ...", the model put its own title's first word where the category goes ("stock
  up on Vinegar, like the Vinegar product ..." to a Sauces & spices buyer; categories.py
  refuses it), so the tying example is a Dairy one named by a Cheese product;
- among the examples a customer may see, one is picked by their id, so the same facts always
  get the same prompt (drafts are greedy and repeatable) while customers get different shapes;
- the example greets the customer by their own name, or "Hi there" without one: shown "Hi
  Priya", the model greeted a customer as Priya twice, both drafts were refused and the
  standard text came back after 437 s. A name copied from the example is now the right one.

The template's own example (prompts/templates/offer_email.txt) is the first; the others are
written here in the same `name: JSON value` form. Their other values (categories, B0EXAMPLE
ids) are none of a real store's, so a copy is caught as `copied_example` or `invented_product`.
"""

import re
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, replace

from assistant.drafting.facts import OfferFacts
from prompts import Template


@dataclass(frozen=True)
class WorkedExample:
    """One example's facts (a template's `## example facts` lines) and its answer."""

    facts: str
    answer: str
    # The category the example's product is filed under: the example may present the product
    # as one of its favourite category only when this is that category.
    product_category: str
    ties_product_to_category: bool = False


# The example's `customer_name` line, whose name the answer greets ("Hi Sam,") and may address
# ("Ready for a refill, Lena?").
EXAMPLE_NAME = re.compile(r'^customer_name: "([^"]+)"\n?', re.MULTILINE)
# The template's own example names "Relish product B0EXAMPLE1", a Relish, beside Seafood.
TEMPLATE_PRODUCT_CATEGORY = {"offer_email": "Relish"}
MORE_EMAIL_EXAMPLES = (
    WorkedExample(
        facts="\n".join(
            [
                "discount_pct: {discount_pct}",
                'offer_expires: "May 1, 2026"',
                'sign_off: "The team"',
                'customer_name: "Lena"',
                'favourite_category: "Dairy"',
                'last_order_products: ["Cheese product B0EXAMPLE2"]',
            ]
        ),
        answer="\n".join(
            [
                "Subject: Ready for a refill, Lena?",
                "Hi Lena,",
                "Time to stock up on Dairy, like the Cheese product B0EXAMPLE2 from your last "
                "order. Take {discount_pct}% off your next order until May 1, 2026.",
                "The team",
            ]
        ),
        product_category="Dairy",
        ties_product_to_category=True,
    ),
    WorkedExample(
        facts="\n".join(
            [
                "discount_pct: {discount_pct}",
                'offer_expires: "May 1, 2026"',
                'sign_off: "The team"',
                'customer_name: "Priya"',
                'favourite_category: "Jam"',
                'last_order_products: ["Marmalade product B0EXAMPLE3"]',
            ]
        ),
        answer="\n".join(
            [
                "Subject: A thank-you from us",
                "Hi Priya,",
                "Thank you for shopping with us. Here is {discount_pct}% off your next order, "
                "valid until May 1, 2026, for your favourite Jam or anything else you fancy. "
                "We hope you enjoyed the Marmalade product B0EXAMPLE3.",
                "The team",
            ]
        ),
        product_category="Marmalade",
    ),
)


def examples_for(template: Template) -> tuple[WorkedExample, ...]:
    """Every worked example of an offer template, its own first; just its own for others."""
    own = WorkedExample(
        template.example_facts,
        template.example_answer,
        TEMPLATE_PRODUCT_CATEGORY.get(template.name, ""),
    )
    return (own, *MORE_EMAIL_EXAMPLES) if template.name == "offer_email" else (own,)


def with_example(template: Template, facts: OfferFacts, filed: Mapping[str, str]) -> Template:
    """`template` with the worked example for this customer (see the module docstring).
    `filed`: product id -> category, for products whose facts do not carry one."""
    if not template.example_answer:
        return template
    shown = facts.shown_products()
    ties_true = bool(shown and facts.favourite_category) and all(
        (p.category or filed.get(p.product_id)) == facts.favourite_category for p in shown
    )
    eligible = [e for e in examples_for(template) if ties_true or not e.ties_product_to_category]
    chosen = eligible[zlib.crc32(facts.customer_id.encode()) % len(eligible)]
    picked = addressed_to(chosen, facts.customer_name)
    return replace(template, example_facts=picked.facts, example_answer=picked.answer)


def addressed_to(example: WorkedExample, name: str | None) -> WorkedExample:
    """`example` written to `name`, or to no one by name ("Hi there,", no customer_name line),
    so that the example's name, copied, is the customer's own (see the module docstring)."""
    found = EXAMPLE_NAME.search(example.facts)
    if found is None:
        return example
    own = found.group(1)
    if name:
        facts = example.facts.replace(found.group(0), found.group(0).replace(own, name))
        return replace(
            example,
            facts=facts,
            answer=re.sub(rf"\b{re.escape(own)}\b", lambda _: name, example.answer),
        )
    answer = example.answer.replace(f"Hi {own},", "Hi there,").replace(f", {own}", "")
    return replace(example, facts=EXAMPLE_NAME.sub("", example.facts), answer=answer)
