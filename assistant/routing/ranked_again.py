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

"Which of them are at risk?" after a ranking with no bounds ("top 10 customers", which may be
top_customers or the at-risk list by predicted value) asks about the rows shown: no tool ranks
a given ten by risk, but both lists' rows carry each one's churn risk, so the same rows come
again with a note reading them by it (risk_of_rows).
"""

import re
from collections.abc import Mapping
from typing import Any

from assistant.routing import rules
from assistant.routing.arg_notes import BOUNDS, LAPSE, PERIOD

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
# Their risk, asked of them: "which of them are at risk?", "are any of those likely to churn?",
# "what's their churn risk?", "rank them by risk".
_AT_RISK = (
    r"(?:at[\s-]risk|risky|churn\w*|(?:likely|going|about)\s+to\s+(?:leave|lapse|go)|"
    r"leaving|lapsing|slipping|might\s+(?:leave|go))"
)
RISK_OF_THEM = re.compile(
    rf"\b(?:which|who|what)(?:\s+ones?)?\s+(?:of|among(?:st)?|out\s+of)\s+{THEM}\b"
    rf"[^.?!]*\b{_AT_RISK}|"
    rf"\b(?:(?:are|is)\s+)?any\s+(?:of\s+)?{THEM}\b[^.?!]*\b{_AT_RISK}|"
    rf"\b(?:their|whose)\s+(?:churn\s+)?risk\b|"
    rf"\b(?:rank|sort|order)\s+{THEM}\s+by\s+(?:their\s+)?(?:churn\s+)?risk\b"
)
# Lists whose rows carry each customer's churn risk (docs/api.md).
ROWS_WITH_RISK = frozenset({"top_customers", "at_risk_customers"})
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


def risk_of_rows(text: str, last_tool: str | None, last_args: Mapping[str, Any]) -> bool:
    """True when `text` (lower case), after a list of customers whose rows carry their churn
    risk (`last_tool`, called with `last_args`), asks which of those shown are at risk, and
    they were only a ranking ("top 10 customers", "our most valuable customers"): those rows
    again, read by their churn risk (risk_reading.py). After bounds ("customers who spent
    over $500", "who haven't ordered in 90 days"), "them" are all within the bounds: the
    at-risk list of those (their_bounds.py)."""
    if last_tool not in ROWS_WITH_RISK:
        return False
    bounded = any(last_args.get(name) is not None for name in (*BOUNDS, *LAPSE))
    return not bounded and bool(RISK_OF_THEM.search(text))


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
