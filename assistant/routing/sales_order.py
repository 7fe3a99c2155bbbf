"""Which end of a sales ranking a question asks for (top_products' `order`): the least-selling
first for "worst sellers", "our weakest categories", "which month was slowest in 1997?",
"products that sold the least", "bottom 5 products"; the best first otherwise, and again
when a follow-up of a ranking from the bottom asks for the top ("and the best?").

A movement over time ("falling sales", "down the most") is top_products' `trend`, read
before this (trends.py), and "at least" is a floor, not an end.
"""

import re

LEAST = re.compile(
    r"\b(?:worst|weakest|slowest|quietest|poorest|lowest|bottom|fewest)\b|(?<!\bat\s)\bleast\b|"
    # "products that didn't sell well", "what sold poorly": the bottom, not what stopped
    r"(?:\bnot|n't)\s+(?:sell|sold|selling)\s+(?:well|much)\b|\bsold\s+poorly\b|"
    r"\bselling\s+poorly\b"
)
MOST = re.compile(r"\b(?:best|top|most|highest|biggest|strongest)\b")
# What turns a ranking from the bottom back: "top 5" after the worst sellers is 5 of them.
TURNS_BACK = re.compile(r"\b(?:best|most|highest|biggest|strongest)\b")


def order(text: str, before: object) -> str | None:
    """ "least" or "most" for lower-case text, or None to leave the tool's default (or what
    a follow-up carries); `before` is the order of the ranking the conversation is on. A
    message with both ends ("best and worst sellers") asks for neither end alone."""
    least, most = bool(LEAST.search(text)), bool(MOST.search(text))
    if least and not (most and re.search(r"\bbest\b", text)):
        return "least"
    if before == "least" and TURNS_BACK.search(text):  # "and the best?" after the worst
        return "most"
    return None
