"""Numbers people type in questions: money, percentages, time horizons and counts.

Each finder reads lower-cased text and yields (start, end, value) for every mention, so the
caller can mask what one finder took before the next reads ("next 6 weeks" is a horizon, not a
count of 6). Written numbers count too ("fifteen percent", "two weeks", "ten thousand dollars").
"""

import math
import re
from collections.abc import Iterator

from assistant import currencies

Mention = tuple[int, int, float]

_SMALL = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen"
).split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
WORD_VALUES = {w: i for i, w in enumerate(_SMALL)} | {w: 20 + 10 * i for i, w in enumerate(_TENS)}
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000}
_WORD = "|".join(sorted([*WORD_VALUES, *SCALES], key=len, reverse=True))
# At most 16 words ("nine hundred and ninety nine million ..."): with the atomic group below, a
# run of number words costs the same at every start, so a long run is read in linear time.
WORDS = rf"(?:{_WORD})(?:[\s-]+(?:and[\s-]+)?(?:{_WORD})){{0,15}}"
_SPACE = "[ \u00a0\u202f]"  # a space, and the no-break spaces French and German typing uses
# Thousands in groups of exactly 3 after a comma, dot or space ("5,000", "5.000", "5 000"; a
# dot before k or m is a decimal point: "1.500k"), or a decimal comma before k or m ("1,5k").
_GROUPED = (
    rf"[1-9]\d{{0,2}}(?:(?:,\d{{3}})+(?:\.\d+)?|(?:{_SPACE}\d{{3}})+(?:\.\d+)?"
    r"|(?:\.\d{3})+(?!\s?(?:k|m|mil|thousand|million)\b)(?:,\d{1,2})?)"
)
_DECIMAL_COMMA = r"\d+,\d{1,2}(?=\s?(?:k|m|mil|thousand|million)\b)"
# With an exponent ("1e6"): read whole, or "$1e6" would be a budget of $1.
_PLAIN = r"\d+(?:\.\d+)?(?:e[+-]?\d+)?"
# Read whole or not at all (atomic): a number glued to more digits ("5,000,00", "1,5" with no k,
# "5 0001") is not read in part, so the tool asks or defaults visibly instead of using "5".
DIGITS = rf"(?>{_GROUPED}|{_DECIMAL_COMMA}|{_PLAIN})(?![.,]?\d|{_SPACE}\d{{3}}(?!\d))"
NUM = rf"(?<![\w.,])(?<!\d{_SPACE})(?P<n>{DIGITS}|(?>\b{WORDS}\b))"
MULTIPLIERS = {"k": 1e3, "thousand": 1e3, "grand": 1e3, "m": 1e6, "mil": 1e6, "million": 1e6}
_MULT = r"(?:\s?(?P<mult>k|thousand|grand|m|mil|million)\b)?"

# The words that place a span of time before now ("the last 2 years", "the previous quarter"):
# one list for every reader of periods (periods.py, lapses.py, spelling.py, args.py).
BACK_WORDS = ("last", "past", "previous", "prior")
BACK = "|".join(BACK_WORDS)
UNIT_DAYS = {"day": 1, "week": 7, "fortnight": 14, "month": 30, "quarter": 90, "year": 365}
_UNIT = r"(?P<unit>day|week|fortnight|month|quarter|year)s?\b"
HORIZONS = [
    re.compile(rf"{NUM}[\s-]*{_UNIT}"),
    # Back as well as ahead: "the last quarter" is a sales period, "the next quarter" a horizon.
    re.compile(
        rf"\b(?:the\s+)?(?:next|this|coming|upcoming|following|a|one|per|each|{BACK})\s+{_UNIT}"
    ),
    re.compile(r"\bhalf[\s-]+(?:a[\s-]+)?(?P<half>year)\b"),
    # Forecasts count whole days: "tomorrow" and "the next 24 hours" are one.
    re.compile(r"\b(?P<tomorrow>tomorrow)\b"),
    re.compile(rf"{NUM}[\s-]*(?P<hours>hours?|hrs?)\b"),
    re.compile(r"\b(?:end|rest)\s+of\s+(?:the\s+)?(?:this\s+)?" + _UNIT),
]
# "max 20%", "20% tops": the bound word goes with the number, not into the search topic.
_AT_MOST = r"(?:max(?:imum)?|at\s+most|tops|or\s+less|cap)"
PERCENTS = [
    re.compile(
        rf"(?:\b(?:max(?:imum)?|at\s+most|up\s+to)\s+)?{NUM}\s*(?:%|percent\b|per\s?cent\b|pct\b)"
        rf"(?:\s+{_AT_MOST}\b)?"
    ),
    re.compile(rf"\bdiscount(?:\s+of)?(?:\s+up\s+to)?\s+{NUM}(?!\s*(?:[$€£k,.]\d|dollars|bucks))"),
    # "cap discounts at 15", "limit discounts to 10", "max discount is 15": a discount's cap
    re.compile(
        rf"\bdiscounts?\s+(?:at|to|is|of|=)\s+(?:most\s+)?{NUM}"
        r"(?!\s*(?:[$€£k,.]\d|%|percent|per\s?cent|pct|dollars|bucks|euros?|pounds?))"
    ),
    re.compile(rf"(?<![$€£])(?<![$€£]\s){NUM}\s+off\b"),  # "$15 off" is money, not 15%
    re.compile(r"\b(?P<half>half)[\s-]+(?:off|price)\b"),
]
# Nothing off: "only reminders", "reminders only", "no discounts", "without any discount". A
# plan takes 0 (every offer a reminder), and so does an offer.
NO_DISCOUNT = re.compile(
    r"\b(?:(?:only|just)\s+(?:send\s+)?(?:plain\s+|simple\s+)?reminders?|reminders?\s+only"
    r"|(?:no|without|zero)\s+(?:any\s+)?discounts?)\b"
)
_CURRENCY_WORD = rf"(?:{currencies.WORD})\b"
# Where money's currency is written: its symbol, or its word after a number or "in".
CURRENCY = re.compile(
    r"(?P<symbol>[$\u20ac\u00a3])|(?:\d\s*(?:k|thousand|grand|m|mil|million)?|\bin)\s*"
    rf"(?P<word>{_CURRENCY_WORD})"
)
AMOUNTS = [
    re.compile(rf"[$€£]\s*{NUM}{_MULT}"),
    re.compile(rf"{NUM}{_MULT}\s*{_CURRENCY_WORD}"),
    re.compile(rf"{NUM}\s?(?P<mult>k|grand)\b"),
    re.compile(
        rf"\b(?:budget|spend|spending|allocate|allocating|invest|investing)(?:\s+|\s*:\s*)"
        rf"(?:(?:of|is|was|were|be|=|:|for|at|to|about|around|roughly|up to|only|just)\s*)*"
        rf"[-\u2212]?{NUM}{_MULT}"
    ),
    re.compile(rf"{NUM}{_MULT}\s+(?:dollar\s+|euro\s+|pound\s+)?budget\b"),
    # "plan 500 for retention", "split 1200 between discounts", "a campaign of 1.5 million";
    # not "plan 2 weeks ahead" or "split 10% off".
    re.compile(
        rf"\b(?:plan|planning|split|splitting|divide|dividing|campaign)(?:\s+|\s*:\s*)"
        rf"(?:(?:of|is|for|with|about|around|roughly|up to|only|just|a|an)\s*)*"
        rf"[-\u2212]?{NUM}{_MULT}"
        r"(?!\s*%)(?!\s*(?:percent|per\s?cent|pct|days?|weeks?|months?|quarters?|years?|"
        r"customers|people|clients|buyers|offers?|emails?|texts?|ways|groups|segments)\b)"
    ),
    # "if we had 2000 to win them back": money to spend; not "if we had 2000 customers".
    re.compile(
        rf"\bif\s+we\s+(?:only\s+|just\s+)?(?:had|have|got|get)\s+(?:only\s+|just\s+|about\s+|"
        rf"around\s+)?{NUM}{_MULT}"
        r"(?![\w%]|\.\d|\s*(?:%|percent|per\s?cent|pct|days?|weeks?|months?|quarters?|years?|"
        r"customers|people|clients|buyers|offers?|orders?|emails?|segments?|more|left)\b)"
    ),
]
# After a budget plan, a number written alone is the budget: "what if we only had 2000?", "and
# with 3000?" (extract(bare_budget=True)); not one with a unit ("2000 customers", "20%").
BARE_AMOUNT = re.compile(
    rf"{NUM}{_MULT}(?![\w%]|\.\d|\s*(?:%|percent|per\s?cent|pct|days?|weeks?|months?|"
    r"quarters?|years?|customers|people|clients|buyers|offers?|orders?|stars?|emails?|"
    r"segments?|channels?|groups?|levels?|tiers?|times)\b)"
)
# After a plan, "what about 2000 for ..." is another budget, not the year 2000: read before
# the periods are (extract.py), only then.
ABOUT_AMOUNT = re.compile(
    rf"\b(?:what|how)\s+about\s+(?:only\s+|just\s+)?{NUM}{_MULT}"
    r"(?![\w%]|\.\d|\s*(?:%|percent|per\s?cent|pct|days?|weeks?|months?|quarters?|years?|"
    r"customers|people|clients|buyers|offers?|orders?|stars?|emails?|segments?|more|of)\b)"
)
# Words that make a number beside them a discount, not a budget: "now cap discounts at 15".
DISCOUNT_WORDS = re.compile(r"\b(?:discounts?|cap|capped|caps|max(?:imum)?|limit|off|percent)\b")
_COUNTED = (
    r"customers|people|clients|buyers|spenders|shoppers|accounts|reviews|lookalikes|look-alikes|"
    r"products|items|names|results|ones|matches|recommendations|suggestions|picks|rows|entries|"
    r"folks|users|similar|suggested|recs|alerts"
)
# A star rating is not a count: "show 2-star reviews", "5 stars".
_NOT_RATING = r"(?![\s-]*stars?\b)"
_LATEST = r"first|last|latest|newest|oldest|earliest|most\s+recent|recent"
# Only the number and the word that makes it a count are taken: the words between the number
# and "customers" ("5 loyal customers", "5 negative reviews") stay for the segment and
# sentiment finders that read after this one.
COUNTS = [
    re.compile(rf"\btop[\s-]*{NUM}{_NOT_RATING}"),
    re.compile(rf"\b(?:{_LATEST}|best|worst|riskiest|biggest|largest)\s+{NUM}{_NOT_RATING}"),
    re.compile(rf"\b(?:limit|k)\s*[=:]?\s*[-\u2212]?(?P<n>{DIGITS})\b"),
    re.compile(rf"{NUM}(?=\s+(?:[a-z-]+\s+){{0,2}}?(?:{_COUNTED})\b){_NOT_RATING}"),
    re.compile(rf"{NUM}\s+of\s+(?:them|those)\b"),
    re.compile(
        rf"\b(?:show|list|give|get|find|pull|fetch|return)(?:\s+me)?(?:\s+the)?\s+{NUM}\b"
        rf"{_NOT_RATING}"
    ),
]


def number(text: str, before_multiplier: bool = False) -> float | None:
    """The value of '5,000', '5 000', '5.000', '2.5', '1e6', 'fifteen' or 'twenty five
    thousand'; None if not a finite number or not a well-formed one ('five ten').
    `before_multiplier` reads a dot as a decimal point ("1.500k" is 1.5k, not 1,500k), and a
    comma before one or two digits is one ("1,5k")."""
    text = text.strip()
    if text[:1].isdigit():
        return _digits(text, before_multiplier)
    return _words(text)


def _digits(text: str, before_multiplier: bool) -> float | None:
    text = re.sub(_SPACE, "", text)
    if not before_multiplier and re.fullmatch(r"[1-9]\d{0,2}(?:\.\d{3})+(?:,\d{1,2})?", text):
        text = text.replace(".", "").replace(",", ".")  # 5.000,50 is 5000.50
    elif re.fullmatch(r"\d+,\d{1,2}", text):
        text = text.replace(",", ".")  # 1,5 (before k or m: the regex admits no other)
    try:
        value = float(text.replace(",", ""))
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def _words(text: str) -> float | None:
    """'twenty five thousand' is 25000; 'five ten' or 'thousand million' is no number."""
    total, current, scale = 0, 0, math.inf
    seen = False
    for word in re.split(r"[\s-]+", text):
        if word == "and":
            continue
        if word in WORD_VALUES:
            value, tail = WORD_VALUES[word], current % 100
            # After a tens word only a unit ("twenty five"); after anything else but a
            # scale, nothing: "five ten" is two numbers, not fifteen.
            if tail and not (tail >= 20 and tail % 10 == 0 and 0 < value < 10):
                return None
            current += value
        elif word == "hundred":
            if current >= 100:
                return None
            current = max(current, 1) * 100
        elif word in SCALES:
            if SCALES[word] >= scale:  # "thousand million", "five thousand thousand"
                return None
            scale = SCALES[word]
            total += max(current, 1) * scale
            current = 0
        else:
            return None
        seen = True
    return float(total + current) if seen else None


def horizons(text: str) -> Iterator[Mention]:
    """Periods in days, ahead (forecast horizons) or back (sales periods): 'next quarter' 90,
    'six weeks' 42, 'a year' 365, 'the past month' 30."""
    for pattern in HORIZONS:
        for match in pattern.finditer(text):
            groups = match.groupdict()
            if groups.get("half"):
                yield match.start(), match.end(), 182.0
                continue
            if groups.get("tomorrow"):
                yield match.start(), match.end(), 1.0
                continue
            count = number(groups["n"]) if groups.get("n") else 1.0
            if groups.get("hours") and count is not None:
                yield match.start(), match.end(), float(max(1, math.ceil(count / 24)))
                continue
            # "next 0 days" and "next -7 days" are read as typed: the tool's bounds name what
            # is wrong with them, rather than a forecast of 7 days nobody asked for.
            if count is not None and count >= 0:
                sign = _sign(text, match.start("n")) if groups.get("n") else 1.0
                start = min(match.start(), match.start("n") - 1) if sign < 0 else match.start()
                yield start, match.end(), sign * count * UNIT_DAYS[groups["unit"]]


def _sign(text: str, start: int) -> float:
    """-1 for a number at `start` after a minus sign that stands apart ("-$500", "budget:
    -2000", "next -7 days"), not one joining two numbers ("5-10", "2-week"); else 1."""
    i = start - 1
    if i >= 0 and text[i] in "$\u20ac\u00a3":
        i -= 1  # "-$500"
    if i < 0 or text[i] not in "-\u2212":
        return 1.0
    before = text[i - 1] if i > 0 else " "
    return -1.0 if before.isspace() or before in "(:=" else 1.0


def percents(text: str) -> Iterator[Mention]:
    """Percentages: '15%', '15 percent', 'fifteen percent', 'discount of 10', 'half off';
    a minus that stands apart is the discount's sign ('-15%' is 15 off), taken with it."""
    for pattern in PERCENTS:
        for match in pattern.finditer(text):
            if match.groupdict().get("half"):
                yield match.start(), match.end(), 50.0
                continue
            value = number(match.group("n"))
            # Over 100 is kept when marked as a percentage ("150%"), so the tool's bounds
            # refuse it by name; "a discount of 500" or "150 off" is more likely money.
            explicit = pattern is PERCENTS[0]
            if value is not None and (explicit or value <= 100):
                # In shop copy "-20%" is 20% off, so the minus is how a discount is written,
                # not a negative one (counts, money and horizons keep theirs: "top -5").
                minus = _sign(text, match.start("n")) < 0
                start = min(match.start(), match.start("n") - 1) if minus else match.start()
                yield start, match.end(), value


def amounts(text: str) -> Iterator[Mention]:
    """Money: '$5k', '5,000 dollars', '€2.5k', '10 grand', 'a budget of 3000'."""
    for pattern in AMOUNTS:
        for match in pattern.finditer(text):
            mult = match.groupdict().get("mult")
            value = number(match.group("n"), before_multiplier=bool(mult))
            if value is None:
                continue
            multiplier = MULTIPLIERS.get(mult or "", 1.0)
            sign = _sign(text, match.start("n"))  # "-$500" is refused, not planned
            yield match.start(), match.end(), sign * value * multiplier


def bare_amounts(text: str) -> Iterator[Mention]:
    """A number written alone, read as money: only where the last answer was a budget plan,
    and not beside a discount's words ("now cap discounts at 15" is no budget of $15)."""
    if DISCOUNT_WORDS.search(text):
        return
    for match in BARE_AMOUNT.finditer(text):
        mult = match.groupdict().get("mult")
        value = number(match.group("n"), before_multiplier=bool(mult))
        if value is not None:
            yield match.start(), match.end(), value * MULTIPLIERS.get(mult or "", 1.0)


def about_amounts(text: str) -> Iterator[Mention]:
    """'what about 2000' after a budget plan: that budget (not beside a discount's words)."""
    if DISCOUNT_WORDS.search(text):
        return
    for match in ABOUT_AMOUNT.finditer(text):
        mult = match.groupdict().get("mult")
        value = number(match.group("n"), before_multiplier=bool(mult))
        if value is not None:
            yield match.start("n"), match.end(), value * MULTIPLIERS.get(mult or "", 1.0)


def currency(text: str) -> str | None:
    """The currency money is written in, as its symbol: '€2k' and '5,000 euros' are €; None
    when no currency is written ('a budget of 3000')."""
    match = CURRENCY.search(text)
    if match is None:
        return None
    return currencies.symbol_of(match.group("symbol") or match.group("word"))


def counts(text: str) -> Iterator[Mention]:
    """How many rows: 'top 5', '10 customers', 'k=20', 'show me 15', '20 of them'; negative
    when written with a minus that stands apart ('top -5')."""
    for pattern in COUNTS:
        for match in pattern.finditer(text):
            value = number(match.group("n"))
            # Kept however large: "top 20000" must meet the tool's limit, not become the default.
            if value is None or value < 1 or value != int(value):
                continue
            # "top -5" keeps its minus, as "-$500" does: the tool refuses -5 by name rather
            # than list 5 nobody asked for ("top-5" joins, so it stays 5).
            sign = _sign(text, match.start("n"))
            start = min(match.start(), match.start("n") - 1) if sign < 0 else match.start()
            yield start, match.end(), sign * value
