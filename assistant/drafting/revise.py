"""What the retry is told: each problem of the rejected draft, and what to write instead.

A small model given only "fix these problems" rewrites the same draft; told the allowed value
("the only date you may write is May 1, 2026"), it writes that value. The allowed values come
from the facts the prompt showed, never from the draft, so the retry cannot be talked into
anything the first prompt did not allow.
"""

import re
from collections.abc import Mapping, Sequence

from assistant.drafting.verify import Violation, ViolationKind
from prompts import FactValue

SHAPES = {
    "offer_email": "a subject line, the greeting, two or three short sentences and the sign-off",
    "offer_sms": "one or two short sentences on one line",
    "segment_summary": "three to five plain sentences",
}


def revision_problems(
    violations: Sequence[Violation],
    template: str,
    facts: Mapping[str, FactValue],
    max_chars: int | None = None,
    example_facts: Mapping[str, FactValue] | None = None,
) -> list[str]:
    """One line per problem: the verifier's reason, then the fix, named with allowed values.

    A value copied from the prompt's example (`example_facts`) is answered with this
    customer's own value of the same fact. The same fix is said once, however often needed.
    """
    fixes = _fixes(template, facts, max_chars)
    borrowed = _words(example_facts or {}) - _words(facts)
    lines: list[str] = []
    said: set[str] = set()
    for violation in violations:
        fix = fixes.get(violation.kind, "")
        reason = f"{violation.message}."
        # Naming a copied word again primes the model to write it again (bench/drafting.py saw
        # retries copy more of the example): such a problem names only the customer's value.
        if violation.kind == "copied_example":
            fix = _own_value(violation.text, facts, example_facts or {}) or fix
        if _words({"": violation.text}) & borrowed:
            reason = "The draft took words from the example instead of this customer's facts."
        line = reason + (f" {fix}" if fix and fix not in said else "")
        said.add(fix)
        if line not in lines:
            lines.append(line)
    return lines


def _fixes(
    template: str, facts: Mapping[str, FactValue], max_chars: int | None
) -> dict[ViolationKind, str]:
    shape = SHAPES.get(template, "the whole text")
    name = facts.get("customer_name")
    # Single quotes: the problems reach the model JSON-quoted, where a '"' would be escaped.
    greeting = f"'Hi {name},'" if isinstance(name, str) and name else "'Hi there,'"
    sign_off = facts.get("sign_off")
    ending = f" and end with '{sign_off}'" if isinstance(sign_off, str) and sign_off else ""
    discount = facts.get("discount_pct")
    expires = facts.get("offer_expires")
    products = [*_titles(facts.get("last_order_products")),
                *_titles(facts.get("recommended_products"))]  # fmt: skip
    if discount is not None:
        numbers = f"The only number you may write is '{discount}% off'."
        promise = f"Offer only {discount}% off" + _perks(facts.get("perks")) + "."
    else:
        numbers = "Write each number exactly as the facts give it, and no other number."
        promise = "Suggest no perks: no free shipping, gifts or guarantees."
    return {
        "invented_number": numbers,
        "over_policy_discount": numbers,
        "invented_date": (
            f"The only date you may write is '{expires}'."
            if isinstance(expires, str)
            else "Write no dates or deadlines."
        ),
        "invented_product": _product_fix(products, facts.get("favourite_category")),
        "wrong_category": _own_sentence(products),
        "unsupported_promise": promise,
        "placeholder": f"Write real words, never text in brackets: greet with {greeting}{ending}.",
        "copied_example": "Use only this customer's facts, not the example's.",
        "invented_occasion": _about_the_offer(template, discount),
        "invented_membership": "Name no membership, tier, club, status or points.",
        "invented_stock": "Say nothing about stock or how much is left.",
        "invented_absence": "Say nothing of missing them or of how long they have been away.",
        "invented_event": (
            "Say nothing else the customer did or that happened to them: no missed offers, "
            "carts, messages, complaints, problems, returns or visits. Write about the offer."
        ),
        "invented_review_claim": (
            "Say nothing of what customers say, write, review or complain about: describe the "
            "segment by its numbers and categories alone."
        ),
        "spend_as_past": (
            "avg_predicted_value is what each customer is expected to spend over the next year: "
            "write 'expected to spend' with it, never 'spend' or 'spent'."
        ),
        "discount_advice": "Suggest no discount or offer: describe the segment alone.",
        "wrong_name": f"Greet with {greeting}{ending}: no other name.",
        "invented_link": "Write no links and no e-mail addresses.",
        "too_long": f"Write at most {max_chars} characters." if max_chars else "Write less.",
        "repetition": "Say each thing once.",
        "prompt_echo": f"Write the copy itself, not the facts: {shape}.",
        "incomplete": f"Write the whole text: {shape}.",
        "empty": f"Write the whole text: {shape}.",
    }


def _about_the_offer(template: str, discount: FactValue) -> str:
    # "Happy Birthday" came back when the retry said "no birthday": the fix names what to write.
    if discount is None:
        return "Write about the facts alone."
    if template == "offer_email":
        subject = f"Subject: {discount}% off your next order"
        return f"Write about the offer alone, and start with '{subject}'."
    return f"Write about the offer alone: {discount}% off and when it ends."


def _own_sentence(products: list[str]) -> str:
    # A product named on its own is true whatever its category; the tie to one was not.
    example = f" ('We hope you enjoyed the {products[0]}.')" if products else ""
    return (
        f"Name a product in a sentence of its own{example}, never as one of a category: "
        "no 'like the' or 'such as' after a category."
    )


def _titles(value: FactValue) -> list[str]:
    return [str(title) for title in value] if isinstance(value, list | tuple) else []


def _product_fix(products: FactValue, category: FactValue) -> str:
    # Small models drop characters from long ids, and do it again when shown the title: the
    # sure fix is to write about the category instead; the titles are spelled out as well.
    if not isinstance(products, list | tuple) or not products:
        return "Name no products or codes."
    titles = " or ".join(f"'{title}'" for title in products)
    if isinstance(category, str) and category:
        return (
            f"Write no product code: mention their favourite_category '{category}' instead, "
            f"or copy a title letter for letter ({titles})."
        )
    return f"Name a product only by its exact title, letter for letter ({titles}), or name none."


def _own_value(
    copied: str, facts: Mapping[str, FactValue], example: Mapping[str, FactValue]
) -> str:
    """'Write Pantry (this customer's favourite_category) instead' for a copied 'Pickles'."""
    for name, value in example.items():
        items = value if isinstance(value, list | tuple) else [value]
        if any(isinstance(i, str) and i.lower() == copied.lower() for i in items):
            own = facts.get(name)
            if isinstance(own, list | tuple):
                own = " or ".join(f"'{item}'" for item in own) if own else None
            elif isinstance(own, str):
                own = f"'{own}'"
            if own:
                return f"This customer's {name} is {own}: write that instead."
            return f"This customer has no {name}: leave it out."
    return ""


def fact_texts(facts: Mapping[str, FactValue]) -> list[str]:
    """The text values of `facts` (names, dates, titles), lists flattened."""
    texts: list[str] = []
    for value in facts.values():
        if isinstance(value, str):
            texts.append(value)
        elif isinstance(value, list | tuple):
            texts += [str(item) for item in value]
    return texts


def _words(facts: Mapping[str, FactValue]) -> set[str]:
    """The words (3+ letters, lower case) of the text values in `facts`."""
    return {w for t in fact_texts(facts) for w in re.findall(r"[a-z0-9]{3,}", t.lower())}


def _perks(perks: FactValue) -> str:
    if isinstance(perks, list | tuple) and perks:
        return " and " + " and ".join(str(p) for p in perks) + ", and promise nothing else"
    return ", and promise nothing else"
