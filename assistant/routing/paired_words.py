"""The product a question asks what goes with (tools/bought_with.py): "what do people buy with
earl grey", "bought together with earl grey", "products similar to earl grey", "what goes
with earl grey", "cross-sell for earl grey", "people who bought earl grey also bought".

The name is taken as a product, so the text embedded reads "what goes with product" however
the product is called, as it does for a product id ("what goes with B0001E3LAQ", which
ids.py takes first, leaving nothing here to read). A name made only of pronouns and list
words ("what goes with it", "cross-sell for her") is none: the question points elsewhere.
Read after customers and segments ("cross-sell ideas for champions" names a segment).
"""

import re

from assistant.routing.reading import Reader

# One to four words up to the end, punctuation, a gap where a finder took something ("last
# year"), or a word that starts the rest of the question.
_NAME = r"(?P<name>[a-z][a-z0-9&'-]*(?:\s[a-z0-9&'-]+){0,3}?)"
_NAME_ENDS = (
    r"(?=\s*$|\s*[?.!,;:]|\s\s|\s(?:by|in|during|since|over|this|last|among|from|to|at|with|"
    r"on|per|and|or|so|ever|of|for|also|else|most|more|often|together|customers|buyers|"
    r"people|shoppers|is|are|do|does|did)\b)"
)
_THE = r"(?:(?:the|our|a|an|some)\s+)?"
PAIRED = [
    # "what do people buy with X", "bought together with X", "ordered alongside X"
    re.compile(rf"\b(?:buy|buys|bought|buying|purchase[sd]?|order(?:s|ed)?|sold|sells?)\s+"
               rf"(?:together\s+|along\s+)?(?:with|alongside)\s+{_THE}{_NAME}{_NAME_ENDS}"),
    # "products similar to X", "what products are like X", "items like X"
    re.compile(rf"\b(?:products?|items?)\s+(?:(?:that\s+)?(?:are|is)\s+)?(?:similar\s+to|like)"
               rf"\s+{_THE}{_NAME}{_NAME_ENDS}"),
    # "what goes well with X", "pairs with X", "sells well with X", "what to offer alongside
    # X" (not "an offer with free shipping")
    re.compile(rf"\b(?:(?:go(?:es)?|went|pairs?|paired|sells?)\s+(?:well\s+|best\s+|nicely\s+)?"
               rf"(?:together\s+)?(?:with|alongside)|offer\s+alongside)\s+{_THE}{_NAME}"
               rf"{_NAME_ENDS}"),
    # "what goes in baskets with X", "what ends up in the same basket as X", "what's in
    # orders with X"
    re.compile(rf"\b(?:in|into)\s+(?:the\s+same\s+|their\s+)?(?:baskets?|carts?|orders?)\s+"
               rf"(?:with|as|alongside)\s+{_THE}{_NAME}{_NAME_ENDS}"),
    # "cross-sell for X", "cross-sell ideas for X", "bundle ideas around X"
    re.compile(rf"\b(?:cross[\s-]?sell(?:s|ing)?|bundles?)\s+(?:ideas?\s+|offers?\s+|products?\s+|"
               rf"items?\s+)?(?:for|with|around)\s+{_THE}{_NAME}{_NAME_ENDS}"),
    # "people who bought X also bought", "buyers of X also buy": not "buyers of X" alone,
    # which ranks those buyers (top_customers)
    re.compile(rf"\b(?:customers|people|buyers|purchasers|shoppers|fans|those|anyone)\s+"
               rf"(?:of|who\s+(?:bought|buy|purchased|ordered|order))\s+{_THE}{_NAME}\s+"
               rf"(?:also|else)\b"),
    # "what else do X buyers purchase"
    re.compile(rf"\belse\s+do\s+{_THE}{_NAME}\s+(?:buyers|customers|shoppers|fans)\s+"
               rf"(?:buy|purchase|order|get)\b"),
]  # fmt: skip
# The words alone, whatever the product is called or however it was read (an id, a name, a
# pronoun): a cue for bought_with (rules.CUES), as nearly only its questions use them.
PAIRING = re.compile(
    r"\b(?:(?:buy|buys|bought|buying|purchase[sd]?|order(?:s|ed)?|sold|sells?)\s+(?:together\s+|"
    r"along\s+)?(?:with|alongside)|(?:bought|sold|go|goes|sell)\s+together|(?:products?|items?)"
    r"\s+(?:(?:that\s+)?(?:are|is)\s+)?(?:similar\s+to|like)\s+(?!customers?\b|this\s+customer)|"
    r"(?:go(?:es)?|went|pairs?|paired|sells?)\s+(?:well\s+|best\s+|nicely\s+)?(?:with|alongside)|"
    r"offer\s+alongside|cross[\s-]?sell(?:s|ing)?\s+(?:ideas?\s+|offers?\s+|products?\s+|"
    r"items?\s+)?(?:for|with|around)\s+(?!customers?\b|clients?\b|her\b|him\b|them\b)|"
    r"(?:also|else)\s+(?:buy|bought|purchased?|order(?:ed)?)\b|frequently\s+bought|"
    r"\b(?:in|into)\s+(?:the\s+same\s+|their\s+)?(?:baskets?|carts?)\s+(?:with|as|alongside))"
)
# Words that point elsewhere rather than name a product: "what goes with it", "cross-sell
# for her", "products similar to these".
NOT_A_PRODUCT = frozenset(
    "it its them this that these those her him us me you what which each other others one ones "
    "customer customers client clients segment segments product products item items everyone "
    "anything something".split()
)
# Words that open a count or bound, never a product's name: "orders with more than 3 items".
COUNTED = frozenset("more less fewer than over under least most at exactly only".split())


def paired_product(reader: Reader) -> str | None:
    """The product the message asks what goes with, as written, taken from the text as a
    product; None where it names none."""
    for pattern in PAIRED:
        for match in pattern.finditer(reader.text):
            name = " ".join(match.group("name").split())
            if not name or set(name.split()) <= NOT_A_PRODUCT or name.split()[0] in COUNTED:
                continue
            reader.take(match.start("name"), match.end("name"), "product")
            return name
    return None
