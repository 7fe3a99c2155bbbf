"""Numbers people type in questions: money, percentages, time horizons and counts.

Each finder reads lower-cased text and yields (start, end, value) for every mention, so the
caller can mask what one finder took before the next reads ("next 6 weeks" is a horizon, not a
count of 6). Written numbers count too ("fifteen percent", "two weeks", "ten thousand dollars").
"""

import math
import re
from collections.abc import Iterator

Mention = tuple[int, int, float]

_SMALL = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen"
).split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
WORD_VALUES = {w: i for i, w in enumerate(_SMALL)} | {w: 20 + 10 * i for i, w in enumerate(_TENS)}
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000}
_WORD = "|".join(sorted([*WORD_VALUES, *SCALES], key=len, reverse=True))
WORDS = rf"(?:{_WORD})(?:[\s-]+(?:and[\s-]+)?(?:{_WORD}))*"
# With an exponent ("1e6"): read whole, or "$1e6" would be a budget of $1.
DIGITS = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:e[+-]?\d+)?"
NUM = rf"(?<![\w.])(?P<n>{DIGITS}|\b{WORDS}\b)"
MULTIPLIERS = {"k": 1e3, "thousand": 1e3, "grand": 1e3, "m": 1e6, "mil": 1e6, "million": 1e6}
_MULT = r"(?:\s?(?P<mult>k|thousand|grand|m|mil|million)\b)?"

UNIT_DAYS = {"day": 1, "week": 7, "fortnight": 14, "month": 30, "quarter": 90, "year": 365}
_UNIT = r"(?P<unit>day|week|fortnight|month|quarter|year)s?\b"
HORIZONS = [
    re.compile(rf"{NUM}[\s-]*{_UNIT}"),
    re.compile(rf"\b(?:the\s+)?(?:next|this|coming|upcoming|following|a|one|per|each)\s+{_UNIT}"),
    re.compile(r"\bhalf[\s-]+(?:a[\s-]+)?(?P<half>year)\b"),
    re.compile(r"\b(?:end|rest)\s+of\s+(?:the\s+)?(?:this\s+)?" + _UNIT),
]
PERCENTS = [
    re.compile(rf"{NUM}\s*(?:%|percent\b|per\s?cent\b|pct\b)"),
    re.compile(rf"\bdiscount(?:\s+of)?(?:\s+up\s+to)?\s+{NUM}(?!\s*(?:[$€£k,.]\d|dollars|bucks))"),
    re.compile(rf"{NUM}\s+off\b"),
    re.compile(r"\b(?P<half>half)[\s-]+(?:off|price)\b"),
]
_CURRENCY_WORD = r"(?:dollars?|usd|eur|euros?|bucks|pounds?|gbp|quid)\b"
AMOUNTS = [
    re.compile(rf"[$€£]\s*{NUM}{_MULT}"),
    re.compile(rf"{NUM}{_MULT}\s*{_CURRENCY_WORD}"),
    re.compile(rf"{NUM}\s?(?P<mult>k|grand)\b"),
    re.compile(
        rf"\b(?:budget|spend|spending|allocate|allocating|invest|investing)(?:\s+|\s*:\s*)"
        rf"(?:(?:of|is|was|were|be|=|:|for|at|to|about|around|roughly|up to|only|just)\s*)*"
        rf"{NUM}{_MULT}"
    ),
    re.compile(rf"{NUM}{_MULT}\s+(?:dollar\s+|euro\s+|pound\s+)?budget\b"),
]
_COUNTED = (
    r"customers|people|clients|buyers|shoppers|accounts|reviews|lookalikes|look-alikes|"
    r"products|items|names|results|ones|matches|recommendations|suggestions|picks|rows|entries|"
    r"folks|users|similar|suggested|recs"
)
COUNTS = [
    re.compile(rf"\btop[\s-]*{NUM}"),
    re.compile(rf"\b(?:first|best|worst|riskiest|biggest|largest)\s+{NUM}"),
    re.compile(r"\b(?:limit|k)\s*[=:]?\s*(?P<n>\d+)\b"),
    re.compile(rf"{NUM}\s+(?:[a-z-]+\s+){{0,2}}?(?:{_COUNTED})\b"),
    re.compile(rf"{NUM}\s+of\s+(?:them|those)\b"),
    re.compile(rf"\b(?:show|list|give|get|find|pull|fetch|return)(?:\s+me)?(?:\s+the)?\s+{NUM}\b"),
]


def number(text: str) -> float | None:
    """The value of '5,000', '2.5', '1e6', 'fifteen' or 'twenty five thousand'; None if not a
    finite number."""
    text = text.strip()
    if text and (text[0].isdigit()):
        try:
            value = float(text.replace(",", ""))
        except ValueError:
            return None
        return value if math.isfinite(value) else None
    total, current = 0, 0
    seen = False
    for word in re.split(r"[\s-]+", text):
        if word == "and":
            continue
        if word in WORD_VALUES:
            current += WORD_VALUES[word]
        elif word == "hundred":
            current = max(current, 1) * 100
        elif word in SCALES:
            total += max(current, 1) * SCALES[word]
            current = 0
        else:
            return None
        seen = True
    return float(total + current) if seen else None


def horizons(text: str) -> Iterator[Mention]:
    """Forecast horizons in days: 'next quarter' 90, 'six weeks' 42, 'a year' 365."""
    for pattern in HORIZONS:
        for match in pattern.finditer(text):
            groups = match.groupdict()
            if groups.get("half"):
                yield match.start(), match.end(), 182.0
                continue
            count = number(groups["n"]) if groups.get("n") else 1.0
            # "next 0 days" is read as typed: the tool's bounds name what is wrong with it.
            if count is not None and count >= 0:
                yield match.start(), match.end(), count * UNIT_DAYS[groups["unit"]]


def percents(text: str) -> Iterator[Mention]:
    """Percentages: '15%', '15 percent', 'fifteen percent', 'discount of 10', 'half off'."""
    for pattern in PERCENTS:
        for match in pattern.finditer(text):
            if match.groupdict().get("half"):
                yield match.start(), match.end(), 50.0
                continue
            value = number(match.group("n"))
            if value is not None and 0 <= value <= 100:
                yield match.start(), match.end(), value


def amounts(text: str) -> Iterator[Mention]:
    """Money: '$5k', '5,000 dollars', '€2.5k', '10 grand', 'a budget of 3000'."""
    for pattern in AMOUNTS:
        for match in pattern.finditer(text):
            value = number(match.group("n"))
            if value is None:
                continue
            multiplier = MULTIPLIERS.get(match.groupdict().get("mult") or "", 1.0)
            yield match.start(), match.end(), value * multiplier


def counts(text: str) -> Iterator[Mention]:
    """How many rows: 'top 5', '10 customers', 'k=20', 'show me 15', '20 of them'."""
    for pattern in COUNTS:
        for match in pattern.finditer(text):
            value = number(match.group("n"))
            # Kept however large: "top 20000" must meet the tool's limit, not become the default.
            if value is not None and value >= 1 and value == int(value):
                yield match.start(), match.end(), value
