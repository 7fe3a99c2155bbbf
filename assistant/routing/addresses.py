"""E-mail addresses in a message: a customer to look up ("look up lynn.sketch.00003@example.com",
"who is lynn@example.com", the address alone), or words like any other ("reviews mentioning
support@ourshop.com", "any reviews that say to email info@brand.com?").

An address names a customer only where the message asks about a customer and says nothing of
reviews; reviews written by the address ("reviews by lynn@example.com") are that customer's.
Otherwise it is text: the search topic keeps it, and a role that may not see contact details is
not refused for typing a shop's own address into a review search.
"""

import re

from assistant.routing.reading import Reader

EMAIL_ADDRESS = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# Words that ask about a customer, read where no address is.
ABOUT_A_CUSTOMER = re.compile(
    r"\b(?:look(?:ing)?\s+up|lookup|pull\s+up|find|open|profiles?|customers?|clients?|buyers?|"
    r"shoppers?|accounts?|who\s+is|who's|whos|tell\s+me\s+about|details|info(?:rmation)?\s+"
    r"(?:on|about|for))\b"
)
REVIEW_WORDS = re.compile(
    r"\b(?:reviews?|reviewed|ratings?|rated|stars?|say|says|saying|said|complain\w*|feedback|"
    r"comments?|mention\w*|talk\w*|wr[io]te|written|sentiment)\b"
)
WRITTEN_BY = re.compile(r"\b(?:by|from)\s+(?:(?:the\s+)?customer\s+)?$")
# What may stand beside an address typed alone: "lynn@example.com?", "please: lynn@example.com".
ALONE = re.compile(r"[\W_]*(?:(?:please|pls)[\W_]*)?")


def looked_up(text: str) -> list[tuple[int, int]]:
    """The spans of the addresses in `text` (lower case) that name a customer to look up: the
    address alone, one written by ("reviews by ..."), or any where the message asks about a
    customer and has no review words."""
    spans = [match.span() for match in EMAIL_ADDRESS.finditer(text)]
    if not spans:
        return []
    words = _blanked(text, spans)
    if ALONE.fullmatch(words):
        return spans
    asked = ABOUT_A_CUSTOMER.search(words) is not None and REVIEW_WORDS.search(words) is None
    return [span for span in spans if asked or WRITTEN_BY.search(text[: span[0]])]


def email_addresses(reader: Reader) -> tuple[tuple[str, ...], list[tuple[int, int]]]:
    """The customers named by e-mail address, as typed, and the spans of the other addresses
    (text, for the search topic). Every address is taken, before any id is read, so the digits
    in one are no customer id of their own."""
    customers = looked_up(reader.text)
    found = [reader.typed[start:end] for start, end in customers]
    others = [m.span() for m in EMAIL_ADDRESS.finditer(reader.text) if m.span() not in customers]
    for start, end in customers:
        reader.take(start, end, "customer")
    for start, end in others:
        reader.take(start, end)
    return tuple(dict.fromkeys(found)), others


def restored(text: str, original: str, spans: list[tuple[int, int]]) -> str:
    """`text` with `spans` put back from `original` (both lower case, of one length)."""
    for start, end in spans:
        text = text[:start] + original[start:end] + text[end:]
    return text


def _blanked(text: str, spans: list[tuple[int, int]]) -> str:
    for start, end in spans:
        text = text[:start] + " " * (end - start) + text[end:]
    return text
