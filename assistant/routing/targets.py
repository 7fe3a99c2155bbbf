"""Whom or what a message names that no finder read as an argument: "everyone", "cluster 2",
a capitalised name no finder read ("similar customers to Lynn").

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

_ALL = (
    r"(?:everyone|everybody|every\s+(?:single\s+)?(?:customer|client|buyer|shopper)|"
    r"all\s+(?:(?:of\s+)?(?:our|the|my)\s+)?(?:customers|clients|buyers|shoppers)|"
    r"the\s+whole\s+(?:store|customer\s+base|list))"
)
# Everyone as whom a request is for ("an offer for everyone", "send it to all customers",
# "everyone gets 10% off"); not pointing back ("an offer for everybody there", "the
# one everyone got": those people, that offer).
EVERYONE = re.compile(
    r"\b(?:(?:for|to|of|about|email|text|message|send|give|offer|summari[sz]e|describe)\s+"
    rf"(?P<object>{_ALL})\b(?!\s+(?:there|here|else)\b)|"
    rf"(?P<subject>{_ALL})\s+(?:gets?|receives?|should\s+get)\b)"
)
# "cluster 2", "segment #3", "group number 4": no segment or cluster has a number.
NUMBERED = re.compile(
    r"\b(?:clusters?|segments?|groups?|cohorts?)\s*(?:#\s*|no\.?\s*|number\s+)?\d+\b"
)
# A capitalised word after words that ask for a customer like another ("similar customers to
# Lynn", "customers like Lynn"): a person, where the name finder (a full name, or one the
# store knows after "for", "to" or "like") read none. Not after "for" or "like" alone: "an
# offer for Diwali", "like Amazon does" and "do buyers like Dark Chocolate" name no one.
# Read in what was typed, where no finder took anything.
NAMED_ONE = re.compile(
    f"(?i:{ids.LIKE_A_CUSTOMER})" + r"(?P<name>[A-Z][a-z'\u2019-]+(?:[ \t][A-Z][a-z'\u2019-]+)*)\b"
)
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
            named = next((n for n in ("object", "subject") if match.groupdict().get(n)), 0)
            return Target(kind, reader.typed[match.start(named) : match.end(named)])
    for match in NAMED_ONE.finditer(reader.typed):
        start, end = match.span("name")
        name = reader.typed[start:end]
        words = set(name.lower().split())
        if not reader.text[start:end].strip() or words & (NOT_NAMES | taken_words):
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
