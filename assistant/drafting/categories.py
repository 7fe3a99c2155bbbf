"""Categories a draft names that its facts do not hold: "some buy Dog food" when the segment's
categories are Coffee and Tea, "perfect with coffee and tea" to a customer whose favourite is
Coffee.

verify.py runs this on the draft with merchant text blanked (the facts' categories, catalogue
titles, the house's names), so two things still standing name something the facts do not:

- one of the store's categories (the catalogue's), in the singular or the plural ("Pantries"
  names the store's Pantry as much as "Pantry" does, and the plural of a category the facts
  hold is that category), written as the store writes it, of several words in any case, or
  right after a buying verb; each item of a list on its own ("Coffee and Tea": Coffee is
  blanked, Tea is not). A category is the store's own word for what it sells, so a customer
  reading it takes it for their taste or the offer's scope. A one-word category in lower case
  elsewhere ("stock your pantry", "with a cup of tea") is read as the plain word it also is:
  refusing it would cost a retry on honest copy;
- a capitalised phrase after a buying verb ("buy Dog food", "Buy Coffee and Tea", "stock up on
  Vinegar"), which may be a category the store does not sell, or a word of a product's title
  written as one: qwen-1.5b wrote "Time to stock up on Vinegar, like the Vinegar product ..."
  to a customer whose favourite is Sauces & spices, where the store has no Vinegar to stock up
  on (the title is blanked; its word alone is not). Lower-case words after the verb ("buy less
  often", "shop with us", "stock up on vinegar") describe how, or name a plain thing, and pass;
  so does a store's one-word category in lower case after "stock up on" ("groceries").
"""

import re

from assistant.drafting.grounding import Grounding
from assistant.drafting.violations import Violation

VERB = re.compile(
    r"(?i)\b(?:buy|buys|bought|buying|purchas(?:e|es|ed|ing)|order(?:s|ed|ing)?|shop(?:s|ped|ping)?"
    r"[ \t]+for|favou?r(?:s|ed|ing)?|prefer(?:s|red|ring)?)[ \t]+"
    r"(?:(?:mostly|mainly|also|often|usually|largely|chiefly|more|some|lots[ \t]+of"
    r"|a[ \t]+lot[ \t]+of|plenty[ \t]+of)[ \t]+)*"
)
# "Stock up on" names what is bought too, but only its capitalised things are read: a store's
# category in lower case after it is a plain word ("stock up on groceries for the week").
STOCK_UP = re.compile(r"(?i)\bstock(?:s|ed|ing)?[ \t]+up[ \t]+on[ \t]+(?:(?:more|some)[ \t]+)?")
# What is bought: the rest of the verb's line up to a sentence's end ("your next order\nHi
# there" is a new line, not a thing bought), as a list ("Tea, Coffee and Pet food").
BOUGHT_LIST = re.compile(r"[^.;:!?\n]*")
ITEM_SEPARATOR = re.compile(r",|[ \t]+(?:and|or)[ \t]+")
LEADING_JOIN = re.compile(r"^[ \t]*(?:(?:and|or)[ \t]+)?")
# A capitalised phrase: its first word, and a lower-case word after it ("Dog food").
CAPITALISED = re.compile(r"[A-Z][\w&'-]*(?:[ \t]+(?:&[ \t]+)?[a-z][\w'-]*)?")
# Lower-case words that end a category's phrase rather than belong to it ("Tea and ...").
_NOT_PART = {"and", "or", "but", "too", "as", "with", "from", "in", "on", "at", "for", "to"}


def invented_categories(masked: str, grounding: Grounding) -> list[Violation]:
    """Each category of the store, and each capitalised thing bought, that is not merchant
    text of the facts; a phrase once."""
    named = ", ".join(grounding.phrases) or "none"
    # "Sauces and spices" is the facts' "Sauces & spices" written out.
    known = {_plain(phrase) for phrase in grounding.phrases}
    found: dict[str, Violation] = {}
    for phrase in [*_store_categories(masked, grounding, known), *_bought(masked, known)]:
        if any(_plain(phrase).startswith(said) for said in found):
            continue  # "Grocery items" after the store's "Grocery": one phrase, said once
        found.setdefault(
            _plain(phrase),
            Violation(
                "invented_product",
                phrase,
                f"'{phrase}' is not a category in the facts (merchant words the facts hold: "
                f"{named})",
            ),
        )
    return list(found.values())


def _store_categories(masked: str, grounding: Grounding, known: set[str]) -> list[str]:
    """The store's categories the facts lack, as the draft writes them, in order: written as
    the store writes them (capitalised), of several words in any case ("pet food"), or bought
    ("buys tea"). A one-word category in lower case elsewhere is a plain word: "stock your
    pantry" or "a cup of tea" to a coffee buyer says nothing of what they buy."""
    bought_from = {verb.end() for verb in VERB.finditer(masked)}
    found: list[tuple[int, str]] = []
    for category in grounding.categories:
        if _plain(category) in known:
            continue
        pattern = re.compile(rf"(?i)(?<![\w&-]){spelled_category(category)}(?![\w&])")
        for match in pattern.finditer(masked):
            written = match.group(0)
            if written[0].isupper() or " " in category or match.start() in bought_from:
                found.append((match.start(), written))
    return [phrase for _, phrase in sorted(found)]


def _bought(masked: str, known: set[str]) -> list[str]:
    """Each capitalised thing bought that is not merchant text of the facts."""
    found: list[str] = []
    for verb in [*VERB.finditer(masked), *STOCK_UP.finditer(masked)]:
        # BOUGHT_LIST matches the empty line's rest too, so there is always a match.
        listed = BOUGHT_LIST.match(masked, verb.end())
        rest = listed.group(0) if listed else ""
        # The facts' own categories are blanked: what stands between them is the list's joins.
        items = [LEADING_JOIN.sub("", i) for i in ITEM_SEPARATOR.split(rest)]
        for at, item in enumerate(items):
            if not item.strip():
                continue  # a category of the facts, blanked
            match = CAPITALISED.match(item.strip())
            if match is None:
                break  # "buy less often", "and they love it": how, not what; the list ends
            rest = _plain(" and ".join(i.strip() for i in items[at:]))
            if any(re.match(spelled_category(k), rest) for k in known):
                continue
            words = match.group(0).split()
            if len(words) > 1 and words[-1].lower() in _NOT_PART:
                words = words[:1]
            if _part_of_known(" ".join(words), known):
                continue
            found.append(" ".join(words))
    return found


def _part_of_known(phrase: str, known: set[str]) -> bool:
    """True when `phrase` is one word of a category the facts hold: "stock up on Chocolate" to
    a customer whose favourite is Candy & chocolate names part of it (qwen-1.5b wrote that;
    refused, its retry wrote "Candy", and the offer fell back)."""
    parts = {word for k in known if " " in k for word in k.split() if word not in _NOT_PART}
    return any(re.fullmatch(rf"(?i){spelled_category(part)}", phrase) for part in parts)


def spelled_category(category: str) -> str:
    """A pattern for a category as a draft may write it: "and" for "&", and its last word in
    the plural too ("Groceries" for Grocery, "Pet foods"). The plural names the same category:
    a customer reads "Pantries" as the store's Pantry just as they read "Pantry"."""
    *head, last = category.split()
    words = [r"(?:&|and)" if w == "&" else re.escape(w) for w in head]
    if re.search(r"(?i)[^aeiou]y$", last):
        words.append(re.escape(last[:-1]) + "(?:y|ies)")
    else:
        words.append(re.escape(last) + ("" if last.lower().endswith("s") else "(?:s|es)?"))
    return r"\s+".join(words)


def _plain(text: str) -> str:
    return " ".join(text.lower().replace("&", " and ").split())
