"""Ids in a message: products (ASINs, "product 123"), alert numbers and customers ("customer
42", "#42", "customers 42, 77", "customer 42 and 43", "similar to 42", a padded store's
"00042" or "who is 42" (padded), or a name in full: "customer Ada Lovelace", or "ada lovelace"
where the store has a customer of that name). Each is copied from what was typed (case kept,
digits ASCII) and taken from the text, so it is read once.

No two runs of spaces may touch in any pattern here ("\\s*(?:no)?\\s*"): on a long run of
spaces the engine would try every way to split it, and a message of "alert", 300 spaces and
"x" took seconds. Each optional word carries the spaces after it instead.
"""

import re
from collections.abc import Callable

from assistant.routing.negation import negation
from assistant.routing.reading import Reader
from assistant.routing.vocabulary import Vocabulary

# "alert 12", "alert #12", "alert number 12": an alert's number, read before customer ids.
# Any length and with its minus ("alert -3", "alert 99999999999999999999"): the tool refuses
# one out of range by name, where a number not read would explain the newest alert instead.
ALERT = re.compile(
    r"\balerts?\s*(?:(?:id|number|num|no\.?)\s*)?(?:[:#=]\s*)?(?:#\s*)?[-\u2212]?"
    r"(?P<id>\d+)\b"
)
# Python reads at most 4,300 digits as a number; more is out of range all the same.
MAX_ALERT_DIGITS = 4_000
ASIN = re.compile(r"\b(?P<id>b0[0-9a-z]{8})\b")
PRODUCT = re.compile(
    r"\b(?:product|item|asin|sku|prod)s?\s*(?:(?:id|#|no\.?|number)\s*)?(?:[:#=]\s*)?"
    r"(?P<id>[a-z0-9][\w-]*\d[\w-]*)\b(?!/\d)"  # "top products 12/1/97-...": a day
)
_ID = r"[a-z]{0,4}[-_]?\d[\w-]*"
# "12,345" or "12.345" is one number, 12345; "12,34" is none, never the id 12.
_GROUPED = r"\d{1,3}(?:[,.]\d{3})+(?![\w-]|[,.]\d)"
GROUPED = re.compile(rf"(?<![\d,.]){_GROUPED}")
_WHOLE = r"(?![\w-]|[,.]\d)"  # not part of a longer word or number
_UNITS = (
    r"percent|dollars?|euros?|bucks|k|grand|days?|weeks?|months?|years?|customers|people|"
    r"orders|reviews|products|items"
)
# "similar to 5501", "customers like 42": a lookalike question names its customer bare.
LOOKALIKE = re.compile(
    r"\b(?:sim\w*|like|resembl\w*)\s+(?:customers?\s+|ones?\s+|shoppers?\s+)?(?:to\s+)?"
    rf"(?P<id>{_GROUPED}|\d+\b(?![,.]\d))"
    r"(?!\s*(?:%|percent|dollars|customers|people|shoppers|days|weeks|months))"
)
# "#42": a customer, unless an alert's number was read ("explain alert #3 and #5").
HASH_ID = re.compile(rf"#\s*(?P<id>{_GROUPED}|\d+{_WHOLE})(?!\s+on\s+the\s+list)")
# "customer 42 and 43", "customer 42, 43 vs 44": a bare number joined to a customer's id is
# another customer, unless a unit or a list's word follows it ("customer 42 and 5 similar"),
# or it is a year (19xx, 20xx) where the store's ids are not 4 digits wide: "tell me about
# customer 42 and 1998" asks about 1998.
_YEAR = r"(?:19|20)\d\d(?![\w-]|[,.]\d)"


def _joined(years_apart: bool) -> str:
    year = rf"(?!{_YEAR})" if years_apart else ""
    return (
        rf"\s*(?:,|and|&|or|vs\.?|versus)\s*{year}\d+(?![\w-]|[,.]\d)"
        rf"(?!\s*(?:%|(?:{_UNITS}|more|others?|similar|like|lookalikes?|ones?|of|best|top|"
        r"recommendations?|suggestions|picks)\b))"
    )


def _one_customer(years_apart: bool) -> re.Pattern[str]:
    """'customer 42', 'client #42', 'customer 42 and 43', with years apart or not."""
    return re.compile(
        r"\b(?:cust[a-z]*|costumer|cusomer|csutomer|client|clinet|buyer|shopper|member|account|"
        r"acct|user)\.?\s*(?:(?:id|number|num|no\.?|#)\s*)?(?:[:#=]\s*)?"
        rf"(?P<id>(?:{_GROUPED}|{_ID}{_WHOLE})(?:{_joined(years_apart)})*)"
    )


CUSTOMER = [
    re.compile(rf"\bcustomers\s+(?P<ids>{_ID}(?:\s*(?:,|and|&|or|vs\.?|versus)\s*{_ID})+)"),
    _one_customer(years_apart=True),
    HASH_ID,
    re.compile(rf"\bid\s*(?:[:#=]\s*)?(?P<id>{_GROUPED}|\d+{_WHOLE})"),
    LOOKALIKE,
]
YEAR_WIDE_IDS = [_one_customer(years_apart=False) if p is CUSTOMER[1] else p for p in CUSTOMER]
ONE_CUSTOMER = (CUSTOMER[1], YEAR_WIDE_IDS[1])
# "top customers 1997", "best 10 customers 1998 by orders": after ranking words a bare year is
# the period ranked (periods.py reads it), not customer 1997; "customer 1997" and "#1997"
# name no ranking and stay ids.
RANKED_BEFORE = re.compile(
    r"\b(?:top|best|biggest|largest|heaviest|leading|highest[\s-]spending)\s+(?:\d+\s+)?$|"
    # "revenue per customer 1997 vs 1998", "average customer 1998": a figure per customer of
    # the year, no one customer
    r"\b(?:per|each|every|average|avg|typical)\s+$"
)


# A customer named in full, capitalised as names are, after words that ask for a person:
# "customer Ada Lovelace", "who is Ada Lovelace", "tell me about Ada Lovelace", "reviews by
# Ada Lovelace", "similar customers to Ada Lovelace", "shops like Ada Lovelace". Not after
# "about" alone: "reviews about Green Tea" is a topic. The tools look the name up only for
# roles that see contacts.
_NAME = (
    r"(?P<name>[A-Z][a-z'\u2019-]+(?:[ \t]+(?:(?:van|von|de|da|del|der|di|le|la)[ \t]+)?"
    r"[A-Z][a-z'\u2019-]+){1,3})\b"
)
# Whom a lookalike question is about: a customer by these words, whatever follows.
LIKE_A_CUSTOMER = (
    r"\b(?P<like>similar[ \t]+(?:customers?|shoppers?)[ \t]+to|lookalikes?[ \t]+(?:of|for)|"
    r"(?:customers?|clients?|shoppers?|shops?|buys?|behaves?)[ \t]+like)[ \t]+"
)
# The lookalike words first: "customers like ..." is not "customers" and a name "like ...".
_ASKING = (
    rf"(?:{LIKE_A_CUSTOMER}|\b(?:customers?|clients?|named|called|who[ \t]+is|look[ \t]+up|"
    r"pull[ \t]+up|tell[ \t]+me[ \t]+about|profile[ \t]+(?:of|for)|show[ \t]+me|open|"
    r"written[ \t]+by|(?:reviews?|feedback)[ \t]+(?:by|from))[ \t]+)"
)
NAMED = re.compile(f"(?i:{_ASKING})" + _NAME)
# Words after which a product is as likely as a person: "do buyers like Dark Chocolate",
# "what products are similar to Earl Grey", "an offer for Diwali". A name there is read only
# where the store has a customer called exactly that (KnownName), in any case.
_EITHER = r"\b(?:for|to|like)[ \t]+"
# Typed in lower case ("tell me about ada lovelace"), two to four words after the asking
# words are a name only where the store has a customer called exactly that (KnownName).
# One space apart: a wider gap is where a finder took something ("tell me about the loyal
# segment" reads "the", a gap, "segment").
# "find Guido Sample", "search for ada lovelace": a person only where the store has the name
# (a capitalised "find Earl Grey" may be a product).
_FINDING = r"\b(?:find|search\s+for|look\s+for|locate|get)[ \t]+"
LOWER_NAMED = re.compile(
    f"(?:{_ASKING}|{_EITHER}|{_FINDING})"
    + r"(?P<name>[a-z][a-z'\u2019-]*(?:[ \t][a-z][a-z'\u2019-]*){1,3})"
)
# A name alone, as a support agent pastes it ("Ada Lovelace", "grace hopper?"), or owning what
# follows ("ada lovelace's reviews"): the whole run of words, never a part of it ("tell me").
OPENING_NAME = re.compile(
    r"^(?P<name>[a-z][a-z-]*(?:[ \t][a-z][a-z-]*){1,3})(?P<owns>['\u2019]s\b)?"
    r"(?(owns)|[\s?.!]*$)"
)
NOT_NAMES = frozenset(
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday".split()
)
# Words of a period or of a question, never part of a name typed in lower case ("tell me
# about last month", "tell me about the sales").
NOT_IN_LOWER_NAMES = frozenset(
    "last this next past previous prior current month months year years quarter quarters week "
    "weeks day days today yesterday the a an our my your their all every some any and or of "
    "in on for with to from by about segment category customer customers".split()
)
KnownName = Callable[[str], bool]  # True for the full name of a customer the store has


def customer_names(
    reader: Reader, vocabulary: Vocabulary, known: KnownName | None = None
) -> tuple[str, ...]:
    """Customers named in full ("customer Ada Lovelace"), as typed; never a segment's or a
    category's name ("tell me about Can't Lose"), nor a month. With `known` (for a role that
    sees contacts), a name the store has a customer of, typed in any case after the same
    words ("tell me about ada lovelace") or after "for", "to" or "like" ("an offer for Ada
    Lovelace"; "an offer for Diwali" names no one)."""
    taken = {name.lower() for name in (*vocabulary.segments, *vocabulary.categories)}
    # After "customers like", a word of a category is what they like: "Dark Chocolate".
    store_words = {word for name in taken for word in name.split()}
    found: list[str] = []
    for match in list(NAMED.finditer(reader.typed)):
        name = match.group("name")
        words = {word.lower() for word in name.split()}
        if name.lower() in taken or words & NOT_NAMES or words & taken:
            continue
        if match.group("like") and words & store_words:
            continue
        if not reader.text[match.start("name") : match.end("name")].strip():
            continue  # already read as something else
        found.append(name)
        reader.take(match.start("name"), match.end("name"), "customer")
    if not found and known is not None:
        found = _known_names(reader, taken, known)
    return tuple(dict.fromkeys(found))


def _known_names(reader: Reader, taken: set[str], known: KnownName) -> list[str]:
    """Names typed in any case that the store's customers have: the longest run of words
    after the asking words that is one ("tell me about ada lovelace please"); else the words
    opening the message, alone or owning what follows (OPENING_NAME), where they are one."""
    never = NOT_NAMES | NOT_IN_LOWER_NAMES | {word for name in taken for word in name.split()}
    found: list[str] = []
    for match in list(LOWER_NAMED.finditer(reader.text)):
        start = match.start("name")
        words = list(re.finditer(r"\S+", match.group("name")))
        for last in range(len(words), 1, -1):
            end = start + words[last - 1].end()
            name = " ".join(reader.text[start:end].split())
            if name in taken or {word.group() for word in words[:last]} & never:
                continue
            if known(name):
                found.append(reader.typed[start:end])
                reader.take(start, end, "customer")
                break
    opening = OPENING_NAME.match(reader.text)
    if not found and opening is not None:
        start, end = opening.span("name")
        name = " ".join(opening.group("name").split())
        if name not in taken and not set(name.split()) & never and known(name):
            found.append(reader.typed[start:end])
            reader.take(start, opening.end(), "customer")
    return found


def product_ids(reader: Reader) -> tuple[str, ...]:
    found: list[tuple[int, str]] = []
    for pattern in (ASIN, PRODUCT):
        for match in list(pattern.finditer(reader.text)):
            if reader.text[match.start("id") : match.end("id")].strip():
                found.append((match.start(), reader.typed[match.start("id") : match.end("id")]))
                reader.take(match.start(), match.end(), "product")
    ids = [value.upper() if ASIN.fullmatch(value.lower()) else value for _, value in sorted(found)]
    return tuple(dict.fromkeys(ids))


def bare_id(width: int, zero: bool = False) -> re.Pattern[str]:
    """A number of the store's id width standing alone ("00042"; "23001" once money, counts
    and horizons are read), not followed by a unit."""
    digits = rf"0\d{{{width - 1}}}" if zero else rf"\d{{{width}}}"
    return re.compile(rf"(?<![\w$€£.,#])(?P<id>{digits})\b(?!\s*(?:%|{_UNITS})\b)")


# "who is 7592", "look up 42": a number no wider than the store's padded ids, right after
# words that ask for a person, is that customer, padded ("07592"). After "who is" any such
# number; after the other words not a year ("tell me about 1997" asks about the year). A unit
# after it ("look up 30 days") makes it no id.
_WHO = r"\bwho(?:\s+(?:is|was)|'s|s)\s+"
_LOOK_UP = r"\b(?:look\s+up|lookup|pull\s+up|profile\s+(?:of|for)|tell\s+me\s+about)\s+"


def asked_by_number(width: int) -> re.Pattern[str]:
    """A number of up to `width` digits asked about as a person ("who is 7592")."""
    return re.compile(
        rf"(?:{_WHO}|{_LOOK_UP}(?!{_YEAR}))(?:#\s*)?(?P<id>\d{{1,{width}}}){_WHOLE}"
        rf"(?!\s*(?:%|{_UNITS})\b)"
    )


def _ranked_year(text: str, start: int, typed: str) -> bool:
    """True for a year after ranking words ("top customers 1997") or a figure's "per" ("revenue
    per customer 1997"): a period, not an id."""
    return bool(re.fullmatch(_YEAR, typed) and RANKED_BEFORE.search(text[:start]))


def alert_id(reader: Reader) -> int | None:
    """The first alert number. Every alert number is taken, so none reads as a customer id
    ("explain alert #3 and alert #5"); the words stay in the text to embed."""
    alerts = list(ALERT.finditer(reader.text))
    for alert in alerts:
        reader.take(alert.start(), alert.end())
    if not alerts:
        return None
    start = alerts[0].start("id")
    # A minus standing apart ("alert -3", "alert: -3"), not one joining ("alert-3" is 3).
    minus = reader.typed[start - 1] in "-\u2212" and reader.typed[start - 2] in " \t:#="
    return int(alerts[0].group("id")[:MAX_ALERT_DIGITS]) * (-1 if minus else 1)


def customer_ids(
    reader: Reader,
    vocabulary: Vocabulary,
    patterns: list[re.Pattern[str]] | None = None,
    bare_hash: bool = True,
    left_out: list[str] | None = None,
) -> tuple[str, ...]:
    """Customer ids, by `patterns` (default CUSTOMER and, for a padded store, zero-padded
    numbers). Without `bare_hash` a "#5" is no customer: an alert's number was read, and the
    other "#N" are alerts too. Ids the message leaves out ("champions except 00042") go to
    `left_out` when given, not into the result."""
    found: list[tuple[int, str]] = []
    if patterns is None:
        default = YEAR_WIDE_IDS if vocabulary.id_width == 4 else CUSTOMER
        patterns = [p for p in default if bare_hash or p is not HASH_ID]
        if vocabulary.id_width is not None:  # zero-padded: an id even before numbers are read
            patterns.append(bare_id(vocabulary.id_width, zero=True))
            patterns.append(asked_by_number(vocabulary.id_width))
    for pattern in patterns:
        for match in list(pattern.finditer(reader.text)):
            group = "ids" if "ids" in match.groupdict() else "id"
            typed = reader.typed[match.start(group) : match.end(group)]
            if pattern in ONE_CUSTOMER and _ranked_year(reader.text, match.start(), typed):
                continue
            # "12,345": one id, 12345, alone or joined ("customer 12,345 and 43").
            typed = GROUPED.sub(lambda grouped: re.sub(r"[,.]", "", grouped.group()), typed)
            excluded = left_out is not None and negation(reader.text, match.start()) == "excluded"
            for one in re.split(r",|&|\b(?:and|or|vs|versus)\b\.?", typed):
                if one.strip() and excluded and left_out is not None:
                    left_out.append(vocabulary.customer_id(one))
                elif one.strip():
                    found.append((match.start(group), vocabulary.customer_id(one)))
            # The lookalike pattern keeps its words ("similar to"): only the id is a name.
            whole = pattern is not LOOKALIKE
            start, end = (match.start(), match.end()) if whole else match.span(group)
            reader.take(start, end, "customer")
    return tuple(dict.fromkeys(value for _, value in sorted(found, key=lambda f: f[0])))
