"""Typo repair before embedding: a word the router does not know, close to one it does, is
read as that word ("segmnets" -> "segments", "customr" -> "customer", "forcast" -> "forecast").

MiniLM splits an unknown word into pieces that carry little of its meaning, so one typo in a
short question can sink its similarity to every example. The known words are those of the
example phrasings and segment names (plus DOMAIN_WORDS), so the lexicon follows the store.
Only words of five letters or more are repaired (one edit up to seven letters, two beyond),
and only towards a word with the same first or second letter, which keeps repair cheap and
rare: an unknown word with no close known word is left alone.
Short forms of period words ("yr", "yrs", "mo", "mos") are written out before a message is
read at all (`spelled_out`): they are too short to repair, and periods are read before
embedding. So are negations typed without their apostrophe ("havent" -> "haven't"): every
reader of a negation (a lapse's "haven't ordered", a left-out segment's "aren't") then sees
one spelling.
"""

import re
from collections import defaultdict
from collections.abc import Collection, Iterable
from functools import lru_cache

from assistant.routing.fuzzy import allowed_edits, edit_distance
from assistant.routing.quantities import BACK
from assistant.routing.written_days import MONTH, MONTHS, YEAR

WORD = re.compile(r"[a-z]+")
DOMAIN_WORDS = frozenset(
    "customer customers client clients segment segments cluster clusters review reviews "
    "feedback churn churning risk offer offers discount coupon promo budget forecast demand "
    "sales revenue orders order model product products recommend recommendations similar "
    "lookalike sentiment complaints complaint categories category predictions prediction "
    "probability lifetime spend spending purchase purchases allocate allocation retention "
    "summary summarise summarize describe campaign message email draft themes positive "
    "negative accuracy metrics trained holdout freshness version profile history audience "
    "behaviour behavior likely expected projected quarter weekly monthly yearly lapsed "
    "performance upsell recommended suggestions spenders buyers shoppers ordered ordering "
    "bought buying purchased inactive quiet lapsing save saving retain retaining keep losing "
    "lookalikes reviewers complaining retrain retrained retraining "
    "hibernating champions loyal promising attention fewer rises grows falls shrinks "
    "weekday weekdays".split()
)


# Short forms of the words periods are read by ("best sellers this yr", "the last 2 yrs",
# "no order in 6 mo"; "6 month" is read as "6 months"):
# written out before anything is read, so every reader of periods and spans sees the word.
# Only after a word that counts or places a period, so searched words ("reviews saying 'yr
# welcome'") and addresses ("yr.smith@example.com") stay as written.
SHORT_FORMS = {"yr": "year", "yrs": "years", "mo": "month", "mos": "months"}
SHORT_FORM = re.compile(
    rf"\b(?P<before>{BACK}|this|next|per|a|an|the|each|every|\d+)(?P<gap>\s+)"
    rf"(?P<short>{'|'.join(SHORT_FORMS)})\b(?![.@'-])",
    re.IGNORECASE,
)


# "last" typed short before a period ("top sellers lst month", "lst 30 days"): read as a
# period's word, where the 90 days' default answered for "last month".
LAST_SHORT = re.compile(
    r"\b(?:lst|lsat|lasst)(?=\s+(?:\d+\s+)?(?:days?|weeks?|months?|quarters?|years?|yrs?|mos?|"
    r"q)\b)",
    re.IGNORECASE,
)


# Short forms of "customers" ("plan 5k for at-risk custs"), written out so that a segment's
# name before them reads as it does before "customers". Not in an address ("cust@shop.com").
CUSTOMER_SHORT = re.compile(r"\b(?P<short>custs|cust|custies)\b(?![@'-]|\.\w)", re.IGNORECASE)
CUSTOMER_WORDS = {"custs": "customers", "cust": "customer", "custies": "customers"}
# Negations typed without their apostrophe ("havent", "didnt"): the verb before "nt". Not
# "cant" nor "wont", which are words of their own.
BARE_NEGATION = re.compile(
    r"\b(?P<verb>have|has|had|did|do|does|is|are|was|were|would|could|should)nt\b",
    re.IGNORECASE,
)


# A two-digit year after a month's name ("march 98", "jan '98"): the year, read as strptime's
# %y reads it (69-99 the 1900s, 00-68 the 2000s). Without the apostrophe only above 31, which
# is no day of the month ("march 15" is a day).
SHORT_YEAR = re.compile(
    rf"\b(?P<month>{MONTH})(?P<gap>\.?,?\s+)(?:'(?P<marked>\d\d)|(?P<yy>3[2-9]|[4-9]\d))\b"
    r"(?![-/:.,]?\d|\s*(?:st|nd|rd|th)\b)",
    re.IGNORECASE,
)


def _full_year(match: re.Match[str]) -> str:
    two = int(match["marked"] or match["yy"])
    return f"{match['month']}{match['gap']}{(1900 if two >= 69 else 2000) + two}"


# A month's name a typo away ("febuary 1998", "in septmber"), read as the month: periods are
# read by their exact names, so a misspelt one left the default days answered without a word.
# Only a word of five letters or more, towards a full name of five or more with the same first
# letter, within the edits segment names allow (fuzzy.allowed_edits); and only where a period
# is written: before a year or a day ("febuary 1998", "marhc 5th"), or after a word that
# places one ("in", "since", "until"...). Words and names close to a month stay as written
# ("a match in 1998", "orders from Marco").
_FULL_MONTHS = tuple(name for name in MONTHS if len(name) >= 5)
_NOT_MONTHS = frozenset({"match", "marsh", "marcs", "marco", "marcy", "marci", "augusta",
                         "augusto", "auguste", "aprils"})  # fmt: skip
_PLACES = r"in|during|since|until|till|before|after|throughout|through|last|this|early|late"
MISSPELT_MONTH = re.compile(
    rf"(?P<lead>\b(?:{_PLACES})\s+(?:the\s+month\s+of\s+)?)?\b(?P<word>[a-z]{{5,}})\b"
    rf"(?(lead)|(?=\.?,?\s+(?:'\d\d|{YEAR}|3[2-9]|[4-9]\d|[0-3]?\d(?:st|nd|rd|th)?)\b))",
    re.IGNORECASE,
)


def month_read(word: str) -> str | None:
    """The month's name `word` is a typo of ("febuary" -> "february"); None for a word that
    is a month's name already or is none a typo away."""
    typed = word.lower()
    if typed in MONTHS or typed in _NOT_MONTHS or len(typed) < 5:
        return None
    for name in _FULL_MONTHS:
        limit = allowed_edits(name)
        if name[0] == typed[0] and edit_distance(typed, name, limit) <= limit:
            return name
    return None


def _month_repaired(match: re.Match[str]) -> str:
    return (match["lead"] or "") + (month_read(match["word"]) or match["word"])


def spelled_out(message: str) -> str:
    """`message` with its short forms of period words written out ("this yr" -> "this
    year") and of "customers" ("custs"), misspelt months' names repaired ("febuary 1998" ->
    "february 1998"), two-digit years after a month in full ("march 98" -> "march 1998") and
    its negations' apostrophes put back ("havent" -> "haven't"), "lst month" as "last
    month"; the positions of what is read
    later are those in the result."""
    message = MISSPELT_MONTH.sub(_month_repaired, message)
    message = LAST_SHORT.sub("last", message)
    message = SHORT_FORM.sub(
        lambda m: m["before"] + m["gap"] + SHORT_FORMS[m["short"].lower()], message
    )
    message = SHORT_YEAR.sub(_full_year, message)
    message = CUSTOMER_SHORT.sub(lambda m: CUSTOMER_WORDS[m["short"].lower()], message)
    return BARE_NEGATION.sub(lambda m: m["verb"] + "n't", message)


class Speller:
    """Repairs typos towards a lexicon of known words."""

    def __init__(self, texts: Iterable[str]) -> None:
        known = set(DOMAIN_WORDS)
        for text in texts:
            known.update(WORD.findall(text.lower()))
        self.known = frozenset(known)
        index: dict[str, list[str]] = defaultdict(list)
        for word in self.known:
            if len(word) >= 4:
                index[word[0]].append(word)
                index["_" + word[1]].append(word)
        self._index = {key: tuple(sorted(words)) for key, words in index.items()}
        self._repair = lru_cache(maxsize=4096)(self._closest)

    def correct(self, text: str, kept: Collection[str] = ()) -> str:
        """`text` (lower case) with each repairable word replaced by the known word, but for
        the words `kept`: a product's name as typed ("lapsang" is a tea, not "lapsing")."""
        return WORD.sub(lambda m: m.group() if m.group() in kept else self._repair(m.group()), text)

    def _closest(self, word: str) -> str:
        if len(word) < 5 or word in self.known:
            return word
        if word.removesuffix("s") in self.known or word.removesuffix("es") in self.known:
            return word  # a plural of a known word is known ("groups")
        if f"{word}s" in self.known or f"{word}es" in self.known:
            return word  # so is a singular ("basket" beside "baskets"): no typo of the plural
        limit = allowed_edits(word)
        best, best_edits = word, limit + 1
        candidates = {*self._index.get(word[0], ()), *self._index.get("_" + word[1], ())}
        for known in sorted(candidates):
            if abs(len(known) - len(word)) > limit:
                continue
            edits = edit_distance(word, known, limit)
            if edits < best_edits:
                best, best_edits = known, edits
        return best
