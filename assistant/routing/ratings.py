"""Star ratings people type about reviews: "2-star reviews", "1 and 2 star reviews", "4+ star
reviews", "reviews rated 4 or above", "reviews under 3 stars".

Read before counts and sentiment, so "5-star" is neither a count of 5 (quantities._NOT_RATING
keeps it out of counts anyway) nor the positive sentiment: a rating is what the customer gave,
a sentiment what the model read in the text, and a question that names stars asks for stars.
Ratings are whole stars, so "under 3 stars" is at most 2. A number outside 1-5 is read as
typed: the tool's bounds name what is wrong with it.
"""

import re
from dataclasses import dataclass

from assistant.routing.reading import Reader

_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5}
_N = r"(?<![\w.])(?P<{}>\d{{1,2}}|one|two|three|four|five)(?![\w.,]\d|\.\d)"
LOW, HIGH = _N.format("low"), _N.format("high")
_STARS = r"[\s-]*stars?\b"
_RATED = r"\brated\s+(?:at\s+)?"
_MORE = r"\s*(?:\+|(?:or|and)\s+(?:more|above|higher|up|over|better)\b)"
_LESS = r"\s+(?:or|and)\s+(?:less|below|lower|under|fewer|worse)\b"
_ABOVE = r"(?:over|above|more\s+than|higher\s+than|better\s+than)\s+"
_BELOW = r"(?:under|below|less\s+than|lower\s+than|fewer\s+than|worse\s+than)\s+"
_AT_LEAST = r"(?:at\s+least|min(?:imum)?(?:\s+of)?)\s+"
_AT_MOST = r"(?:at\s+most|max(?:imum)?(?:\s+of)?)\s+"
# (pattern, how its numbers bound the rating), the more specific first. A comparison needs
# "stars" or "rated" beside the number: "over 3 customers" is no rating.
_FORMS: list[tuple[str, str]] = [
    (rf"(?:{_RATED})?{LOW}(?:{_STARS})?\s*(?:-|to|and|or|through)\s*{HIGH}{_STARS}", "range"),
    (rf"{_RATED}{LOW}\s*(?:-|to|through)\s*{HIGH}\b", "range"),
    (rf"{LOW}{_STARS}{_MORE}", "at least"),
    (rf"{_RATED}{LOW}{_MORE}", "at least"),
    (rf"{LOW}\s*\+{_STARS}", "at least"),
    (rf"{HIGH}{_STARS}{_LESS}", "at most"),
    (rf"{_RATED}{HIGH}{_LESS}", "at most"),
    (rf"(?:{_RATED})?{_AT_LEAST}{LOW}{_STARS}", "at least"),
    (rf"{_RATED}{_AT_LEAST}{LOW}\b", "at least"),
    (rf"(?:{_RATED})?{_AT_MOST}{HIGH}{_STARS}", "at most"),
    (rf"{_RATED}{_AT_MOST}{HIGH}\b", "at most"),
    (rf"(?:{_RATED})?{_ABOVE}{LOW}{_STARS}", "above"),
    (rf"{_RATED}{_ABOVE}{LOW}\b", "above"),
    (rf"(?:{_RATED})?{_BELOW}{HIGH}{_STARS}", "below"),
    (rf"{_RATED}{_BELOW}{HIGH}\b", "below"),
    (rf"{LOW}{_STARS}", "exactly"),
    (rf"{_RATED}{LOW}(?:\s*/\s*5)?\b", "exactly"),
]
PATTERNS = [(re.compile(form), kind) for form, kind in _FORMS]


@dataclass(frozen=True)
class Rating:
    """The star ratings a message asks for, both ends inclusive; None: no bound."""

    low: int | None = None
    high: int | None = None


def rating(reader: Reader) -> Rating | None:
    """The first rating condition the message names (taken from the reader), or None."""
    for pattern, kind in PATTERNS:
        match = pattern.search(reader.text)
        if match is None:
            continue
        reader.take(match.start(), match.end())
        found = {k: _value(v) for k, v in match.groupdict().items() if v is not None}
        low, high = found.get("low"), found.get("high")
        if kind == "range" and low is not None and high is not None:
            return Rating(min(low, high), max(low, high))
        if kind == "exactly":
            return Rating(low, low)
        if kind == "above" and low is not None:
            return Rating(low=low + 1)
        if kind == "below" and high is not None:
            return Rating(high=high - 1)
        return Rating(low=low) if kind == "at least" else Rating(high=high)
    return None


def _value(text: str) -> int:
    return _WORDS[text] if text in _WORDS else int(text)
