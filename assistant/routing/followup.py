"""Follow-ups: messages that only make sense with the conversation behind them.

Four shapes: "and the next one?" (the next customer of the last list, same tool), a bare
change of subject ("same for champions", "what about customer 77?", "and for next year?": the
last tool again with that argument replaced), a refinement ("what if we had 10k instead", "now
cap discounts at 10%", "and the next 10?": the last call again with what the message changes),
and words that point back ("them", "her", "this product") so an argument the message leaves
out comes from memory.
"""

import re

from assistant.routing import quantities
from assistant.routing.memory import Memory

NEXT = re.compile(
    r"^(?:(?:ok(?:ay)?|and|so|now|then|alright)[\s,]+)*(?:(?:what\s+about|how\s+about|show\s+me|"
    r"go\s+to|on\s+to)\s+)?(?:the\s+)?next(?:\s+(?:one|customer|person|guy|account|row|on\s+the\s+"
    r"list))?(?:\s+(?:please|pls))?[\s?.!]*$|^who'?s\s+next[\s?.!]*$|"
    r"^(?:and\s+)?(?:(?:the\s+one\s+)?after\s+(?:that|this|him|her)(?:\s+one)?|"
    r"the\s+one\s+after)[\s?.!]*$"
)
# "back to the list", "show me the list again": the last list shown, after a profile or two.
BACK = re.compile(
    r"^(?:(?:ok(?:ay)?|and|so|now|then|alright|right)[\s,]+)*(?:(?:go|take\s+me|get\s+me|"
    r"bring\s+me|let'?s\s+go)\s+)?back\s+to\s+(?:the\s+|that\s+|my\s+)?(?:list|ranking|"
    r"results?)\b|^(?:(?:ok(?:ay)?|and|so|now|then)[\s,]+)*(?:show|give|bring\s+up)\s+(?:me\s+)?"
    r"(?:the\s+|that\s+)?(?:list|ranking|results?)\s+again\b"
)
BARE_PREFIX = re.compile(
    r"^\s*(?:(?:ok(?:ay)?|so|alright|right)[\s,]+)?(?:same\s+(?:thing\s+|again\s+)?(?:for|with)|"
    r"do\s+the\s+same\s+(?:for|with)|repeat\s+(?:that\s+|it\s+)?(?:for|with)|"
    r"(?:and|now|then)\s+(?:for|with|do|try|the|show|in|among)|what\s+about|how\s+about|and|now|"
    r"then|try|in|among|within|"
    r"only|just|any|show(?:\s+me)?(?=(?:\s+[\w-]+){0,4}\s+ones\b))\b"
)
FILLER = frozenset(
    "the a an segment group cohort customers customer ones one please pls instead then too also "
    "as well for with same do show me us this that one's instead now over in within during "
    "across by at on to of product item only just last past previous".split()
) | frozenset(  # what a review filter leaves: "only the negative ones", "any 1-star reviews?"
    "negative positive neutral bad good unhappy angry complaints praise star stars rated reviews "
    "review".split()
)
# Words that change the last call rather than ask something new: "break that down", "what if
# we had 10k instead", "now cap discounts at 10%". They matter only when the last tool takes
# every value the message gives; a bound ("max 10%") changes the last call the same way.
REFINES = re.compile(
    r"\b(?:that|it|those|this|instead|rather|too|also|again|same|cap|limit|max(?:imum)?|at\s+most)\b|"
    r"^(?:and|now|then|ok(?:ay)?|but|so|only|just|what\s+if|(?:what|how)\s+about|"
    r"(?:(?:sort|rank|order|break\s+(?:it\s+)?down)\s+)?by(?!\s+the\s+way))\b"
)
# "and the next 10?", "show me the next twenty customers": more of the last list (a count; not
# a horizon such as "the next 10 days", nor money, nor "5 more than last week").
_NOT_MONEY_OR_TIME = (
    r"(?![\w%$\u20ac\u00a3]|\.\d|\s*(?:k|grand|percent|dollars?|euros?|bucks|than|"
    r"(?:day|week|fortnight|month|quarter|year)s?)\b)"
)
NEXT_COUNT = re.compile(rf"\bnext\s+(?!one\b){quantities.NUM}{_NOT_MONEY_OR_TIME}")
# "show me 10 more", "5 more please": the same, worded from the end of the list shown.
MORE_COUNT = re.compile(rf"{quantities.NUM}\s+more\b{_NOT_MONEY_OR_TIME}")
# "next page", "more", "show me more", "keep going": as many again as the last list showed.
NEXT_PAGE = re.compile(
    r"^(?:(?:ok(?:ay)?|and|so|now|then|alright)[\s,]+)*(?:(?:show|give|load|see|get)\s+(?:me\s+|us\s+)?)?"
    r"(?:the\s+)?(?:next\s+page|page\s+(?:2|two)|(?:some\s+)?more(?:\s+(?:of\s+them|results|rows|"
    r"customers|products))?|keep\s+going|continue)(?:\s+(?:please|pls))?[\s?.!]*$"
)
ANAPHORA = re.compile(
    r"\b(?:them|they|their|theirs|her|hers|him|his|she|he|it|its|these|those|"
    r"th(?:is|at)\s+(?:customer|one|person|guy|client|account|segment|group|product|item|list))\b"
)
PRODUCT_ANAPHORA = re.compile(r"\b(?:it|its|th(?:is|at)\s+(?:product|item))\b")
NOW = re.compile(r"\b(?:now|today|currently|these\s+days|at\s+the\s+moment)\b")
# The period of the last answer, pointed back to: "and how many orders was that", "how many
# customers in that period", "what was the AOV then".
SAME_PERIOD = re.compile(
    r"\b(?:was|were|is)\s+(?:that|it)\s*[?.!]*$|\b(?:that|the\s+same)\s+(?:period|year|"
    r"month|quarter|time|days)\b|\bthen\s*[?.!]*$"
)


# What is left of "top 5", "just the first 3", "show me the top 10" once the count is read:
# the last list again, that long.
VALUES_ONLY = re.compile(
    r"^[\s?.!,]*(?:(?:and|so|ok(?:ay)?|now|then|just|only)\s+)*(?:show(?:\s+me)?\s+)?(?:the\s+)?"
    r"(?:top|first|best|last|past|previous)?[\s?.!,]*(?:please|pls)?[\s?.!,]*$"
)


def only_values(remainder: str) -> bool:
    """True when a message was nothing but values for a tool ("in 1997", "top 5", "champions"),
    what is left of it once they were read (`remainder`) being at most a count's words."""
    return bool(VALUES_ONLY.fullmatch(remainder))


def asks_next(text: str) -> bool:
    """True for "and the next one?", "next please", "who's next" (lower-case text)."""
    return bool(NEXT.match(text.strip()))


def refines(text: str) -> bool:
    """True when the message words a change to the last call ("what if we had 10k instead",
    "now cap discounts at 10%", "and the next 10?"), lower-case text."""
    return bool(REFINES.search(text)) or next_count(text) is not None or asks_next_page(text)


def asks_next_page(text: str) -> bool:
    """True for "next page", "more", "show me more" (lower-case text): the last list's next
    page, as long as the page shown."""
    return bool(NEXT_PAGE.match(text.strip()))


def next_count(text: str) -> int | None:
    """How many more of the last list "and the next 10?" asks for (lower-case text), or None
    when the message asks for no more rows."""
    match = NEXT_COUNT.search(text) or MORE_COUNT.search(text)
    value = None if match is None else quantities.number(match.group("n"))
    return int(value) if value is not None and value >= 1 and value == int(value) else None


def asks_back(text: str) -> bool:
    """True when the message asks for the last list again ("back to the list"), lower case."""
    return bool(BACK.search(text))


def is_bare(remainder: str) -> bool:
    """True when what is left of a message after its arguments were read is only a follow-up
    opener and filler ("same for ___", "what about ___?"): the last tool should run again."""
    match = BARE_PREFIX.match(remainder)
    if match is None:
        return False
    rest = re.findall(r"[a-z']+", remainder[match.end() :])
    return all(word in FILLER for word in rest)


def points_back(text: str) -> bool:
    """True when the message refers to something said before ("them", "her", "this one")."""
    return bool(ANAPHORA.search(text))


def same_period(text: str) -> bool:
    """True when the message asks about the last answer's period ("how many orders was
    that?"), lower-case text; not one that asks about now ("... now then")."""
    return bool(SAME_PERIOD.search(text)) and not NOW.search(text)


def points_to_product(text: str) -> bool:
    return bool(PRODUCT_ANAPHORA.search(text))


# "why is there risk so high?": "there" before a customer's figure, then a word that says what
# of it, or alone after "what's", is "their" misspelt; "is there risk of churn?", "are there
# orders this week?" keep it.
_FIGURE = (
    r"(?:churn\s+)?(?:risk|clv|lifetime\s+value|value|orders?|spend(?:ing)?|reviews?|"
    r"purchases|segment)"
)
MISSPELT_THEIR = re.compile(
    rf"\bthere(?=\s+{_FIGURE}\s+(?:so|too|very|really|is|are|was|were|seems?|looks?)\b)|"
    rf"^(?:(?:and|so|what'?s|whats|what\s+(?:is|are|was|were)|how\s+about)\s+)?"
    rf"there(?=\s+{_FIGURE}[\s?.!]*$)",
    re.IGNORECASE,
)


def their_misspelt(message: str) -> str:
    """`message` with "there" read as "their" where only "their" makes sense ("why is there
    risk so high?"), so the pronoun points back as the one meant does."""
    # The match ends with "there" (any opener before it kept), its case kept: "There" is "Their".
    return MISSPELT_THEIR.sub(lambda there: there.group()[:-4] + "heir", message)


PERSON = re.compile(r"\b(?:him|her|his|she|he|th(?:is|at)\s+(?:customer|person|guy|client))\b")
GROUP = re.compile(r"\b(?:them|they|their|these|those)\b")


def resolve(text: str, memory: Memory) -> str:
    """Pronouns replaced by what they stand for, as the router embeds names: "customer"
    for a person talked about, "customers" for a group ("send him a text" reads "send
    customer a text"), so a follow-up is compared with the examples like a full question."""
    if memory.customer_id:
        text = PERSON.sub("customer", text)
    if memory.subject in ("segment", "customers"):
        text = GROUP.sub("customers", text)
    elif memory.subject == "customer":
        text = GROUP.sub("customer", text)
    return text
