"""Figures written as rounded: a hedge before a number ("about 1,200 customers", "nearly
$90", "~60%") and a fraction of a group in words ("half of them", "roughly a fifth of
revenue").

extract.py reads these; grounding.py matches them. A hedged round number is as precise as its
last non-zero digit ("about 1,200": hundreds), as money already was to its cents or units, and
its word says on which side the fact may lie: "about" either, "over" above, "nearly" below.
A hedged percentage is the fact as a person rounds it: to a whole, or to the nearest 5 or 10
("about 60%" and "around 65%" of 63.4%, "nearly 65%" but not "nearly 60%", which says the
fact is under 60). The offer's discount is never hedged (it is written exactly).
A fraction is as precise as its denominator allows (half of the gap to the next fraction of
that denominator: a half is 50% give or take 12.5 points, a fifth 20% give or take 5), so
"roughly a fifth of revenue" is 18.7% and "half of revenue" is not. A share of the customers
who churn, buy or leave is no fact whatever its value (people_shares.py). A fraction or a
ratio after its noun is read the same way ("their churn risk is nearly two thirds", "your
chance of buying again is about one in three": 33.3%, give or take a sixth of 100), but only
after a verb or word that makes it the noun's value ("is", "of", "at", "to", a hedge) and at
the end of its clause, so "cut in half", "once a quarter" and "a year and a half" are none.
Fractions
taken off a price ("half off") are discounts, read first by discounts.py; a fraction of
anything but people or revenue ("half a cup", "a third of the sugar") is no claim here.
"""

import re

from assistant.drafting.discounts import DENOMINATORS, NUMERATORS
from assistant.drafting.mentions import Hedge

_HEDGES: dict[str, Hedge] = {
    "about": "about", "around": "about", "roughly": "about", "approximately": "about",
    "some": "about", "close to": "about", "almost": "under", "nearly": "under",
    "just under": "under", "under": "under", "below": "under", "less than": "under",
    "fewer than": "under", "over": "over", "more than": "over", "above": "over",
    "just over": "over", "upwards of": "over", "at least": "over", "circa": "about",
}  # fmt: skip
HEDGE_BEFORE = re.compile(
    r"(?i)(?:\b("
    + "|".join(h.replace(" ", r"\s+") for h in sorted(_HEDGES, key=len, reverse=True))
    + r")\s+|(~)\s*)(?:a\s+|an\s+)?$"
)
# Who or what a share is of: the customers or the revenue, never a cup or the sugar.
_GROUP = (
    r"(?:them|customers|clients|buyers|shoppers|people|members|users|households|segment|group"
    r"|revenue|sales|spend|turnover|income)\b"
)
_DETERMINERS = r"(?:(?:all|the|these|those|its|their|our|this|that|of)\s+)*"
# "The quarter is their quietest season": a time, not a share (the, this, last, next).
SHARE = re.compile(
    r"(?i)(?<!\bthe\s)(?<!\bthis\s)(?<!\blast\s)(?<!\bnext\s)(?<!\bthat\s)"
    r"\b(?:(a|an|one|two|three|four)[\s-]+)?(half|halves|third|quarter|fifth|tenth)s?\b"
    rf"(?=\s+(?:of\s+{_DETERMINERS}{_GROUP}|{_DETERMINERS}{_GROUP}"
    r"|(?:are|is|were|was|will|would|could|may|might|risk|say|buy|shop|spend|have|had)\b))"
)


_WORDS = {
    w: i + 1 for i, w in enumerate("one two three four five six seven eight nine ten".split())
}
_HEDGE_WORDS = "|".join(h.replace(" ", r"\s+") for h in sorted(_HEDGES, key=len, reverse=True))
SHARE_AFTER_NOUN = re.compile(
    rf"(?i)(?:\b(?:is|are|was|were|of|at|to)|'s)\s+(?:(?:{_HEDGE_WORDS})\s+|~\s*)?"
    r"(?P<share>(?:(?P<numerator>a|an|one|two|three|four)[\s-]+)?"
    r"(?P<denominator>half|halves|third|quarter|fifth|tenth)s?"
    r"|(?P<count>one|two|three|four|five|\d{1,3})\s+(?:in|out\s+of)\s+"
    r"(?P<whole>two|three|four|five|six|seven|eight|nine|ten|\d{1,4}))\b"
    # Its clause ends here, or goes on to say where or when: "about a third for this segment".
    r"(?=\s*(?:[,;:!?)\n]|\.(?!\d)|$|\s[-\u2013\u2014]\s)|\s+(?:and|but|so|or|which|while"
    r"|for|among|across|in|over|within|this|these|per|on|than)\b)"
)


def share_after_noun(match: re.Match[str]) -> tuple[float, float] | None:
    """A SHARE_AFTER_NOUN match's value in percent and its precision, as `share_value`:
    "one in three" is (33.3, 16.7); None for a ratio of nothing ("one in 0")."""
    if match.group("denominator"):
        numerator = NUMERATORS.get((match.group("numerator") or "a").lower(), 1)
        parts = DENOMINATORS[match.group("denominator").lower()]
        return 100 * numerator / parts, 50 / parts
    count, whole = (match.group(g).lower() for g in ("count", "whole"))
    parts = int(whole) if whole.isdigit() else _WORDS[whole]
    if not parts:
        return None
    return 100 * (int(count) if count.isdigit() else _WORDS[count]) / parts, 50 / parts


def hedge_before(text: str, start: int) -> Hedge | None:
    """The hedge written just before text[start:] ("about", "over", "nearly"), if any."""
    match = HEDGE_BEFORE.search(text, max(0, start - 20), start)
    if match is None:
        return None
    return _HEDGES[re.sub(r"\s+", " ", match.group(1).lower())] if match.group(1) else "about"


def round_quantum(digits: str, quantum: float) -> float:
    """How precise a hedged figure is: 100 for "1,200", 10 for "90", `quantum` for "12.50"."""
    whole = digits.replace(",", "")
    if quantum != 1 or not whole.isdigit() or not whole.strip("0"):
        return quantum
    return float(10 ** (len(whole) - len(whole.rstrip("0"))))


def percent_quantum(value: float, quantum: float) -> float:
    """How precise a hedged percentage is: 10 for "60%", 5 for "65%", 1 for "63%", and as
    written for "63.4%". A person rounds a rate to a whole, a five or a ten."""
    if quantum != 1:
        return quantum
    return 10.0 if value % 10 == 0 else 5.0 if value % 5 == 0 else 1.0


def share_value(match: re.Match[str]) -> tuple[float, float]:
    """A share's value in percent and its precision: "two thirds" is (66.7, 16.7)."""
    numerator, denominator = (g.lower() if g else None for g in match.groups())
    parts = DENOMINATORS[str(denominator)]
    return 100 * NUMERATORS.get(numerator or "a", 1) / parts, 50 / parts
