"""Finding what a draft claims: numbers, dates, product ids, promises and discounts.

Pure text in, mentions out; no facts here (verify.py compares). Each finder masks what it
found, so one piece of text is read once: a date's digits are not read again as numbers, nor a
product id's. The rules, in the order they run:

- dates: ISO (1998-03-05), numeric (03/05/1998, 5.3.98: both month-first and day-first
  readings kept), month names (March 5, 1998 / 5th of March / Mar 1998 / in March), a bare year
  (1998), and relative deadlines (tomorrow, this weekend, next week, a weekday), which name no
  date the facts could hold and so can never be grounded;
- money ($12.50, 12.50 dollars, €3k) and percentages (15%, 15 percent, "half off" = 50);
- codes and product ids: a token of 4+ characters mixing letters and digits (B000EYLDYE,
  SAVE20, SKU-1234), except a number with a unit or ordinal (12oz, 24h, 3rd, 30-day);
- plain numbers (1,234 / 12.5 / 1.2 million) and written ones (twenty, twenty-five percent).
  Written one, two and three without a unit are skipped: they are counting words ("one of our
  favourites", "a couple"), not figures. Digits are always read, so "1 click" is a claim.
"""

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Literal

from assistant.drafting.promises import PROMISES

Unit = Literal["money", "percent", "plain"]
DateReading = tuple[int | None, int | None, int | None]  # (year, month, day); None: not said


@dataclass(frozen=True)
class NumberMention:
    text: str
    start: int
    value: float
    quantum: float  # the precision written: 1 for "12", 0.01 for "12.50", 1e5 for "1.2 million"
    unit: Unit
    discount: bool = False  # written as an amount or percentage off ("15% off", "save $5")


@dataclass(frozen=True)
class DateMention:
    text: str
    start: int
    readings: tuple[DateReading, ...]  # empty: a relative date, which no fact can ground


@dataclass(frozen=True)
class CodeMention:
    text: str
    start: int


@dataclass(frozen=True)
class PromiseMention:
    text: str
    start: int
    perk: str  # a policy.PERKS key, or "other" (never allowed)


@dataclass
class Mentions:
    numbers: list[NumberMention] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    codes: list[CodeMention] = field(default_factory=list)
    promises: list[PromiseMention] = field(default_factory=list)


MONTHS = {m[:3]: i + 1 for i, m in enumerate(
    "january february march april may june july august september october november december".split()
)}  # fmt: skip
# "May" is a month only when capitalised: "you may" is a verb.
_MONTH = (
    r"(?:(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)|May|MAY)\b\.?"
)
_WEEKDAY = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
_ORD = r"(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d{2}"
DATE_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("ymd", re.compile(rf"\b({_YEAR})[-/.](\d{{1,2}})[-/.](\d{{1,2}})\b")),
    ("numeric", re.compile(r"\b(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})\b")),
    (
        "mdy",
        re.compile(
            rf"(?i:\b{_WEEKDAY},?\s+)?\b({_MONTH})\s+(\d{{1,2}}){_ORD}\b(?:,?\s+({_YEAR})\b)?"
        ),
    ),
    (
        "dmy",
        re.compile(
            rf"(?i:\b{_WEEKDAY},?\s+)?\b(?i:the\s+)?(\d{{1,2}}){_ORD}\s+(?i:of\s+)?({_MONTH})"
            rf"(?:,?\s+({_YEAR})\b)?"
        ),
    ),
    ("my", re.compile(rf"\b({_MONTH}),?\s+({_YEAR})\b")),
    (
        "m",
        re.compile(
            rf"(?i:\b(?:in|of|since|during|from|until|till|by|this|next|last|early|late|mid|end of)"
            rf"\s+)({_MONTH})"
        ),
    ),
    (
        "relative",
        re.compile(
            rf"(?i)\b(?:tomorrow|tonight|midnight|{_WEEKDAY}s?|(?:this|next)\s+(?:weekend|week|month)"
            r"|end\s+of\s+(?:the\s+)?(?:week|month)|(?:this|the)\s+weekend)\b"
        ),
    ),
    ("y", re.compile(rf"(?<![$€£\d.,])\b({_YEAR})\b(?!\s?%|\.\d|,\d)")),
]

_NUM = r"(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?"
_MULT = r"(?:\s?(thousand|million|k|m)\b)?"
MULTIPLIERS = {"thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6}
MONEY = [
    re.compile(rf"[$€£]\s?{_NUM}{_MULT}", re.I),
    re.compile(rf"(?<![\w.]){_NUM}{_MULT}\s?(?:dollars?|bucks|usd|eur(?:os?)?|pounds|gbp)\b", re.I),
]
PERCENT = re.compile(rf"(?<![\w.]){_NUM}\s?(?:%|percent\b|per\s?cent\b|pct\b)", re.I)
HALF_OFF = re.compile(r"\bhalf[\s-]+(?:off|price)\b", re.I)
_UNIT_TAIL = r"(?:st|nd|rd|th|oz|lbs?|kg|g|mg|ml|l|cl|h|hrs?|hours?|mins?|x|am|pm|pk|pack|ct|s)"
CODE = re.compile(r"\b[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*\b")
NUMBER_WITH_UNIT = re.compile(rf"(?i)^\d+(?:\.\d+)?-?{_UNIT_TAIL}?$")
PLAIN = re.compile(rf"(?<![\w.]){_NUM}{_MULT}(?![\w])", re.I)
WORD_VALUES = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen".split()
)} | {w: 10 * (i + 2) for i, w in enumerate(
    "twenty thirty forty fifty sixty seventy eighty ninety".split()
)}  # fmt: skip
_WORD = "|".join(sorted(WORD_VALUES, key=len, reverse=True))
WRITTEN = re.compile(
    rf"(?i)\b(?:{_WORD})(?:[\s-]+(?:and[\s-]+)?(?:{_WORD}|hundred|thousand))*\b"
    r"(\s?(?:%|percent\b|per\s?cent\b)|\s(?:dollars?|bucks)\b)?"
)
DISCOUNT_CONTEXT = re.compile(
    r"(?i)\b(?:off|discount\w*|save|saving|savings|reduc\w+|markdown|coupon|code|sale|cheaper"
    r"|less|rebate|deal)\b"
)


def normalise(text: str) -> str:
    """NFKC (full-width digits, ligatures), plain quotes and spaces; same meaning, one spelling."""
    text = unicodedata.normalize("NFKC", text)
    return text.translate({0x2019: "'", 0x2018: "'", 0x201C: '"', 0x201D: '"', 0x00A0: " "})


def mask(text: str, start: int, end: int) -> str:
    """Blank a span, keeping every other offset where it was."""
    return text[:start] + " " * (end - start) + text[end:]


def extract(text: str) -> Mentions:
    """Every claim in `text` (already normalised), each found once."""
    found = Mentions()
    text = _promises(text, found)
    text = _dates(text, found)
    text = _money_and_percent(text, found)
    text = _codes(text, found)
    _plain(text, found)
    return found


def _promises(text: str, found: Mentions) -> str:
    for perk, pattern in PROMISES:
        for match in pattern.finditer(text):
            found.promises.append(PromiseMention(match.group(0), match.start(), perk))
            # Masked, so "24/7" is not read again as a date, nor "2 for 1" as numbers.
            text = mask(text, match.start(), match.end())
    return text


def _dates(text: str, found: Mentions) -> str:
    for kind, pattern in DATE_PATTERNS:
        for match in pattern.finditer(text):
            readings = _readings(kind, match.groups())
            if readings is None:
                continue
            found.dates.append(DateMention(match.group(0).strip(), match.start(), readings))
            text = mask(text, match.start(), match.end())
    return text


def _readings(kind: str, groups: tuple[str | None, ...]) -> tuple[DateReading, ...] | None:
    """The (year, month, day) readings of one match; None when it is not a valid date."""
    if kind == "relative":
        return ()
    g = list(groups)
    if kind == "ymd":
        options: list[DateReading] = [(int(g[0] or 0), int(g[1] or 0), int(g[2] or 0))]
    elif kind == "numeric":
        year = int(g[2] or 0)
        year += 1900 if year >= 50 and year < 100 else 2000 if year < 50 else 0
        a, b = int(g[0] or 0), int(g[1] or 0)
        options = [(year, a, b), (year, b, a)]  # month-first and day-first both possible
    elif kind == "mdy":
        options = [(_int(g[2]), _month(g[0]), int(g[1] or 0))]
    elif kind == "dmy":
        options = [(_int(g[2]), _month(g[1]), int(g[0] or 0))]
    elif kind == "my":
        options = [(_int(g[1]), _month(g[0]), None)]
    elif kind == "m":
        options = [(None, _month(g[0]), None)]
    else:
        options = [(_int(g[0]), None, None)]
    valid = tuple(dict.fromkeys(r for r in options if _valid(r)))
    return valid or None


def _valid(reading: DateReading) -> bool:
    _, month, day = reading
    return (month is None or 1 <= month <= 12) and (day is None or 1 <= day <= 31)


def _month(name: str | None) -> int:
    return MONTHS.get((name or "").lower().rstrip(".")[:3], 0)


def _int(value: str | None) -> int | None:
    return int(value) if value else None


def _money_and_percent(text: str, found: Mentions) -> str:
    for pattern in MONEY:
        for match in pattern.finditer(text):
            found.numbers.append(_number(text, match, "money"))
            text = mask(text, match.start(), match.end())
    for match in PERCENT.finditer(text):
        found.numbers.append(_number(text, match, "percent"))
        text = mask(text, match.start(), match.end())
    for match in HALF_OFF.finditer(text):
        found.numbers.append(NumberMention(match.group(0), match.start(), 50, 1, "percent", True))
        text = mask(text, match.start(), match.end())
    for match in WRITTEN.finditer(text):
        value = _words_value(match.group(0)[: len(match.group(0)) - len(match.group(1) or "")])
        tail = (match.group(1) or "").strip().lower()
        unit: Unit = "percent" if tail[:1] in {"%", "p"} else "money" if tail else "plain"
        if value is None or (unit == "plain" and value <= 3):
            continue  # counting words, not figures (see the module docstring)
        discount = unit != "plain" and _has_discount_context(text, match.start(), match.end())
        found.numbers.append(NumberMention(match.group(0), match.start(), value, 1, unit, discount))
        text = mask(text, match.start(), match.end())
    return text


def _number(text: str, match: re.Match[str], unit: Unit) -> NumberMention:
    whole, decimals, multiplier = (*match.groups(), None, None)[:3]
    whole = whole or "0"
    scale = MULTIPLIERS.get((multiplier or "").lower(), 1.0)
    quantum = (10.0 ** -(len(decimals) - 1) if decimals else 1.0) * scale
    value = float(whole.replace(",", "") + (decimals or "")) * scale
    discount = _has_discount_context(text, match.start(), match.end())
    return NumberMention(match.group(0).strip(), match.start(), value, quantum, unit, discount)


def _has_discount_context(text: str, start: int, end: int) -> bool:
    # "15% off", "save 15%", "a 15 percent discount": a discount word just before or after.
    return bool(DISCOUNT_CONTEXT.search(text[max(0, start - 25) : end + 30]))


def _words_value(words: str) -> float | None:
    total, current = 0, 0
    for word in re.split(r"[\s-]+", words.lower()):
        if word in WORD_VALUES:
            current += WORD_VALUES[word]
        elif word == "hundred":
            current = (current or 1) * 100
        elif word == "thousand":
            total, current = total + (current or 1) * 1000, 0
    value = total + current
    return float(value) if words.strip() else None


def _codes(text: str, found: Mentions) -> str:
    for match in CODE.finditer(text):
        token = match.group(0)
        if len(token) < 4 or not _is_code(token):
            continue
        found.codes.append(CodeMention(token, match.start()))
        text = mask(text, match.start(), match.end())
    return text


def _is_code(token: str) -> bool:
    if NUMBER_WITH_UNIT.match(token):
        return False  # 12oz, 3rd, 30-day: a number, read by _plain
    parts = token.split("-")
    mixed = any(re.search(r"\d", p) and re.search(r"[A-Za-z]", p) for p in parts)
    upper_and_digits = any(p.isupper() and len(p) >= 2 for p in parts) and any(
        p.isdigit() for p in parts
    )
    return mixed or upper_and_digits


def _plain(text: str, found: Mentions) -> None:
    for match in PLAIN.finditer(text):
        found.numbers.append(_number(text, match, "plain"))
    # Numbers glued to a unit ("12oz", "30-day") are figures too.
    for match in re.finditer(rf"(?i)(?<![\w.])(\d+)(\.\d+)?()-?{_UNIT_TAIL}\b", text):
        found.numbers.append(_number(text, match, "plain"))
