"""The pieces of a message that are text rather than a choice: quoted text to analyse (in
quotes, or after a colon), a place in the last list shown ("the second one"), and the topic to
search reviews for ("reviews about stale coffee", "do people like Earl Grey?", "how do people
feel about the earl grey"). Each finder
takes what it read from the Reader, as extract.py's do.
"""

import re

from assistant.routing.reading import Reader

QUOTED = re.compile(r"\"([^\"]{3,})\"|\u201c([^\u201d]{3,})\u201d|(?<!\w)'([^']{8,})'(?!\w)")
# "sentiment of: the coffee was stale": text after a colon is data when what comes before the
# colon asks to read a text (not "quick question: who is at risk?").
AFTER_COLON = re.compile(
    r"^(?=[^:]*\b(?:reviews?|text|comment|sentiment|tone|positive|negative|feedback|this|search|"
    r"classify|rate|analy\w*|message|says?)\b)[^:]{3,60}:\s*(?P<text>\S.{10,})$"
)
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
    # "show me number 3": a place in the list, where nothing follows the number ("number 3
    # product" or "number 3 in sales" say more); "#3" is a customer (ids.py).
    re.compile(r"\bnumber\s+(?P<n>\d{1,2})(?=\s*(?:$|[?.!,]|please\b|again\b|too\b))"),
    # "show me the 3rd", "and the second?": an ordinal with nothing after it (not "the top"
    # nor "the last", which say more about something else than a place).
    re.compile(rf"\bthe\s+(?P<o>{'|'.join(o for o in ORDINALS if o not in ('top', 'last'))})"
               r"(?=\s*(?:$|[?.!,]|please\b|again\b|too\b))"),
    # "the second product"; not "top product" nor "last product" (a best seller, a purchase).
    re.compile(rf"\b(?P<o>{_ORDINAL})\s+(?:product|item)\b(?<!top product)(?<!top item)"
               r"(?<!last product)(?<!last item)"),
]  # fmt: skip
TOPIC = re.compile(
    r"\b(?:about|mentioning|mention|mentions|regarding|re|saying|say|"
    r"says|said|talking about|"
    r"complain(?:ing|s|ed)? (?:about|of)|related to|concerning|containing|with the word|"
    r"that talk about|on the topic of|on|"
    # "the sentiment of earl grey reviews": what the reviews are of, which the sentiment
    # summary counts by the words they mention ("reviews" itself is filler)
    r"(?P<of>(?:sentiment|feeling|mood|tone)\s+(?:of|for|on|in))|"
    # "negative reviews of earl grey", "who reviewed earl grey negatively"; not "how negative
    # are reviews of tea", a summary of the category's, nor "best reviewed products"
    r"(?:negative|positive|neutral|bad|good|poor|critical|angry|glowing|unhappy|happy)\s+"
    r"(?:reviews?|feedback|comments) (?:of|for)|who\s+(?:has\s+|have\s+)?reviewed)\s+"
    r"(?P<topic>.+)$"
)
# "do people like Earl Grey?", "how do customers feel about it", "what are people saying about
# it": what reviews say of it, not customers like someone. Only of people at large: "what do
# we know about customer 00042" asks about a customer.
_PEOPLE = r"(?:our\s+|the\s+)?(?:people|customers|shoppers|folks)"
LIKED = re.compile(
    rf"\b(?:(?:do|does|did)\s+{_PEOPLE}\s+(?:like|love|enjoy|hate|dislike)|"
    rf"how\s+(?:do|did)\s+{_PEOPLE}\s+feel\s+(?:about|towards?)|"
    rf"what\s+(?:do|did)\s+{_PEOPLE}\s+(?:think|say)\s+(?:of|about)|"
    rf"what\s+(?:are|were)\s+{_PEOPLE}\s+saying\s+(?:of|about))\s+(?P<topic>[^?.!]+)"
)
# Words of a topic that names nothing to search the reviews for: the store as a whole ("how
# does she feel about our products", "what do people think of us" ask what the reviews say as
# a whole) or what the conversation already points to ("them", "it").
GENERIC_TOPICS = frozenset(
    "products product items item us store shop days things stuff everything anything "
    "orders order them it".split()
)
# Words that are no topic. The period words stay when a finder has read the period before
# ("what about the last 30 days" asks the last question again, for another period).
FILLER = frozenset(
    "the a an of in on for from by to and or with about among our my their his her its this "
    "that these those them customers customer segment group people buyers reviews review "
    "please pls thanks what is are was were do does did say said saying "
    "last past previous prior recent next "
    # how much or how often, never what about: "what customers complained about most"
    "most least often frequently lately recently ever latest newest oldest "
    # how it was reviewed, which the sentiment says: "who reviewed earl grey negatively"
    "negatively positively badly poorly well "
    # of all of them: "how positive are the reviews of B006BXTCEK overall"
    "overall general generally whole".split()
)


def quoted_text(reader: Reader) -> str | None:
    """The text given to analyse, in quotes or after a colon; taken as a quote."""
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


def liked_topic(reader: Reader) -> str | None:
    """What people are asked to like ("do people like Earl Grey?": "earl grey"), less
    filler; taken as a topic, so no name finder reads it as a customer's. None for the store
    as a whole ("what do people think of us"): no topic to search for."""
    match = LIKED.search(reader.text)
    if match is None:
        return None
    topic = _without_filler(match.group("topic"))
    if topic is None or generic(topic):
        return None
    reader.take(match.start("topic"), match.end("topic"), "topic")
    return topic


def generic(topic: str) -> bool:
    """Whether every word of `topic` is one of GENERIC_TOPICS: no topic to search for."""
    return set(topic.split()) <= GENERIC_TOPICS


def list_position(reader: Reader) -> int | None:
    """The 1-based place in the last list shown ("the second one"); -1 for the last."""
    for pattern in POSITION:
        match = pattern.search(reader.text)
        if match is not None:
            groups = match.groupdict()
            place = ORDINALS[groups["o"]] if groups.get("o") else int(groups["n"])
            reader.take(match.start(), match.end())
            return place
    return None


def search_topic(text: str) -> str | None:
    """What to search reviews for: the words after "about", "mentioning"..., less filler."""
    match = TOPIC.search(text)
    if match is not None and match.group("of"):
        # "sentiment of reviews mentioning shipping": what they mention, said after
        inner = TOPIC.search(match.group("topic"))
        match = inner if inner is not None and not inner.group("of") else match
    return None if match is None else _without_filler(match.group("topic"))


def _without_filler(words: str) -> str | None:
    kept = [w for w in re.findall(r"[\w'-]+", words) if w not in FILLER]
    return " ".join(kept) or None
