"""Times of day a draft writes: "11:59pm", "5 p.m.", "23:59", "midnight", "noon", "9 o'clock".

No facts block holds a time. An offer's end is a day (`offer_expires` is a date, with no hour
or time zone), so "valid until 11:59pm on May 1" or "ends at midnight" gives it an hour the
facts do not: a store that closes offers at 6pm, or a customer in another time zone, would be
told wrong. The day's end may still be said in words that name no hour: "until the end of day
on May 1, 2026" (dates.py reads it as the offer's end). verify.py refuses every time found.

Pure text in, mentions out, like durations.py; extract.py masks each time before reading dates
and figures, so "11:59" is not read again as the numbers 11 and 59.
"""

import re
from dataclasses import dataclass

# "pm", "p.m." or "p.m"; a dot after "pm" ends the sentence.
_MERIDIEM = r"[ap](?:m|\.m\.?)(?!\w)"
TIME_OF_DAY = re.compile(
    # "11:59pm", "23:59", "11.59 p.m."; a dot only before am/pm ("12.50" is money or a figure).
    rf"(?i)(?<![\w.:,])(?:[01]?\d|2[0-3]):[0-5]\d(?:\s*{_MERIDIEM})?(?![\d:])"
    rf"|(?<![\w.:,])(?:1[0-2]|0?\d)\.[0-5]\d\s*{_MERIDIEM}"
    rf"|(?<![\w.:,])(?:1[0-2]|0?\d)\s*{_MERIDIEM}"
    r"|\b(?:midnight|noon|midday)\b|(?<![\w.])(?:1[0-2]|0?\d)\s+o'?clock\b"
)


@dataclass(frozen=True)
class TimeMention:
    text: str
    start: int


def find_times(text: str) -> list[TimeMention]:
    """Each time of day `text` names, in order."""
    return [TimeMention(m.group(0).strip(), m.start()) for m in TIME_OF_DAY.finditer(text)]
