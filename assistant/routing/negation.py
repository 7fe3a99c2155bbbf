"""Words that leave out what follows them: "except loyal ones", "customers who are not
champions", "reviews that aren't positive", "alerts that are not open".

The tools filter to one segment, sentiment or alert state and cannot leave one out, so a value
read right after such a word is never applied: the caller takes a clean opposite where there is
one (an alert that is not open is acknowledged) or no filter at all. Only the few words before
the value are read, and only words that can stand between a cue and what it excludes ("not for
champions", "except the loyal ones"), so "why haven't our champions ordered" excludes nothing.
"""

import re
from typing import Literal

Negation = Literal["", "excluded", "not only"]

# Cues that leave out whatever follows them. Apostrophes are dropped before reading ("aren't"
# and "arent" are one word); only "to be" forms, since "why don't champions buy" is a question
# about champions.
EXCLUDING = frozenset(
    "not never non except excluding exclude excludes without minus "
    "isnt arent wasnt werent aint".split()
)
EXCLUDING_PAIRS = frozenset(
    {("other", "than"), ("apart", "from"), ("rather", "than"), ("instead", "of")}
)
# Cues that negate a feeling, which is often a verb: "customers who don't love us", "reviews
# with no complaints". Not for segments or alert states ("no new alerts?" asks for open ones).
NEGATING_FEELINGS = frozenset("dont doesnt didnt no".split())
# Words that may stand between a cue and the value it leaves out.
BETWEEN = frozenset(
    "the a an any our my their for from in of among to those these all just only very really "
    "so too by via about regarding concerning mentioning".split()  # "reviews not about tea"
)
ONLY = frozenset({"just", "only"})  # "not just open ones": those and more, not fewer
MOST_BETWEEN = 3
WINDOW = 80  # characters before a value that are read for a cue
_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")


def negation(text: str, start: int, feelings: bool = False) -> Negation:
    """How the words just before text[start] (lower case) treat what starts there:
    "excluded" ("except loyal ones", "who aren't champions"), "not only" ("not just open
    ones": those and others), or "" (not negated). `feelings` also counts cues that negate a
    verb of feeling ("don't love", "no complaints")."""
    before = [w.replace("'", "") for w in _WORD.findall(text[max(0, start - WINDOW) : start])]
    only = False
    for _ in range(MOST_BETWEEN + 1):
        if not before:
            return ""
        if before[-1] in EXCLUDING or tuple(before[-2:]) in EXCLUDING_PAIRS:
            return "not only" if only and before[-1] == "not" else "excluded"
        if feelings and before[-1] in NEGATING_FEELINGS:
            return "excluded"
        if before[-1] not in BETWEEN:
            return ""
        only |= before.pop() in ONLY
    return ""
