"""Products presented as one of a category they are not in: "Your favourite Sauces & spices are
waiting, like the Grocery product B0000691JF" when the store files that product under Grocery.

Found with qwen-1.5b on the demo, copying a worked example that tied a category to a product of
another one. Each word is true on its own (the category is the customer's favourite, the
product was in their last order), so no other check sees it; the claim is in the tie. What a
product is comes from the store (`Grounding.product_categories`), never from its title's words,
so "Grocery product ..." is not read as Grocery.

A tie is a category and a product title in one sentence, joined by words that make the product
an example of it:

- the category first, then "like", "such as", "including", "especially", "for example",
  "e.g." right before the title ("Sauces & spices, like the Grocery product ...");
- the title first, then "one of", "among", "from", "and other", "and more" before the category
  ("the Grocery product ..., one of your favourite Sauces & spices").

A tie passes when the product is filed under a category the sentence names there; a product
whose category the store does not say is not judged. "Like" as a verb ("you might like the
...") and a product in a sentence of its own pass.
"""

import re

from assistant.drafting.categories import spelled_category
from assistant.drafting.extract import mask
from assistant.drafting.grounding import Grounding
from assistant.drafting.violations import Violation

_SMALL = r"(?:the|our|your|a|an|this|that|some|more|other|recent|last)"
# What stands right before a title to make it an example of what came before it.
EXAMPLE_OF = re.compile(
    rf"(?i)(?:\blike|\bsuch[ \t]+as|\bincluding|\bespecially|\bnotably|\bfor[ \t]+example,?"
    rf"|\bfor[ \t]+instance,?|\be\.g\.,?)[ \t]+(?:{_SMALL}[ \t]+){{0,2}}$"
)
# "you might like the X", "you'd like the X": "like" as a verb says nothing of what X is.
LIKING = re.compile(
    r"(?i)(?:\b(?:you|we|i|they|to|might|may|will|would|could|should|also|really|just)|'d|'ll)"
    r"[ \t]+$"
)
# What stands right after a title to make it one of what follows.
ONE_OF = re.compile(
    rf"(?i)^[ \t]*,?[ \t]*(?:(?:is|was)[ \t]+)?(?:one[ \t]+of|among|from|and[ \t]+other"
    rf"|and[ \t]+more)[ \t]+(?:{_SMALL}[ \t]+)?(?:(?:favou?rite|usual)[ \t]+)?"
)
SENTENCE_END = re.compile(r"[.!?;:\n]")


def mislabelled_products(text: str, grounding: Grounding) -> list[Violation]:
    """Each product the draft presents as one of a category the store does not file it under;
    `text` is the normalised draft."""
    filed = grounding.product_categories
    titles = {t: pid for pid, t in (*grounding.catalogue.items(), *grounding.products.items()) if t}
    spans = _spans(text, titles)
    masked = text  # a category word inside a title ("Tea product ...") is the title's
    for start, end, _ in spans:
        masked = mask(masked, start, end)
    categories = {*grounding.categories, *filed.values()}
    found: dict[str, Violation] = {}
    for start, end, pid in spans:
        if pid not in filed:
            continue  # the store does not say what it is: nothing to hold the draft to
        head = masked[_sentence_start(masked, start) : start]
        tail = masked[end : _sentence_end(masked, end)]
        named: list[str] = []
        if (cue := EXAMPLE_OF.search(head)) and not (
            cue.group(0).lower().startswith("like") and LIKING.search(head[: cue.start()])
        ):
            named = _categories_in(head[: cue.start()], categories)
        elif cue := ONE_OF.match(tail):
            named = _categories_in(tail[cue.end() :], categories, at_start=True)
        if named and _plain(filed[pid]) not in {_plain(c) for c in named}:
            title = text[start:end]
            found.setdefault(
                title.lower(),
                Violation(
                    "wrong_category",
                    title,
                    f"'{title}' is presented as one of the {named[-1]}, but the store files "
                    "that product under another category",
                ),
            )
    return list(found.values())


def _spans(text: str, titles: dict[str, str]) -> list[tuple[int, int, str]]:
    """Where each title stands (whole words, any case), longest first where two overlap."""
    lowered = text.lower()
    taken: list[tuple[int, int, str]] = []
    for title in sorted(titles, key=len, reverse=True):
        if title.lower() not in lowered:
            continue  # the substring test first: a store has thousands of titles
        for match in re.finditer(rf"(?i)(?<!\w){re.escape(title)}(?!\w)", text):
            if not any(s < match.end() and match.start() < e for s, e, _ in taken):
                taken.append((match.start(), match.end(), titles[title]))
    return sorted(taken)


def _categories_in(text: str, categories: set[str], at_start: bool = False) -> list[str]:
    """The categories `text` names, in order, as written ("sauces and spices" for "Sauces &
    spices"); with `at_start`, only one that opens it."""
    found: list[tuple[int, str]] = []
    for category in categories:
        spelled = spelled_category(category)
        lead = r"^\s*" if at_start else r"(?<![\w&-])"
        found += [
            (m.start(), category) for m in re.finditer(rf"(?i){lead}{spelled}(?![\w&])", text)
        ]
    return [category for _, category in sorted(found)]


def _sentence_start(text: str, at: int) -> int:
    ends = [m.end() for m in SENTENCE_END.finditer(text, 0, at)]
    return ends[-1] if ends else 0


def _sentence_end(text: str, at: int) -> int:
    end = SENTENCE_END.search(text, at)
    return end.start() if end else len(text)


def _plain(text: str) -> str:
    return " ".join(text.lower().replace("&", " and ").split())
