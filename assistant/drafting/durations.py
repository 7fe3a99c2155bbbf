"""How long a draft says its offer lasts, in words: "for a week", "for the next two weeks",
"for one month", "for a fortnight", "for over a year", "for a couple of years", "for several
weeks", "for a dozen days".

Pure text in, mentions out. Each length is kept as the fewest and most days it can mean (a month
is 28 to 31, "for over a year" more than 366), so placement.py can hold it to the days the offer
lasts. A count in digits is left to extract.py, which reads it as a number ("for 7 days": 7 is
no fact; "for 14 days" beside "days" is the offer's); a count in words, or none, is read only
here. Only "for" with a count, "a", or a word that points ahead ("for the next month", "for the
whole week") is a length: "for the day" names no count, and "over the next year" is the
predicted value's span. And only the offer's: the words just before "for", in the same clause,
must speak of the offer ("15% off for a week", "your code is good for a month"), and the length
must not be a thing of its own ("for the coming week's breakfasts", "for a year of great
coffee"). "Stock up for the whole month" and "you've been with us for a year" say nothing of how
long the offer lasts.
"""

import re
from dataclasses import dataclass

from assistant.drafting.dates import COUNT_WORDS

# Counts in vaguer words, as the fewest and most they can mean: "for a couple of years" is two,
# "for several weeks" three to nine (so never a 14-day offer), "for a few weeks" two to five,
# "for a dozen days" twelve.
VAGUE_COUNTS = {"couple of": (2, 2), "few": (2, 5), "several": (3, 9), "dozen": (12, 12)}
VAGUE_COUNTS |= {"half a dozen": (6, 6), "half-dozen": (6, 6)}
_COUNT = (
    r"\d{1,3}|"
    + "|".join(v.replace(" ", r"\s+") for v in sorted(VAGUE_COUNTS, key=len, reverse=True))
    + "|"
    + "|".join(sorted(COUNT_WORDS, key=len, reverse=True))
)
# The fewest and most days one of each unit can be.
UNIT_DAYS = {"day": (1, 1), "week": (7, 7), "fortnight": (14, 14), "month": (28, 31)}
UNIT_DAYS["year"] = (365, 366)
NO_END = 100_000  # the most days of a length with no upper bound ("for over a year")
# The offer, in the words before its length: "15% off", "your code", "valid", "yours".
OFFER_WORDS = re.compile(
    r"(?i)\b(?:off|discount|offer|code|coupon|voucher|deal|saving|savings|valid|lasts?|"
    r"good|yours|redeem|use\s+it|claim\s+it|running|runs|open)\b|%"
)
CLAUSE_BEFORE = 40  # characters before "for" read for the offer, back to a clause's start
NOT_A_LENGTH = re.compile(r"(?i)^(?:'s|\u2019s|\s+of\b)")  # "the week's", "a year of"
# A hedge before the length, and the side of the count it puts the days on: "for over two
# weeks" is more than 14 days, "for up to a month" at most 31; "for about a week" and "for
# nearly two weeks" are near the count, as the count alone is.
HEDGES = {"over": "above", "more than": "above", "at least": "from", "upwards of": "from"}
HEDGES |= {"under": "below", "less than": "below", "up to": "to", "no more than": "to"}
HEDGES |= dict.fromkeys(("about", "around", "roughly", "nearly", "almost", "just over"), "near")
_HEDGE = "|".join(h.replace(" ", r"\s+") for h in sorted(HEDGES, key=len, reverse=True))
LENGTH = re.compile(
    rf"(?i)\bfor\s+(?:({_HEDGE})\s+)?(?:(the|a|an)\s+)?"
    r"(?:(next|coming|following|whole|full|entire)\s+)?"
    rf"(?:({_COUNT})\s+)?(day|week|fortnight|month|year)s?\b"
)


@dataclass(frozen=True)
class DurationMention:
    text: str
    start: int
    fewest_days: int
    most_days: int


def find_durations(text: str) -> list[DurationMention]:
    """Each length of time `text` gives with "for", in days."""
    found: list[DurationMention] = []
    for match in LENGTH.finditer(text):
        hedge, article, ahead, count, unit = (g.lower() if g else None for g in match.groups())
        if count is not None and count.isdigit():
            continue  # "for 7 days": the number is checked as one (extract.py)
        if count is not None:
            count = " ".join(count.split())
            least, number = VAGUE_COUNTS.get(count) or (COUNT_WORDS[count],) * 2
        elif ahead is not None or article in ("a", "an"):
            least = number = 1  # "for a week", "for the next month"
        else:
            continue  # "for the day", "for the month of May": no length of time
        if NOT_A_LENGTH.match(text[match.end() :]) or not _of_the_offer(text, match.start()):
            continue
        low, high = UNIT_DAYS[str(unit)]
        side = HEDGES[" ".join(hedge.split())] if hedge else "near"
        fewest = {"below": 1, "to": 1, "above": number * high + 1}.get(side, least * low)
        most = {"above": NO_END, "from": NO_END, "below": least * low - 1}.get(side, number * high)
        found.append(DurationMention(match.group(0), match.start(), fewest, most))
    return found


def _of_the_offer(text: str, start: int) -> bool:
    """Whether the clause before a length at `start` speaks of the offer."""
    before = text[max(0, start - CLAUSE_BEFORE) : start]
    clause = re.split(r"[.!?;:,\n]|\b(?:and|but|so)\b", before)[-1]
    return bool(OFFER_WORDS.search(clause))
