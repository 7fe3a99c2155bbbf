"""Markup pasted into a question (HTML tags, a script element, a comment) is not what is asked:
"<script>alert(1)</script> top products" asks for the best sellers. It is blanked out before
the question is read, after the refusal rules have read it whole ("run <script>...</script>"
is still a request to run code), and no tool ever runs it: the tools only read the store.

Only tags are dropped: a "<" not followed by a letter ("spent < $50", "<3 orders") stays, and
so does markup a review search looks for ("find reviews containing '<script>'", an operator
hunting injected reviews: searched_text.py).
"""

import re

from assistant.routing.reading import normalise
from assistant.routing.searched_text import searched_spans

# A script or style element with what it holds: code or styling, never words of the question.
ELEMENT = re.compile(r"<(script|style)\b[^>]*>.*?(?:</\1\s*>|$)", re.IGNORECASE | re.DOTALL)
TAG = re.compile(r"<!--.*?(?:-->|$)|</?[a-zA-Z][\w:-]*(?:\s[^<>]*)?/?>", re.DOTALL)


def without_markup(message: str) -> str:
    """`message` with its markup blanked out, one space for each character (so positions
    hold): script and style elements whole, other tags (the words between them kept) and
    comments; not the words a review search looks for."""
    if "<" not in message:  # the common case
        return message
    searched = searched_spans(normalise(message))

    def blank(match: "re.Match[str]") -> str:
        start, end = match.span()
        if any(start < right and left < end for left, right in searched):
            return match.group()
        return " " * (end - start)

    return TAG.sub(blank, ELEMENT.sub(blank, message))
