"""What a message picks from a few fixed values, read after the numbers (extract.py gives the
order): segment names from the store's vocabulary, the channel, the sentiment, the alert
state and what a list of customers is ranked by. A segment, channel, sentiment or alert state
the message leaves out ("except loyal ones", "not by sms", "alerts that are not open") is never
read as the one asked for (see negation.py): channels and alert states take the other one, the
rest are returned as left out.
"""

import re
from itertools import pairwise
from typing import Literal, TypeVar

from assistant.routing.fuzzy import SegmentMatch, segment_matches
from assistant.routing.negation import negation
from assistant.routing.reading import Reader

T = TypeVar("T")
Channel = Literal["email", "sms"]
Sentiment = Literal["negative", "neutral", "positive"]
AlertState = Literal["open", "acknowledged", "all"]
# What a list of customers is ranked by (at_risk_customers' `by`).
CustomerRanking = Literal["value_at_risk", "churn_risk", "clv", "purchase"]

CHANNELS: list[tuple[re.Pattern[str], Channel]] = [
    (re.compile(r"\b(?:sms|txt|texts?\s+message|text(?:ing)?\s+(?:them|him|her)|"
                r"(?:by|via|over|as\s+an?|in\s+an?|an?|per)\s+(?:text|sms)|texting)\b"), "sms"),
    (re.compile(r"\b(?:e-?mails?|mail|newsletter)\b"), "email"),
]  # fmt: skip
# "1-star" and "5-star" are ratings (ratings.py), read before these.
SENTIMENTS: list[tuple[re.Pattern[str], Sentiment]] = [
    (re.compile(r"\b(?:negative|negatively|badly|poorly|complain\w*|complaints?|unhappy|angry|"
                r"upset|bad|poor|"
                r"low[\s-]star|low[\s-]rated|worst|critical|disappointed|"
                r"disappointing|hate[ds]?|terrible|awful|negatives)\b"), "negative"),
    (re.compile(r"\b(?:positive|positively|praise\w*|happy|love[ds]?|glowing|"
                r"satisfied|delighted|great|rave|favou?rable|raving)\b"), "positive"),
    (re.compile(r"\b(?:neutral|mixed|lukewarm)\b"), "neutral"),
]  # fmt: skip
# Which alerts. "Including the acknowledged ones" means all of them; otherwise the earliest
# state phrase wins ("not yet acknowledged" is open, "no longer open" acknowledged), and only
# without one does "all alerts" mean both. A state left out is the other one ("alerts that are
# not open", "except acknowledged ones"); "not just open ones" are all of them.
_DONE = r"(?:acknowledged|acked|handled|dealt\s+with|resolved|closed|cleared|seen|looked\s+at)"
_TO_DO = r"(?:acknowledge|ack|handle|deal\s+with|resolve|close|clear|look\s+at)\b"
ALERTS_INCLUDING_DONE = re.compile(
    rf"\b(?:including|incl\.?|as\s+well\s+as|and\s+also|plus|and)\s+(?:the\s+)?(?:ones\s+)?{_DONE}"
)
ALERT_STATES: list[tuple[re.Pattern[str], AlertState]] = [
    (re.compile(rf"\b(?:not|never|nobody|no\s+one|yet\s+to\s+be|still\s+needs?\s+to\s+be|"
                rf"needs?\s+to\s+be|(?:haven|hasn|weren|wasn|aren|isn|didn|don|doesn)['\u2019]?t)\s+"
                rf"(?:(?!just\b|only\b)\w+\s+){{0,2}}?"  # "not only the acknowledged": all
                rf"(?:{_DONE}|{_TO_DO})|"
                r"\b(?:unacknowledged|unhandled|unresolved|open|new|pending|outstanding)\b"),
     "open"),
    (re.compile(rf"\bno\s+longer\s+(?:open|new|pending)\b|\b{_DONE}\b"), "acknowledged"),
]  # fmt: skip
# What stands between two segment names asked as two groups (segments_joined).
JOINED = re.compile(
    r"\s*(?:(?:customers?|ones|members|shoppers|segments?|groups?)\s*)?"
    r"(?:,|&|\+|/|\band\b|\bor\b|\bplus\b|\bas\s+well\s+as\b|\bvs\.?|\bversus\b)"
    r"\s*(?:(?:the|also|with)\s+)?"
)
ALL_ALERTS = re.compile(
    r"\b(?:all|every|each)\s+(?:of\s+)?(?:the\s+|our\s+)?alerts?\b|"
    r"\balerts?\s+(?:ever|so\s+far|history)\b|\bhistory\s+of\s+alerts\b"
)


def segment_names(
    reader: Reader, names: tuple[str, ...]
) -> tuple[tuple[str, ...], list[tuple[str, str]]]:
    """The segments named, best first, and those the message leaves out ("at risk customers
    except loyal ones"); all of them are taken."""
    chosen: list[str] = []
    taken: list[SegmentMatch] = []
    excluded: list[tuple[str, str]] = []
    for match in segment_matches(reader.text, names):
        if any(match.start < t.end and t.start < match.end for t in taken):
            continue  # the same words read as another name
        left_out = negation(reader.text, match.start)
        if left_out == "excluded":
            excluded.append(("segment", match.name))
        elif not left_out and match.name not in chosen:
            chosen.append(match.name)
        else:  # "not just champions": those and more, so no filter
            continue
        taken.append(match)
    for match in taken:
        reader.take(match.start, match.end, "segment")
    return tuple(chosen), excluded


def segments_joined(text: str, spans: list[tuple[int, int]]) -> bool:
    """Whether two of the segment names at `spans` in `text` are joined as two groups asked
    ("champions and loyal", "champions, loyal or lost"), not one qualifying the other ("loyal
    champions")."""
    ordered = sorted(spans)
    return any(JOINED.fullmatch(text[end:start]) for (_, end), (start, _) in pairwise(ordered))


def channel_asked(text: str) -> Channel | None:
    """The channel asked for; one left out is the other ("not an sms", "except by email"): an
    offer goes out by one of the two."""
    hits = sorted((m.start(), label) for pattern, label in CHANNELS if (m := pattern.search(text)))
    if not hits:
        return None
    start, channel = hits[0]
    if negation(text, start, feelings=True) == "excluded":  # "no sms", "don't email"
        return "email" if channel == "sms" else "sms"
    return channel


def sentiment_asked(text: str) -> tuple[Sentiment | None, list[tuple[str, str]]]:
    """The first sentiment asked for, and those left out ("reviews that aren't positive",
    "customers who are not happy"): none of those is a filter."""
    hits = sorted(
        (match.start(), label) for pattern, label in SENTIMENTS for match in pattern.finditer(text)
    )
    excluded: list[tuple[str, str]] = []
    for start, label in hits:
        left_out = negation(text, start, feelings=True)
        if not left_out:
            return label, excluded
        if left_out == "excluded" and ("sentiment", label) not in excluded:
            excluded.append(("sentiment", label))
    return None, excluded


def alert_state(text: str) -> AlertState | None:
    """Which alerts: open, acknowledged or all; None when the message does not say."""
    if ALERTS_INCLUDING_DONE.search(text):
        return "all"
    hits = [(m.start(), label) for pattern, label in ALERT_STATES if (m := pattern.search(text))]
    if not hits:
        return "all" if ALL_ALERTS.search(text) else None
    start, state = min(hits)
    left_out = negation(text, start)
    if left_out == "not only":  # "all alerts, not just open ones"
        return "all"
    if left_out:  # "alerts that are not open", "alerts except acknowledged ones"
        return "acknowledged" if state == "open" else "open"
    return state


def first_label(text: str, rules: list[tuple[re.Pattern[str], T]]) -> T | None:
    """The label whose pattern occurs first in the text."""
    hits = [(m.start(), label) for pattern, label in rules if (m := pattern.search(text))]
    return min(hits, key=lambda hit: hit[0])[1] if hits else None


# "Rank customers by churn risk" says it; "who is most likely to churn" ranks by churn risk;
# "our most valuable customers", said with no word of risk, by predicted value. Both at once
# ("most valuable customers most likely to churn") is value at risk, the tool's default.
BY_NAME: list[tuple[re.Pattern[str], CustomerRanking]] = [
    (re.compile(r"\bby\s+value\s+at\s+risk\b"), "value_at_risk"),
    (re.compile(r"\bby\s+(?:(?:their|the)\s+)?(?:churn(?:\s+(?:risk|probability))?|risk\s+of\s+"
                r"(?:churn\w*|leaving))\b"), "churn_risk"),
    (re.compile(r"\bby\s+(?:(?:their|the)\s+)?(?:predicted\s+|lifetime\s+|customer\s+)?"
                r"(?:value|clv|worth)\b(?!\s+at\s+risk)"), "clv"),
]  # fmt: skip
LIKELY_TO_LEAVE = re.compile(
    r"\b(?:most|likeliest)\s+(?:likely\s+)?to\s+(?:churn|leave|lapse|quit|stop\s+buying)\b|"
    r"\b(?:highest|biggest|top)\s+churn\s+(?:risk|probability|chance)s?\b|\briskiest\b"
)
VALUABLE = re.compile(
    r"\b(?:most\s+(?:valuable|profitable)|highest[\s-]+(?:value[sd]?|spending)|highest\s+"
    r"(?:predicted\s+)?(?:clv|lifetime\s+value)|(?:biggest|top)\s+spenders|spends?\s+the\s+most|"
    r"biggest\s+customers|(?:best|top)\s+(?:\d+\s+)?(?:\w+\s+){0,2}?(?:customers|clients|"
    r"accounts|buyers))\b"
)
# "Who is most likely to buy", "which customers will order next month", "the likeliest buyers":
# ranked by their chance to buy (the at-risk list's `by` purchase). Asked the other way round
# ("least likely to buy", "unlikely to come back"), it is the churn risk.
_BUY = r"(?:buy|order|purchase|shop|reorder|re-order|come\s+back|return|convert)"
LIKELY_TO_BUY = re.compile(
    rf"\b(?:most|more|likeliest|highly|very)\s+(?:likely\s+)?to\s+{_BUY}\b|"
    r"\blikel(?:y|iest)\s+(?:buyers|purchasers|repeat\s+buyers)\b|"
    rf"\b(?:who|which\s+(?:\w+\s+)?customers|what\s+customers)\s+(?:will|is\s+going\s+to|are\s+"
    rf"going\s+to|are\s+likely\s+to|is\s+likely\s+to|would|might)\s+(?:\w+\s+)?{_BUY}\b|"
    r"\b(?:highest|best|top)\s+(?:purchase|buying|repurchase|order)\s+(?:probability|chance|"
    r"likelihood|propensity)\b|\bpropensity\s+to\s+(?:buy|purchase|order)\b"
)
UNLIKELY_TO_BUY = re.compile(
    rf"\b(?:least|unlikely|not\s+likely)\s+(?:likely\s+)?to\s+{_BUY}\b|"
    rf"\b(?:will|would)\s+(?:not|never)\s+{_BUY}\b|\bwon't\s+{_BUY}\b"
)
# The bottom of the churn ranking is the top of the chance to buy: "least likely to churn",
# "lowest churn risk", "our safest customers".
LEAST_AT_RISK = re.compile(
    r"\b(?:least\s+|un)likely\s+to\s+(?:churn|leave|lapse|quit|stop\s+buying)\b|"
    r"\b(?:lowest|smallest)\s+churn\s+(?:risk|probability|chance)s?\b|\bsafest\b|"
    r"\bnot\s+at\s+risk\b|\bleast\s+at\s+risk\b"
)
RISK_WORDS = re.compile(
    r"\b(?:risk\w*|churn\w*|leav\w*|lose|losing|lost|laps\w*|slipping|quiet|sav\w*|win\s+back|"
    r"stop\w*|cancel\w*|gone|going)\b|at-risk"
)


def ranking_named(text: str) -> CustomerRanking | None:
    """The prediction a list of customers is ranked by when the message names it ("by
    lifetime value", "by churn risk"), else None."""
    return first_label(text, BY_NAME)


def from_the_top(text: str) -> bool:
    """True when the bottom of one ranking asked for is the top of another ("least likely to
    churn" are the likeliest buyers, "least likely to buy" the likeliest to churn)."""
    return bool(UNLIKELY_TO_BUY.search(text) or LEAST_AT_RISK.search(text))


def customer_ranking(text: str) -> CustomerRanking | None:
    """What the message ranks customers by, when it says (lower-case text, numbers kept)."""
    named = ranking_named(text)
    if named is not None:
        return named
    if UNLIKELY_TO_BUY.search(text):
        return "churn_risk"
    if LEAST_AT_RISK.search(text) or (
        LIKELY_TO_BUY.search(text) and not LIKELY_TO_LEAVE.search(text)
    ):
        return "purchase"
    leaving, valuable = bool(LIKELY_TO_LEAVE.search(text)), bool(VALUABLE.search(text))
    if leaving and valuable:
        return "value_at_risk"
    if leaving:
        return "churn_risk"
    if valuable and not RISK_WORDS.search(text):
        return "clv"
    return None
