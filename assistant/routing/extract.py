"""Pulling tool arguments out of a message: pure text in, a typed Extraction out.

The message is lower-cased (keeping every character's position, so ids are copied from the
original) and read by finders in a fixed order; each masks what it took, so a piece of text
counts once: quoted text, product ids, customer ids, horizons ("next 6 weeks" is no count of 6),
percentages, money, counts, then words (segment names, channel, sentiment, alert state, list
positions, a search topic). What no finder took is the `remainder`, which tells a bare
follow-up ("same for champions") from a new question.
"""

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Literal, TypeVar

from assistant.routing import quantities
from assistant.routing.fuzzy import find_segment
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
# "alert 12", "alert #12", "alert number 12": an alert's number, read before customer ids.
ALERT = re.compile(r"\balerts?\s*(?:id|number|num|no\.?)?\s*[:#=]?\s*#?\s*(?P<id>\d{1,9})\b")
ASIN = re.compile(r"\b(?P<id>b0[0-9a-z]{8})\b")
PRODUCT = re.compile(
    r"\b(?:product|item|asin|sku|prod)s?\s*(?:id|#|no\.?|number)?\s*[:#=]?\s*"
    r"(?P<id>[a-z0-9][\w-]*\d[\w-]*)\b"
)
_ID = r"[a-z]{0,4}[-_]?\d[\w-]*"
_UNITS = (
    r"percent|dollars?|euros?|bucks|k|grand|days?|weeks?|months?|years?|customers|people|"
    r"orders|reviews|products|items"
)
# "similar to 5501", "customers like 42": a lookalike question names its customer bare.
LOOKALIKE = re.compile(
    r"\b(?:sim\w*|like|resembl\w*)\s+(?:customers?\s+|ones?\s+|shoppers?\s+)?(?:to\s+)?"
    r"(?P<id>\d+)\b(?!\s*(?:%|percent|dollars|customers|people|shoppers|days|weeks|months))"
)
CUSTOMER = [
    re.compile(rf"\bcustomers\s+(?P<ids>{_ID}(?:\s*(?:,|and|&|or)\s*{_ID})+)"),
    re.compile(
        r"\b(?:cust\w*|costumer|cusomer|csutomer|client|clinet|buyer|shopper|member|account|"
        r"acct|user)\.?\s*"
        rf"(?:id|number|num|no\.?|#)?\s*[:#=]?\s*(?P<id>{_ID})(?![\w-])"
    ),
    re.compile(r"#\s*(?P<id>\d+)\b(?!\s+on\s+the\s+list)"),
    re.compile(r"\bid\s*[:#=]?\s*(?P<id>\d+)\b"),
    LOOKALIKE,
]
CHANNELS: list[tuple[re.Pattern[str], Channel]] = [
    (re.compile(r"\b(?:sms|txt|texts?\s+message|text(?:ing)?\s+(?:them|him|her)|"
                r"(?:by|via|over|as\s+an?|in\s+an?|an?|per)\s+(?:text|sms)|texting)\b"), "sms"),
    (re.compile(r"\b(?:e-?mails?|mail|newsletter)\b"), "email"),
]  # fmt: skip
SENTIMENTS: list[tuple[re.Pattern[str], Sentiment]] = [
    (re.compile(r"\b(?:negative|complain\w*|complaints?|unhappy|angry|upset|bad|poor|"
                r"(?:1|one|low)[\s-]star|low[\s-]rated|worst|critical|disappointed|"
                r"disappointing|hate[ds]?|terrible|awful|negatives)\b"), "negative"),
    (re.compile(r"\b(?:positive|praise\w*|happy|love[ds]?|glowing|(?:5|five)[\s-]star|"
                r"satisfied|delighted|great|rave|favou?rable|raving)\b"), "positive"),
    (re.compile(r"\b(?:neutral|mixed|lukewarm)\b"), "neutral"),
]  # fmt: skip
# Which alerts. "Including the acknowledged ones" means all of them; otherwise the earliest
# state phrase wins ("not yet acknowledged" is open, "no longer open" acknowledged), and only
# without one does "all alerts" mean both.
_DONE = r"(?:acknowledged|acked|handled|dealt\s+with|resolved|closed|cleared|seen|looked\s+at)"
_TO_DO = r"(?:acknowledge|ack|handle|deal\s+with|resolve|close|clear|look\s+at)\b"
ALERTS_INCLUDING_DONE = re.compile(
    rf"\b(?:including|incl\.?|as\s+well\s+as|and\s+also|plus|and)\s+(?:the\s+)?(?:ones\s+)?{_DONE}"
)
ALERT_STATES: list[tuple[re.Pattern[str], AlertState]] = [
    (re.compile(rf"\b(?:not|never|nobody|no\s+one|yet\s+to\s+be|still\s+needs?\s+to\s+be|"
                rf"needs?\s+to\s+be|(?:haven|hasn|weren|wasn|aren|isn|didn|don|doesn)['\u2019]?t)\s+"
                rf"(?:\w+\s+){{0,2}}?(?:{_DONE}|{_TO_DO})|"
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
    segment: str | None = None
    amount: float | None = None
    percent: float | None = None
    horizon_days: int | None = None
    count: int | None = None
    channel: Channel | None = None
    sentiment: Sentiment | None = None
    alert_state: AlertState | None = None
    by_category: bool = False
    by_cluster: bool = False  # behaviour clusters rather than RFM segments
    position: int | None = None  # 1-based place in the last list shown; -1 is the last one
    topic: str | None = None  # what to search reviews for
    quoted: str | None = None  # a text given to analyse, in quotes or after a colon
    remainder: str = ""  # the words no finder took
    entities: tuple[tuple[int, int, str], ...] = ()  # (start, end, kind) of ids and segments

    @property
    def customer_id(self) -> str | None:
        return self.customer_ids[0] if self.customer_ids else None

    @property
    def product_id(self) -> str | None:
        return self.product_ids[0] if self.product_ids else None


# Curly and accent quotes typed on phones, made straight (written as escapes: ruff flags the
# look-alike characters themselves).
CURLY = {"\u2019": "'", "\u2018": "'", "\u00b4": "'", "`": "'", "\u201c": '"', "\u201d": '"'}


def normalise(message: str) -> str:
    """Lower case with curly quotes made straight, one character for one, so positions hold."""
    table = str.maketrans(CURLY)
    return "".join(c.lower()[0] if c.lower() else c for c in message.translate(table))


class _Reader:
    """The message with what has been read so far blanked out."""

    def __init__(self, message: str) -> None:
        self.original = message
        self.text = normalise(message)
        self.entities: list[tuple[int, int, str]] = []

    def take(self, start: int, end: int, kind: str = "") -> str:
        """Blank out text[start:end]; `kind` (customer, product, segment) records an entity."""
        piece = self.original[start:end]
        if kind:
            self.entities.append((start, end, kind))
        self.text = self.text[:start] + " " * (end - start) + self.text[end:]
        return piece

    def first(self, mentions: Iterable[quantities.Mention]) -> float | None:
        """The first of the longest non-overlapping mentions, all of them taken."""
        chosen: list[quantities.Mention] = []
        for mention in sorted(mentions, key=lambda m: (m[0] - m[1], m[0])):
            if all(mention[1] <= c[0] or mention[0] >= c[1] for c in chosen):
                chosen.append(mention)
        for start, end, _ in chosen:
            self.take(start, end)
        return min(chosen)[2] if chosen else None

    def read(self, finder: Callable[[str], Iterable[quantities.Mention]]) -> float | None:
        return self.first(list(finder(self.text)))


def extract(message: str, vocabulary: Vocabulary) -> Extraction:
    """The arguments in `message`, read in the order the module docstring gives."""
    reader = _Reader(message)
    quoted = _quoted(reader)
    products = _product_ids(reader)
    alert = ALERT.search(reader.text)
    if alert is not None:  # the word stays in the text to embed; only the number is taken
        reader.take(alert.start("id"), alert.end("id"))
        reader.take(alert.start(), alert.start("id"))
    customers = _customer_ids(reader, vocabulary)
    position = _position(reader)  # "the first one" is a place in a list, not a count of one
    horizon = reader.read(quantities.horizons)
    percent = reader.read(quantities.percents)
    amount = reader.read(quantities.amounts)
    count = reader.read(quantities.counts)
    if vocabulary.id_width is not None:  # what is left of the store's id width is an id
        customers += _customer_ids(reader, vocabulary, [_bare_id(vocabulary.id_width)])
    match = find_segment(reader.text, vocabulary.segments)
    segment = None
    if match is not None:
        segment = match.name
        reader.take(match.start, match.end, "segment")
    topic = _topic(reader.text) if quoted is None else quoted
    return Extraction(
        customer_ids=customers,
        alert_id=None if alert is None else int(alert.group("id")),
        product_ids=products,
        segment=segment,
        amount=amount,
        percent=percent,
        horizon_days=None if horizon is None else round(horizon),
        count=None if count is None else int(count),
        channel=_first_label(reader.text, CHANNELS),
        sentiment=_first_label(reader.text, SENTIMENTS),
        alert_state=_alert_state(reader.text),
        by_category=bool(CATEGORY.search(reader.text)),
        by_cluster=bool(CLUSTERS.search(reader.text)),
        position=position,
        topic=topic,
        quoted=quoted,
        remainder=" ".join(reader.text.split()),
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


def _quoted(reader: _Reader) -> str | None:
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


def _product_ids(reader: _Reader) -> tuple[str, ...]:
    found: list[tuple[int, str]] = []
    for pattern in (ASIN, PRODUCT):
        for match in list(pattern.finditer(reader.text)):
            if reader.text[match.start("id") : match.end("id")].strip():
                found.append((match.start(), reader.original[match.start("id") : match.end("id")]))
                reader.take(match.start(), match.end(), "product")
    ids = [value.upper() if ASIN.fullmatch(value.lower()) else value for _, value in sorted(found)]
    return tuple(dict.fromkeys(ids))


def _bare_id(width: int, zero: bool = False) -> re.Pattern[str]:
    """A number of the store's id width standing alone ("00042"; "23001" once money, counts
    and horizons are read), not followed by a unit."""
    digits = rf"0\d{{{width - 1}}}" if zero else rf"\d{{{width}}}"
    return re.compile(rf"(?<![\w$€£.,#])(?P<id>{digits})\b(?!\s*(?:%|{_UNITS})\b)")


def _customer_ids(
    reader: _Reader, vocabulary: Vocabulary, patterns: list[re.Pattern[str]] | None = None
) -> tuple[str, ...]:
    found: list[tuple[int, str]] = []
    if patterns is None:
        patterns = list(CUSTOMER)
        if vocabulary.id_width is not None:  # zero-padded: an id even before numbers are read
            patterns.append(_bare_id(vocabulary.id_width, zero=True))
    for pattern in patterns:
        for match in list(pattern.finditer(reader.text)):
            group = "ids" if "ids" in match.groupdict() else "id"
            typed = reader.original[match.start(group) : match.end(group)]
            for one in re.split(r"\s*(?:,|\band\b|&|\bor\b)\s*", typed):
                if one.strip():
                    found.append((match.start(group), vocabulary.customer_id(one)))
            # The lookalike pattern keeps its words ("similar to"): only the id is a name.
            whole = pattern is not LOOKALIKE
            start, end = (match.start(), match.end()) if whole else match.span(group)
            reader.take(start, end, "customer")
    return tuple(dict.fromkeys(value for _, value in sorted(found, key=lambda f: f[0])))


def _position(reader: _Reader) -> int | None:
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


def _alert_state(text: str) -> AlertState | None:
    if ALERTS_INCLUDING_DONE.search(text):
        return "all"
    state = _first_label(text, ALERT_STATES)
    if state is None and ALL_ALERTS.search(text):
        return "all"
    return state


def _first_label(text: str, rules: list[tuple[re.Pattern[str], T]]) -> T | None:
    """The label whose pattern occurs first in the text."""
    hits = [(m.start(), label) for pattern, label in rules if (m := pattern.search(text))]
    return min(hits, key=lambda hit: hit[0])[1] if hits else None
