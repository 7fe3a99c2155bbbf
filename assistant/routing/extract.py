"""Pulling tool arguments out of a message: pure text in, a typed Extraction out.

The message is lower-cased (keeping every character's position, so ids are copied from the
original) and read by finders in a fixed order; each masks what it took, so a piece of text
counts once: quoted text, product ids, alert numbers, customer ids, horizons ("next 6 weeks"
is no count of 6), percentages, money, star ratings ("2-star reviews"), counts, then words
(segment names, channel, sentiment, alert state, list positions, a search topic). What no
finder took is the `remainder`, which tells a bare follow-up ("same for champions") from a new
question. A segment, sentiment or alert state the message leaves out ("except loyal ones",
"alerts that are not open") is never read as the one asked for (see negation.py): alert states
take the other state, the rest go to `excluded`.
"""

import re
from dataclasses import dataclass
from typing import Literal, TypeVar

from assistant.routing import quantities
from assistant.routing.fuzzy import SegmentMatch, segment_matches
from assistant.routing.ids import HASH_ID, alert_id, bare_id, customer_ids, product_ids
from assistant.routing.negation import negation
from assistant.routing.ratings import rating
from assistant.routing.reading import Reader
from assistant.routing.vocabulary import Vocabulary

T = TypeVar("T")
Channel = Literal["email", "sms"]
Sentiment = Literal["negative", "neutral", "positive"]
AlertState = Literal["open", "acknowledged", "all"]

QUOTED = re.compile(r"\"([^\"]{3,})\"|\u201c([^\u201d]{3,})\u201d|(?<!\w)'([^']{8,})'(?!\w)")
# "sentiment of: the coffee was stale": text after a colon is data when what comes before the
# colon asks to read a text (not "quick question: who is at risk?").
AFTER_COLON = re.compile(
    r"^(?=[^:]*\b(?:reviews?|text|comment|sentiment|tone|positive|negative|feedback|this|search|"
    r"classify|rate|analy\w*|message|says?)\b)[^:]{3,60}:\s*(?P<text>\S.{10,})$"
)
CHANNELS: list[tuple[re.Pattern[str], Channel]] = [
    (re.compile(r"\b(?:sms|txt|texts?\s+message|text(?:ing)?\s+(?:them|him|her)|"
                r"(?:by|via|over|as\s+an?|in\s+an?|an?|per)\s+(?:text|sms)|texting)\b"), "sms"),
    (re.compile(r"\b(?:e-?mails?|mail|newsletter)\b"), "email"),
]  # fmt: skip
# "1-star" and "5-star" are ratings (ratings.py), read before these.
SENTIMENTS: list[tuple[re.Pattern[str], Sentiment]] = [
    (re.compile(r"\b(?:negative|complain\w*|complaints?|unhappy|angry|upset|bad|poor|"
                r"low[\s-]star|low[\s-]rated|worst|critical|disappointed|"
                r"disappointing|hate[ds]?|terrible|awful|negatives)\b"), "negative"),
    (re.compile(r"\b(?:positive|praise\w*|happy|love[ds]?|glowing|"
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
ALL_ALERTS = re.compile(
    r"\b(?:all|every|each)\s+(?:of\s+)?(?:the\s+|our\s+)?alerts?\b|"
    r"\balerts?\s+(?:ever|so\s+far|history)\b|\bhistory\s+of\s+alerts\b"
)
# What stands in for a name in the text that is embedded. A segment name is dropped: "describe
# the hibernating customers" is "describe the customers", whichever segment. Quoted text is
# data to analyse, not what is asked, so it goes too.
PLACEHOLDERS = {"customer": "customer", "product": "product", "segment": "", "quote": ""}
# Names that are also the words of a question: "at-risk customers" asks for the at-risk list.
KEEP_IN_TEXT = frozenset({"at risk"})
CATEGORY = re.compile(r"\bcategor(?:y|ies)\b")
CLUSTERS = re.compile(r"\bclusters\b|\bby\s+cluster\b|\bk-?means\b")
ORDINALS = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
    "fifth": 5, "5th": 5, "sixth": 6, "6th": 6, "seventh": 7, "7th": 7, "eighth": 8, "8th": 8,
    "ninth": 9, "9th": 9, "tenth": 10, "10th": 10, "last": -1, "top": 1,
}  # fmt: skip
_ORDINAL = "|".join(ORDINALS)
POSITION = [
    re.compile(rf"\b(?P<o>{_ORDINAL})\s+(?:one|customer|person|guy|gal|entry|row|result|"
               r"name|account|on\s+the\s+list|of\s+them|in\s+the\s+list)\b"),
    re.compile(rf"\b(?P<o>{_ORDINAL})\s+(?:on|in)\s+(?:the|that|this|your)\s+list\b"),
    re.compile(r"\b(?:number|no\.?|#)\s*(?P<n>\d{1,2})\s+(?:on|in)\s+(?:the|that|this)\s+list\b"),
]  # fmt: skip
TOPIC = re.compile(
    r"\b(?:about|mentioning|mention|mentions|regarding|re|saying|say|says|said|talking about|"
    r"complain(?:ing|s|ed)? (?:about|of)|related to|concerning|containing|with the word|"
    r"that talk about|on the topic of|on)\s+(?P<topic>.+)$"
)
FILLER = frozenset(
    "the a an of in on for from by to and or with about among our my their his her its this "
    "that these those them customers customer segment group people buyers reviews review "
    "please pls thanks what is are was were do does did say said saying".split()
)


@dataclass(frozen=True)
class Extraction:
    """Everything a message said that a tool can take as an argument."""

    customer_ids: tuple[str, ...] = ()
    alert_id: int | None = None
    product_ids: tuple[str, ...] = ()
    segment: str | None = None  # the best segment named (the first of `segments`)
    segments: tuple[str, ...] = ()  # every segment named, best first
    amount: float | None = None
    percent: float | None = None
    horizon_days: int | None = None
    count: int | None = None
    offset: int | None = None  # ranks to skip: set for "and the next 10?", never by a finder
    min_rating: int | None = None  # stars, 1-5, both ends inclusive
    max_rating: int | None = None
    channel: Channel | None = None
    sentiment: Sentiment | None = None
    alert_state: AlertState | None = None
    by_category: bool = False
    by_cluster: bool = False  # behaviour clusters rather than RFM segments
    position: int | None = None  # 1-based place in the last list shown; -1 is the last one
    topic: str | None = None  # what to search reviews for
    quoted: str | None = None  # a text given to analyse, in quotes or after a colon
    remainder: str = ""  # the words no finder took
    # (argument, value) the message leaves out ("except loyal ones", "reviews that aren't
    # positive"): no tool can filter a value out, so these are never applied.
    excluded: tuple[tuple[str, str], ...] = ()
    entities: tuple[tuple[int, int, str], ...] = ()  # (start, end, kind) of ids and segments

    @property
    def customer_id(self) -> str | None:
        return self.customer_ids[0] if self.customer_ids else None

    @property
    def product_id(self) -> str | None:
        return self.product_ids[0] if self.product_ids else None


# Curly and accent quotes typed on phones, made straight (written as escapes: ruff flags the
# look-alike characters themselves).
def extract(message: str, vocabulary: Vocabulary) -> Extraction:
    """The arguments in `message`, read in the order the module docstring gives."""
    reader = Reader(message)
    quoted = _quoted(reader)
    products = product_ids(reader)
    alert = alert_id(reader)
    customers = customer_ids(reader, vocabulary, bare_hash=alert is None)
    if alert is not None:  # "explain alert #3 and #5": the 5 is an alert's, not a count
        for number in HASH_ID.finditer(reader.text):
            reader.take(*number.span())
    position = _position(reader)  # "the first one" is a place in a list, not a count of one
    horizon = reader.read(quantities.horizons)
    percent = reader.read(quantities.percents)
    amount = reader.read(quantities.amounts)
    stars = rating(reader)
    count = reader.read(quantities.counts)
    if vocabulary.id_width is not None:  # what is left of the store's id width is an id
        customers += customer_ids(reader, vocabulary, [bare_id(vocabulary.id_width)])
    segments, excluded = _segments(reader, vocabulary.segments)
    sentiment, left_out = _sentiment(reader.text)
    excluded += left_out
    topic = _topic(reader.text) if quoted is None else quoted
    return Extraction(
        customer_ids=customers,
        alert_id=alert,
        product_ids=products,
        segment=segments[0] if segments else None,
        segments=segments,
        amount=amount,
        percent=percent,
        horizon_days=None if horizon is None else round(horizon),
        count=None if count is None else int(count),
        min_rating=None if stars is None else stars.low,
        max_rating=None if stars is None else stars.high,
        channel=_first_label(reader.text, CHANNELS),
        sentiment=sentiment,
        alert_state=_alert_state(reader.text),
        by_category=bool(CATEGORY.search(reader.text)),
        by_cluster=bool(CLUSTERS.search(reader.text)),
        position=position,
        topic=topic,
        quoted=quoted,
        remainder=" ".join(reader.text.split()),
        excluded=tuple(excluded),
        entities=tuple(sorted(reader.entities)),
    )


def delexicalise(message: str, x: Extraction) -> str:
    """The message with its names replaced (see PLACEHOLDERS: "customer 42" -> "customer",
    "B000EYLDYE" -> "product", segment names and quoted text dropped), so similarity compares
    what is asked, not whom or what it is about."""
    out, at = [], 0
    for start, end, kind in x.entities:
        if kind == "segment" and x.segment in KEEP_IN_TEXT:
            continue
        out.append(message[at:start])
        out.append(PLACEHOLDERS[kind])
        at = end
    out.append(message[at:])
    return "".join(out)


def _quoted(reader: Reader) -> str | None:
    match = QUOTED.search(reader.text)
    if match is not None:
        group = next(i for i in (1, 2, 3) if match.group(i) is not None)
        text = reader.original[match.start(group) : match.end(group)].strip()
        reader.take(match.start(), match.end(), "quote")
        return text
    colon = AFTER_COLON.match(reader.text)
    if colon is not None and len(colon.group("text").split()) >= 3:
        text = reader.original[colon.start("text") : colon.end("text")].strip()
        reader.take(colon.start("text"), colon.end("text"), "quote")
        return text
    return None


def _position(reader: Reader) -> int | None:
    for pattern in POSITION:
        match = pattern.search(reader.text)
        if match is not None:
            groups = match.groupdict()
            place = ORDINALS[groups["o"]] if groups.get("o") else int(groups["n"])
            reader.take(match.start(), match.end())
            return place
    return None


def _topic(text: str) -> str | None:
    match = TOPIC.search(text)
    if match is None:
        return None
    kept = [w for w in re.findall(r"[\w'-]+", match.group("topic")) if w not in FILLER]
    return " ".join(kept) or None


def _segments(
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


def _sentiment(text: str) -> tuple[Sentiment | None, list[tuple[str, str]]]:
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


def _alert_state(text: str) -> AlertState | None:
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


def _first_label(text: str, rules: list[tuple[re.Pattern[str], T]]) -> T | None:
    """The label whose pattern occurs first in the text."""
    hits = [(m.start(), label) for pattern, label in rules if (m := pattern.search(text))]
    return min(hits, key=lambda hit: hit[0])[1] if hits else None
