"""The time to come that a segment's predictions cover, as drafts name it: "next year", "over
the next 12 months", "the coming year", "in the next 90 days".

A segment's predicted value is spend over the value horizon (RETAIN_CLV_HORIZON_DAYS: 365 days
unless set), so "their predicted spend next year" names a span the facts give, not a date they
lack. Read alone, "next year" is the calendar year after the copy is written and "the next 12
months" holds a figure no fact is (dates.py, figures.py), and a summary saying either was
refused. verify.py blanks each phrase found here before claims are read, so it passes where
it is the horizon. A span that is not ("next month", "the next 6 months" of a 365-day
horizon), and every such phrase where the facts give no horizon (an offer), is left to be
read as before: a date or a figure the facts must hold.

Pure text in, spans out.
"""

import re

from assistant.drafting.dates import COUNT_WORDS

# The fewest and most days one of each unit can be: twelve months are 336 to 372 days, so "the
# next 12 months" is a 365-day horizon and "the next 3 months" a 90-day one.
UNIT_DAYS = {"day": (1, 1), "week": (7, 7), "fortnight": (14, 14), "month": (28, 31)}
UNIT_DAYS |= {"quarter": (89, 92), "year": (365, 366)}
_COUNT = r"\d{1,4}|" + "|".join(sorted(COUNT_WORDS, key=len, reverse=True))
HORIZON = re.compile(
    r"(?i)\b(?:(?:over|during|in|within|for|across|throughout)\s+)?(?:the\s+)?"
    rf"(?:next|coming|following|upcoming)\s+(?:({_COUNT})\s+)?"
    r"(day|week|fortnight|month|quarter|year)s?\b"
)


def horizon_spans(text: str, horizon_days: int | None) -> list[tuple[int, int]]:
    """Where `text` names the span of `horizon_days` days to come; none without a horizon."""
    if horizon_days is None:
        return []
    spans: list[tuple[int, int]] = []
    for match in HORIZON.finditer(text):
        written, unit = (match.group(1) or "1").lower(), match.group(2).lower()
        count = int(written) if written.isdigit() else COUNT_WORDS[written]
        fewest, most = UNIT_DAYS[unit]
        if count * fewest <= horizon_days <= count * most:
            spans.append(match.span())
    return spans
