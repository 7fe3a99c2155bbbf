"""What a draft says customers buy, held to the categories the facts hold: "some buy Dog food"
when the segment's categories are Coffee and Tea.

verify.py runs this on the draft with merchant text blanked (the facts' categories, catalogue
titles, the house's names), so what still stands after a buying verb, capitalised as a
category is, names something the facts do not. Lower-case words after the verb ("buy less
often", "shop with us") describe how, not what, and pass: a wrong refusal costs a retry, and
a category the store writes in lower case is not caught (the limit of this rule).
"""

import re

from assistant.drafting.grounding import Grounding
from assistant.drafting.violations import Violation

VERB = re.compile(
    r"\b(?:buy|buys|bought|buying|purchas(?:e|es|ed|ing)|order(?:s|ed|ing)?|shop(?:s|ped|ping)?"
    r"[ \t]+for|favou?r(?:s|ed|ing)?|prefer(?:s|red|ring)?)[ \t]+"
    r"(?:(?:mostly|mainly|also|often|usually|largely|chiefly|more|some|lots[ \t]+of"
    r"|a[ \t]+lot[ \t]+of|plenty[ \t]+of)[ \t]+)*"
)
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
    """Each capitalised thing bought that is not merchant text of the facts."""
    found: list[Violation] = []
    named = ", ".join(grounding.phrases) or "none"
    # "Sauces and spices" is the facts' "Sauces & spices" written out.
    known = {_plain(phrase) for phrase in grounding.phrases}
    for verb in VERB.finditer(masked):
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
            rest = " and ".join(i.strip() for i in items[at:])
            if any(_plain(rest).startswith(k) for k in known):
                continue
            words = match.group(0).split()
            if len(words) > 1 and words[-1].lower() in _NOT_PART:
                words = words[:1]
            phrase = " ".join(words)
            found.append(
                Violation(
                    "invented_product",
                    phrase,
                    f"'{phrase}' is not a category in the facts (merchant words the facts hold: "
                    f"{named})",
                )
            )
    return found


def _plain(text: str) -> str:
    return " ".join(text.lower().replace("&", " and ").split())
