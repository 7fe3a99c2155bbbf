"""Checks of a draft as writing, not as facts: a small model can loop on one sentence or stop
after a subject line, and copy like that must not be sent even when every fact in it is right."""

import re
from collections import Counter

MIN_WORDS = 8  # shorter than any useful offer, SMS included
MAX_REPEATS = 2  # the same sentence (5+ words) a third time is a loop, not style
_SENTENCE = re.compile(r"[^.!?\n]+")


def repeated_sentence(text: str) -> tuple[str, int] | None:
    """The most repeated sentence of five or more words, if it occurs more than MAX_REPEATS."""
    sentences = [
        " ".join(s.lower().split()) for s in _SENTENCE.findall(text) if len(s.split()) >= 5
    ]
    if not sentences:
        return None
    sentence, count = Counter(sentences).most_common(1)[0]
    return (sentence, count) if count > MAX_REPEATS else None
