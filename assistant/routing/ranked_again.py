"""Follow-ups on the customers top_customers just gave, which run that call again with its
bounds and period: "who are they?", "list them" or "who are those customers?" asks for them
as a list (after a figure too: "what percentage of customers ordered only once?"), and
"which of them ordered the most?" or "rank them by orders" ranks the same customers anew.

Similarity alone sends these elsewhere: "who are they?" reads like a segment's description,
"which of them ordered the most?" like the best sellers, and a new ranking would drop the
bounds ("customers who spent over $500 in 1997") that made "them". A message that asks
something no ranking of customers answers ("which of them are likely to churn?", another
tool's cue words) is left to the scores.

"How many of them ordered more than 5 times?" counts the same customers within a new bound
too: the last call again with both bounds, its figure first (shares.py), and its share of
them, not of everyone who ordered: `share_of` names the last call's bounds the message kept.
A bound of the message that replaces one of theirs ("ordered more than 5 times" after "3
orders or more") leaves the share of everyone who ordered, said so (`replaced_note`): the tool
takes one floor and one ceiling on orders, so "6 or more within 3 or more" cannot be asked yet.
The same count in another period ("and in 1998?") keeps `share_of`: within the same bounds,
then (share_in_new_period).
"""

import re
from collections.abc import Mapping
from typing import Any

from assistant.routing import rules
from assistant.routing.arg_notes import BOUNDS, PERIOD

# The customers just listed, as every "them" follow-up says them (shares.py reads the same
# words): "of them", "rank those", "these" ...
THOSE = r"(?:them|those|these)"
# ... or "they", with a noun or not: "who are they", "those customers", "these people".
THEM = (
    rf"(?:{THOSE}|they)(?:\s+(?:customers|people|buyers|clients|shoppers|accounts|"
    r"spenders|ones|folks))?"
)
_OPENER = r"^(?:(?:and|so|ok(?:ay)?|then|great|thanks|cool|nice|right)[\s,]+)*(?:please\s+)?"
_CLOSER = r"(?:\s+(?:again|then|please|pls|exactly|now))*[\s?.!]*$"
# The whole message asks who they are: "who are they?", "list them", "which ones?", "show me
# those customers please", "tell me who they are".
NAMED = re.compile(
    rf"{_OPENER}(?:(?:can|could|would)\s+you\s+)?(?:"
    rf"who\s+(?:are|were)\s+{THEM}|"
    rf"(?:list|show|name|give)(?:\s+(?:me|us))?\s+{THEM}|"
    r"which\s+ones(?:\s+(?:are|were)\s+(?:they|those|these))?|"
    r"which\s+(?:customers|people|ones)\s+(?:are|were)\s+(?:they|those|these)|"
    r"(?:show|tell)\s+me\s+who\s+(?:they|those|these)(?:\s+customers)?\s+(?:are|were)"
    rf"){_CLOSER}"
)
# Of them, a new ranking: "which of them ordered the most?", "who among those spent the
# least?", "of these, who placed the most orders?", "rank them by orders".
OF_THEM = re.compile(
    rf"\b(?:which|who|what)(?:\s+ones?)?\s+(?:of|among(?:st)?|out\s+of)\s+{THEM}\b|"
    rf"{_OPENER}(?:of|among(?:st)?|out\s+of)\s+{THEM}[\s,]+(?:who|which)\b|"
    rf"\b(?:rank|sort|order)\s+{THEM}\b"
)
# How many of them, or what share: "how many of them ordered more than 5 times?", "what
# percentage of those customers spent over $100?".
COUNTED = re.compile(
    rf"\bhow\s+many\s+(?:of\s+)?{THEM}\b|"
    rf"(?:\b(?:percent(?:age)?|share|proportion|fraction|number|count)|%)\s+of\s+{THEM}\b"
)
RANKED = re.compile(r"\b(?:most|least|top|biggest|highest|largest|lowest|fewest|best|by)\b")
# Cue words a new ranking of the same customers may carry: "ordered the most" is a best
# seller's cue too, "who are" a description's ("of those, who are the top spenders?").
RANKING_CUES = frozenset({"top_customers", "top_products", "segment_summary"})


def asked_again(text: str) -> bool:
    """True when `text` (lower case), after a top_customers answer, asks who those customers
    are or ranks them anew: the last call again, as a list."""
    if NAMED.match(text):
        return True
    ranks = bool(OF_THEM.search(text)) and bool(RANKED.search(text))
    return ranks and set(rules.cues(text)) <= RANKING_CUES


def counted_again(text: str) -> bool:
    """True when `text` (lower case), after a top_customers answer, asks how many of those
    customers, or what share of them, did something no other tool's cue words name: the last
    call again, with the message's bounds beside its own."""
    return bool(COUNTED.search(text)) and set(rules.cues(text)) <= RANKING_CUES


def share_of(text: str, carried: Mapping[str, Any], given: Mapping[str, Any]) -> str | None:
    """The bounds of the last call (`carried`) that made "them", comma-separated, when `text`
    counts them within a bound of its own (`given`): "how many of them ordered more than 5
    times?" after "customers who spent over $500" is 'min_revenue'. None otherwise: with no
    new bound the count is of the list itself, and a bound the message replaces no longer
    says who "they" were."""
    if not counted_again(text):
        return None
    kept = [name for name in BOUNDS if carried.get(name) is not None and name not in given]
    new = any(given.get(name) is not None for name in BOUNDS)
    return ",".join(kept) if kept and new else None


def share_in_new_period(carried: Mapping[str, Any], given: Mapping[str, Any]) -> str | None:
    """The last call's `share_of`, kept when the message only moves the count to another period
    ("and in 1998?" after "how many of them ordered more than 5 times?"): "them" is then those
    within the same bounds in that period. None when no period is given, or when the message
    replaces a bound that said who "they" were."""
    base = carried.get("share_of")
    if not isinstance(base, str) or not base or not PERIOD & set(given):
        return None
    bounds = base.split(",")
    if any(name in given or carried.get(name) is None for name in bounds):
        return None
    return base


def replaced_note(text: str, carried: Mapping[str, Any], given: Mapping[str, Any]) -> str:
    """What the answer says when `text` counts "them" within a bound of its own (`given`) that
    replaces one of the last call's (`carried`): the share is then of everyone who ordered,
    not of the customers just listed. "" when no bound of theirs is replaced, or when others
    of theirs are kept (the share is then of those, which the answer names)."""
    if not counted_again(text) or share_of(text, carried, given) is not None:
        return ""
    swapped = [name for name in BOUNDS if carried.get(name) is not None and name in given]
    if not swapped:
        return ""
    kinds = sorted({"orders" if "orders" in name else "spend" for name in swapped})
    return (
        "The share is of everyone who ordered in the period, not only of the customers just "
        f"listed: the bound asked on {' and '.join(kinds)} replaces theirs."
    )
