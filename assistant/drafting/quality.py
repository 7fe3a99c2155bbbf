"""Checks of a draft as writing, not as facts: a small model can loop on one sentence or stop
after a subject line, and copy like that must not be sent even when every fact in it is right."""

import re
from collections import Counter

MIN_WORDS = 8  # shorter than any useful offer, SMS included
MAX_REPEATS = 2  # the same sentence (5+ words) a third time is a loop, not style
_SENTENCE = re.compile(r"[^.!?\n]+")
# A model that echoes its prompt writes the facts block back: its tags, or "name: value" lines
# with the facts' snake_case keys. Such text is not copy, even though every fact in it is true.
_FACTS_TAG = re.compile(r"</?facts>", re.IGNORECASE)
_FACT_LINE = re.compile(r"^\s*[a-z]+_[a-z_]+\s*:", re.MULTILINE)


def repeated_sentence(text: str) -> tuple[str, int] | None:
    """The most repeated sentence of five or more words, if it occurs more than MAX_REPEATS."""
    sentences = [
        " ".join(s.lower().split()) for s in _SENTENCE.findall(text) if len(s.split()) >= 5
    ]
    if not sentences:
        return None
    sentence, count = Counter(sentences).most_common(1)[0]
    return (sentence, count) if count > MAX_REPEATS else None


def echoes_prompt(text: str) -> bool:
    """True when the draft repeats the prompt's facts block instead of writing copy."""
    return bool(_FACTS_TAG.search(text)) or len(_FACT_LINE.findall(text)) >= 2
