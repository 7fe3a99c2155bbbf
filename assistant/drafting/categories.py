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

BOUGHT = re.compile(
    r"\b(?:buy|buys|bought|buying|purchas(?:e|es|ed|ing)|order(?:s|ed|ing)?|shop(?:s|ped|ping)?"
    r"[ \t]+for|favou?r(?:s|ed|ing)?|prefer(?:s|red|ring)?)[ \t]+"
    r"(?:(?:mostly|mainly|also|often|usually|largely|chiefly|more|some|lots[ \t]+of"
    r"|a[ \t]+lot[ \t]+of|plenty[ \t]+of)[ \t]+)*"
    # A capitalised phrase on the verb's line: its first word, and a lower-case word after it
    # ("Dog food"). "your next order\nHi there" is a new line, not a thing bought.
    r"([A-Z][\w&'-]*(?:[ \t]+(?:&[ \t]+)?[a-z][\w'-]*)?)"
)
# Lower-case words that end a category's phrase rather than belong to it ("Tea and ...").
_NOT_PART = {"and", "or", "but", "too", "as", "with", "from", "in", "on", "at", "for", "to"}


def invented_categories(masked: str, grounding: Grounding) -> list[Violation]:
    """Each capitalised thing bought that is not merchant text of the facts."""
    found: list[Violation] = []
    named = ", ".join(grounding.phrases) or "none"
    for match in BOUGHT.finditer(masked):
        words = match.group(1).split()
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
