"""What is embedded of a message: its names replaced by their kind, so similarity compares what
is asked, not whom or what it is about. The names are those extract.py read (its `entities`);
how each kind stands in is PLACEHOLDERS.
"""

import re

from assistant.routing.extract import Extraction
from assistant.routing.fuzzy import PAIRED

# What stands in for a name in the text that is embedded. A segment name is dropped: "describe
# the hibernating customers" is "describe the customers", whichever segment. Quoted text is
# data to analyse, not what is asked, so it goes too.
# A category the store knows stands for what is asked about it: "top beverages" is embedded
# as "top products", the way every sales question reads whatever the store sells.
PLACEHOLDERS = {
    "customer": "customer",
    "product": "product",
    "segment": "",
    "quote": "",
    "category": "products",
    "period": "",  # a sales period's first day ("since April"): when, not what, is asked
    # What people are asked to like ("do people like Earl Grey?"): a product, whatever it is.
    "topic": "products",
}
# Names that are also the words of a question: "at-risk customers" asks for the at-risk list.
KEEP_IN_TEXT = frozenset({"at risk"})
# A segment's name ranked as a noun ("top 5 champions in 1997") stands for its customers:
# dropped, it would leave "top 5", which reads as the best sellers' "top 5 products".
RANKED_BEFORE = re.compile(r"\b(?:top|best|biggest|largest)\s+(?:\d+\s+)?$")
# After two segments' names, a word that says they are segments ("loyal and lost segments").
GROUP_AFTER = re.compile(r"\s*(?:segments?|groups?|cohorts?)\b")
# A noun after the name says what is ranked ("top 5 loyal customers", "top champions products").
NOUN_AFTER = re.compile(
    r"^['\u2019]?s?\s+(?:customers?|buyers?|clients?|shoppers?|spenders?|members?|accounts?|"
    r"people|users?|products?|items?|categor(?:y|ies))\b"
)


def delexicalise(message: str, x: Extraction) -> str:
    """The message with its names replaced (see PLACEHOLDERS: "customer 42" -> "customer",
    "B000EYLDYE" -> "product", segment names and quoted text dropped; a segment's name ranked
    as a noun, "top 5 champions", -> "customers"; several joined, "champions and loyal", ->
    "segments")."""
    out: list[str] = []
    at = 0
    dropped_segment = False  # the last name placed was a segment's, dropped
    for start, end, kind in x.entities:
        named = " ".join(message[start:end].lower().replace("-", " ").split())
        # "the at risk customers in champions": the at-risk list, of champions.
        if kind == "segment" and (x.segment in KEEP_IN_TEXT or named in KEEP_IN_TEXT):
            continue
        if kind == "segment" and dropped_segment and PAIRED.fullmatch(message[at:start]):
            # "compare champions and loyal": segments, several, as "compare the segments"
            # says; "the loyal and champions segments" are the segments.
            out[-1] = "" if GROUP_AFTER.match(message[end:].lower()) else "segments"
            at = end
            continue
        out.append(message[at:start])
        ranked = RANKED_BEFORE.search(message[at:start].lower())
        if kind == "segment" and ranked and not NOUN_AFTER.search(message[end:].lower()):
            out.append("customers")
        else:
            out.append(PLACEHOLDERS[kind])
        dropped_segment = kind == "segment" and not out[-1]
        at = end
    out.append(message[at:])
    return "".join(out)
