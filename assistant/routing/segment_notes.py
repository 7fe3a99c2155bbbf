"""Which of the segments a message names a one-segment tool gets, and the note on the others:
"loyal champions" names one group twice, and a customer is in one segment only; "champions and
loyal" asks for two groups, and the tool answers for one at a time.
"""

import re
from collections.abc import Mapping
from typing import Any

from assistant.routing.extract import Extraction
from assistant.routing.signatures import ToolSignature

SEGMENT_WORDS = ("segment", "group", "cohort", "rfm", "bucket")
GENERIC = "at risk"  # a segment name that is also the at-risk tool's cue
# "At risk" named as the segment: a segment word beside it ("the at-risk segment", "rfm group
# 'at risk'"), not anywhere ("at risk customers in the loyal segment" are loyal ones).
_WORDS = "|".join(SEGMENT_WORDS)
GENERIC_NAMED = re.compile(
    rf"\bat[\s-]?risk['\"]?\s+(?:{_WORDS})s?\b|\b(?:{_WORDS})s?\s+(?:called\s+|named\s+)?['\"]?"
    r"at[\s-]?risk\b"
)


def named_segments(tool: ToolSignature, x: Extraction, text: str) -> list[str]:
    """The segments the message names as a filter for `tool`, the one to use first. "At-risk
    customers" is what the at-risk tool ranks, not a filter to the RFM "at risk" group: it
    comes after any other segment named ("top 5 at risk loyal customers" are loyal ones), and
    counts only when the segment itself is named ("the at-risk segment"; not "at risk
    customers in the loyal segment")."""
    if tool.name != "at_risk_customers" or GENERIC not in x.segments:
        return list(x.segments)
    others = [name for name in x.segments if name != GENERIC]
    return [*others, GENERIC] if GENERIC_NAMED.search(text) else others


def one_segment(tool: ToolSignature, x: Extraction, text: str, values: Mapping[str, Any]) -> str:
    """Which segment the answer covers when the message names more than one: the tool takes
    one at a time ("champions and loyal"), and one customer cannot be in two ("loyal
    champions")."""
    used = values.get("segment")
    # "new customers among champions in 1998" counts the new ones: 'new' is the figure asked.
    counted = "new" if values.get("figure") == "new_customers" else None
    others = [n for n in named_segments(tool, x, text) if n not in (used, counted)]
    if used is None or not others:
        return ""
    if x.segments_joined:
        again = " or ".join(others)
        return f"I can answer for one segment at a time: this is for {used}; ask again for {again}."
    skipped = " or ".join(f"'{name}'" for name in others)
    return f"A customer is in one segment only, so this covers '{used}', not {skipped}."
