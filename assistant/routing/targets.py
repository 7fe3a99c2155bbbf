"""Whom or what a message names that no finder read as an argument: "everyone", "cluster 2",
a single capitalised name ("similar customers to Lynn").

A follow-up fills a customer or segment from the conversation only when the message names no
target of its own (args.py): after a profile of 00003, "draft an offer for everyone" is no
offer for 00003, and after the hibernating segment, "summarise cluster 2" is no summary of
hibernating. The tool then asks for what it needs, and `reason` says why the words given were
not taken: segments and clusters have names, not numbers; an offer goes to one customer or
one segment.
"""

import re
from dataclasses import dataclass
from typing import Literal

from assistant.routing import ids
from assistant.routing.reading import Reader

TargetKind = Literal["everyone", "numbered", "name"]

EVERYONE = re.compile(
    r"\b(?:everyone|everybody|every\s+(?:single\s+)?(?:customer|client|buyer|shopper)|"
    r"all\s+(?:(?:of\s+)?(?:our|the|my)\s+)?(?:customers|clients|buyers|shoppers)|"
    r"the\s+whole\s+(?:store|customer\s+base|list))\b"
)
# "cluster 2", "segment #3", "group number 4": no segment or cluster has a number.
NUMBERED = re.compile(
    r"\b(?:clusters?|segments?|groups?|cohorts?)\s*(?:#\s*|no\.?\s*|number\s+)?\d+\b"
)
# A capitalised word after words that name whom a request is for ("similar customers to
# Lynn", "an offer for Lynn"): a person, where the name finder (two words or more) read none.
# Read in what was typed, where no finder took anything; a sentence's first word is no name.
NAMED_ONE = re.compile(r"\b(?i:to|for|like)[ \t]+(?P<name>[A-Z][a-z'\u2019-]+)\b")
# Capitalised words that are no one's name: pronouns, months, days and holidays an offer is
# for ("an offer for Christmas" after a profile is still that customer's).
NOT_NAMES = (
    frozenset(
        "i me us we you our my the a an all everyone everybody them him her it this that "
        "christmas easter halloween thanksgiving valentine's valentines mother's father's "
        "spring summer autumn fall winter black cyber new".split()
    )
    | ids.NOT_NAMES
)
KINDS: tuple[tuple[TargetKind, re.Pattern[str]], ...] = (
    ("everyone", EVERYONE),
    ("numbered", NUMBERED),
)


@dataclass(frozen=True)
class Target:
    """A target the message names that no finder read: its kind and the words as typed."""

    kind: TargetKind
    words: str


def unread_target(reader: Reader, taken_words: frozenset[str] = frozenset()) -> Target | None:
    """The first target left in `reader` (after every finder has read), or None.
    `taken_words` are names of the store's (segments, categories) that are no person."""
    for kind, pattern in KINDS:
        match = pattern.search(reader.text)
        if match is not None:
            return Target(kind, reader.typed[match.start() : match.end()])
    for match in NAMED_ONE.finditer(reader.typed):
        start, end = match.span("name")
        name = reader.typed[start:end]
        if not reader.text[start:end].strip() or name.lower() in NOT_NAMES | taken_words:
            continue
        return Target("name", name)
    return None


def unread_reason(target: Target, tool: str) -> str:
    """Why the target the message named was not taken, and what to ask instead."""
    if target.kind == "numbered":
        return (
            f"Segments and clusters have names, not numbers ('{target.words}'): name one, e.g. "
            '"summarise champions"; "list the clusters" shows the clusters\' names.'
        )
    if target.kind == "everyone":
        if tool == "draft_offer":
            return (
                "An offer is for one customer or one segment, not everyone: name one, e.g. "
                '"draft an offer for champions".'
            )
        return f"{tool} is about one customer or segment, not everyone: name one."
    return (
        f"I can't tell which customer '{target.words}' is: ask by customer id, or by full name "
        "where your role sees names."
    )
