"""A count asked of the sentiment summary (review_sentiment without `per`): "the top 3
complaints" caps the complaint themes listed (`k`), while "the sentiment of the 10 latest
reviews" counts reviews, which the summary cannot: it sums up every review asked about, so
the count is dropped and the answer's note says so, rather than listing 10 themes nobody asked
for.
"""

import re
from collections.abc import Mapping
from typing import Any

from assistant.routing.extract import Extraction
from assistant.routing.signatures import ToolSignature

SUMMARY = "review_sentiment"
# Words for what the themes are: what customers complain about, not the reviews themselves.
THEMES = re.compile(
    r"\b(?:complain\w*|complaints?|themes?|issues?|problems?|gripes?|grievances?|"
    r"pain[\s-]points?|topics?|concerns?|frustrations?)\b"
)


def counts_themes(text: str) -> bool:
    """Whether a count in `text` (lower case) counts complaint themes ("top 3 complaints")."""
    return bool(THEMES.search(text))


def without_review_count(text: str, found: dict[str, Any]) -> dict[str, Any]:
    """The summary's arguments `found` without `k` where it counts reviews (no `per`, no
    word of themes)."""
    if "per" in found or "k" not in found or counts_themes(text):
        return found
    return {name: value for name, value in found.items() if name != "k"}


def review_count_note(tool: ToolSignature, x: Extraction, values: Mapping[str, Any]) -> str:
    """What the summary did with a count of reviews it cannot take."""
    if tool.name != SUMMARY or x.count is None or "per" in values or "k" in values:
        return ""
    return (
        f"The sentiment summary counts every review asked about; it cannot be limited to "
        f'{x.count:,} of them (a count limits the complaint themes listed, e.g. "the top 3 '
        'complaints").'
    )
