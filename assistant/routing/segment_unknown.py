"""A segment named that the store does not have ("summarize the VIP segment", "segment
whales"): passed on as written, so the tool says there is no such segment and lists those there
are, where asking "which segment?" blamed the question for leaving out what it named.

Read only where no known segment was, on the message in lower case.
"""

import re

_NAME = r"[a-z0-9][\w&'-]*"
NAMED = [
    # "the VIP segment", "our gold tier group"
    re.compile(rf"\b(?:the|our|my|a|an)\s+(?P<name>{_NAME}(?:\s+{_NAME})?)\s+(?:segment|cohort)\b"),
    # "the segment called 'gold'", "summarise segment whales" (the name ends the message)
    re.compile(rf"\b(?:segment|cohort)\s+(?:called|named)\s+['\"]?(?P<name>{_NAME})['\"]?"),
]
# "summarise segment whales": the word that ends the message, read only where the tool needs a
# segment ("sales by segment today" names none).
AT_END = re.compile(rf"\b(?:segment|cohort)\s+['\"]?(?P<name>{_NAME})['\"]?[\s?.!]*$")
NOT_NAMES = frozenset(
    "this that these those which what each every any one same other another whole entire "
    "rfm customer customers biggest largest smallest best worst top new's summary "
    "summaries size sizes list of for with by in on and or is are was were has have had does do "
    "did should would will can could to from at as that's it its most least more less "
    "second third fourth fifth last next previous first main whole performance counts count "
    "members overview breakdown details names totals value valuable".split()
)
SUPERLATIVE = re.compile(r"est$")  # "the riskiest segment", "the highest value segment"


def unknown_segment(text: str, at_end: bool = True) -> str | None:
    """The segment `text` names by the word "segment" or "cohort" (as typed, lower case),
    or None when it names none; `at_end` also reads the word that ends the message after it."""
    for pattern in [*NAMED, AT_END] if at_end else NAMED:
        for match in pattern.finditer(text):
            words = match.group("name").split()
            if not set(words) & NOT_NAMES and not any(SUPERLATIVE.search(w) for w in words):
                return " ".join(words)
    return None
