"""Finding what a draft claims: numbers, dates, product ids, promises and discounts.

Pure text in, mentions out; no facts here (verify.py compares). Each finder masks what it
found, so one piece of text is read once: a date's digits are not read again as numbers, nor a
product id's. The rules, in the order they run:

- offer terms (terms.py): links and e-mail addresses (masked), no-expiry, stacking and urgency
  wording, perks on every order; lengths of time ("for a week", durations.py);
- dates: ISO (1998-03-05), numeric (03/05/1998, 5.3.98: both month-first and day-first
  readings kept), month names (March 5, 1998 / 5th of March / Mar 1998 / in March), a bare year
  (1998), each with the end of its day taken in ("midnight on May 1", "May 1 at 11:59 pm"),
  dates counted from the day the copy is written (today, yesterday, last week, next year, in
  three days: grounding.py reads them from that day), and other relative words (this weekend,
  a weekday), which name no date the facts could hold and so can never be grounded. A date
  after "until", "valid", "expires", "ends", "only" or "by", or before "only", is marked as a
  deadline: it can only be the offer's end ("stopped by on March 5" is a visit, "from before
  March 5" an age: neither is a deadline);
- money ($12.50, 12.50 dollars, 5 Swiss francs, €3k, 50p, 99 cents, ten quid, a tenner, two
  fivers, and the policy's own symbol: ¥23.50, CHF 23.50; "two pounds of coffee" is a weight,
  read as a plain number) and
  percentages (15%, 15 percent, 15-percent, 15 pct), fractions off included ("half off" = 50,
  "a quarter off" = 25, "two-thirds off", "half the price", but not "save half the time" or
  "cut a third of the sugar"). A figure is a discount beside a discount word ("15% off", "save
  15%") or beside a price that moves ("a 63% price cut", "prices 63% lower"), in its own
  sentence ("Churn risk is 63.4%. A price cut..." makes no discount of 63.4%);
- codes and product ids: a token of 4+ characters mixing letters and digits (B000EYLDYE,
  SAVE20, SKU-1234), except a number with a unit or ordinal (12oz, 24h, 3rd, 30-day);
- shares of a group in words ("half of them", "a fifth of revenue") and hedged figures
  ("about 1,200 customers", "nearly $90", "~60%"), read as rounded (shares.py);
- plain numbers (1,234 / 12.5 / 1.2 million) and written ones (twenty, twenty-five percent).
  Written one, two and three without a unit are skipped: they are counting words ("one of our
  favourites", "a couple"), not figures. Digits are always read, so "1 click" is a claim.
"""

import functools
import re
import unicodedata

from assistant.drafting.dates import DATE_PATTERNS, DEADLINE, DEADLINE_AFTER, readings, relative
from assistant.drafting.discounts import DENOMINATORS, FRACTION_OFF, NUMERATORS, is_discount
from assistant.drafting.durations import find_durations
from assistant.drafting.mentions import (
    CodeMention,
    DateMention,
    Mentions,
    NumberMention,
    PromiseMention,
    Unit,
)
from assistant.drafting.promises import PROMISES
from assistant.drafting.shares import (
    SHARE,
    hedge_before,
    percent_quantum,
    round_quantum,
    share_value,
)
from assistant.drafting.terms import find_terms

_NUM = r"(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?"
_MULT = r"(?:\s?(thousand|million|k|m)\b)?"
MULTIPLIERS = {"thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6}
SYMBOLS = "$€£"  # always read as money, whatever the policy's currency
# "Pounds of" a thing is its weight ("two pounds of fresh Coffee"): a plain number, not money.
_POUNDS = r"pounds(?!\s+of\b)"
MONEY_WORDS = re.compile(
    rf"(?<![\w.]){_NUM}{_MULT}\s?(?:(?:swiss\s+)?francs?|dollars?|bucks|quid|usd|eur(?:os?)?|{_POUNDS}"
    r"|gbp|chf|yen|jpy|yuan|rupees?|kron(?:a|or|er)|zloty|pesos?|rand)\b",
    re.I,
)
# Notes by their slang name: "a tenner", "two fivers". Said of $, £, € and A$ alike, so they
# name no currency; their value is checked like "$10".
SLANG_NOTES = {"tenner": 10, "fiver": 5}
MONEY_SLANG = re.compile(r"(?i)\b(?:(a|one|two|three|four|five|\d+)[\s-]+)?(tenner|fiver)s?\b")
# A hundredth of the currency, glued or spelt out: "50p", "99c", "75 cents".
MONEY_CENTS = re.compile(r"(?<![\w.])(\d{1,2})\s?(?:p|c|pence|cents?)\b", re.I)
# "15%", "15 percent", "a 15-percent discount", "15 per cent", "15 pct".
_PERCENT_SIGN = r"[\s-]?(?:%|percent\b|per[\s-]?cent\b|pct\b)"
PERCENT = re.compile(rf"(?<![\w.]){_NUM}{_PERCENT_SIGN}", re.I)
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
WEIGHT_AFTER = re.compile(r"(?i)\s+of\b")
WRITTEN = re.compile(
    rf"(?i)\b(?:{_WORD})(?:[\s-]+(?:and[\s-]+)?(?:{_WORD}|hundred|thousand))*\b"
    rf"({_PERCENT_SIGN}|\s(?:dollars?|bucks|quid|{_POUNDS}|euros?)\b|\spounds(?=\s+of\b))?"
)


def normalise(text: str) -> str:
    """NFKC (full-width digits, ligatures), plain quotes and spaces; same meaning, one spelling."""
    text = unicodedata.normalize("NFKC", text)
    return text.translate({0x2019: "'", 0x2018: "'", 0x201C: '"', 0x201D: '"', 0x00A0: " "})


def mask(text: str, start: int, end: int) -> str:
    """Blank a span, keeping every other offset where it was."""
    return text[:start] + " " * (end - start) + text[end:]


def extract(text: str, currency_symbol: str = "$") -> Mentions:
    """Every claim in `text` (already normalised), each found once. `currency_symbol` (the
    policy's) is read as money beside $, € and £."""
    found = Mentions()
    text = _terms(text, found)
    text = _promises(text, found)
    text = _dates(text, found, currency_symbol)
    text = _money_and_percent(text, found, currency_symbol)
    text = _codes(text, found)
    _plain(text, found)
    return found


def _terms(text: str, found: Mentions) -> str:
    found.terms = find_terms(text)
    found.durations = find_durations(text)  # not masked: a count in digits is a figure too
    for term in found.terms:
        if term.kind == "link":
            # Masked, so an address's digits and words are not read again as claims.
            text = mask(text, term.start, term.start + len(term.text))
    return text


def _promises(text: str, found: Mentions) -> str:
    for perk, pattern in PROMISES:
        for match in pattern.finditer(text):
            found.promises.append(PromiseMention(match.group(0), match.start(), perk))
            # Masked, so "24/7" is not read again as a date, nor "2 for 1" as numbers.
            text = mask(text, match.start(), match.end())
    return text


def _dates(text: str, found: Mentions, currency_symbol: str) -> str:
    for kind, pattern in DATE_PATTERNS:
        for match in pattern.finditer(text):
            read = readings(kind, match.groups())
            if read is None or (kind == "y" and _after_symbol(text, match, currency_symbol)):
                continue
            # The "m" pattern takes its lead-in ("until March") into the match: read it too, with
            # what stands before it ("stopped by March" is a visit).
            before = max(0, match.start() - 40)
            lead = match.start() + len(match.group(0).split()[0])
            deadline = bool(DEADLINE.search(text[before : match.start()]))
            deadline = deadline or bool(DEADLINE.search(text[before:lead]))
            deadline = deadline or bool(DEADLINE_AFTER.match(text, match.end()))
            when = relative(kind, match.groups())
            found.dates.append(
                DateMention(match.group(0).strip(), match.start(), read, deadline, when)
            )
            text = mask(text, match.start(), match.end())
    return text


def _after_symbol(text: str, match: re.Match[str], currency_symbol: str) -> bool:
    """True for a year-like number written as money ("¥2026"), which is read as money."""
    before = text[: match.start()].rstrip()
    return bool(before) and (before[-1] in SYMBOLS or before.endswith(currency_symbol))


def _money_and_percent(text: str, found: Mentions, currency_symbol: str) -> str:
    figures = text  # before masking: where the other figures stand (see _has_discount_context)
    for pattern in (*_money_patterns(currency_symbol), MONEY_WORDS):
        for match in pattern.finditer(text):
            found.numbers.append(_number(text, match, "money", figures))
            text = mask(text, match.start(), match.end())
    for match in MONEY_SLANG.finditer(text):
        found.numbers.append(_slang_money(text, match, figures))
        text = mask(text, match.start(), match.end())
    for match in MONEY_CENTS.finditer(text):
        cents, discount = int(match.group(1)), is_discount(text, *match.span(), figures)
        found.numbers.append(
            NumberMention(match.group(0), match.start(), cents / 100, 0.01, "money", discount)
        )
        text = mask(text, match.start(), match.end())
    for match in PERCENT.finditer(text):
        found.numbers.append(_number(text, match, "percent", figures))
        text = mask(text, match.start(), match.end())
    for match in FRACTION_OFF.finditer(text):
        found.numbers.append(_fraction(match))
        text = mask(text, match.start(), match.end())
    for match in SHARE.finditer(text):
        share, precision = share_value(match)
        hedge = hedge_before(text, match.start()) or "about"  # a fraction is always rounded
        found.numbers.append(
            NumberMention(
                match.group(0), match.start(), share, 1, "percent", False, hedge, precision
            )
        )
        text = mask(text, match.start(), match.end())
    for match in WRITTEN.finditer(text):
        value = _words_value(match.group(0)[: len(match.group(0)) - len(match.group(1) or "")])
        tail = (match.group(1) or "").strip().lower().lstrip("-")
        # "pounds" starts with p as "percent" does: "twenty pounds" is money, not 20%.
        weight = tail == "pounds" and WEIGHT_AFTER.match(text, match.end()) is not None
        percent = tail.startswith(("%", "per", "pct"))
        unit: Unit = "percent" if percent else "plain" if weight or not tail else "money"
        if value is None or (unit == "plain" and value <= 3 and not weight):
            continue  # counting words, not figures (see the module docstring)
        discount = unit != "plain" and is_discount(text, match.start(), match.end(), figures)
        found.numbers.append(NumberMention(match.group(0), match.start(), value, 1, unit, discount))
        text = mask(text, match.start(), match.end())
    return text


@functools.cache
def _money_patterns(currency_symbol: str) -> tuple[re.Pattern[str], ...]:
    """Money written with a symbol: $ € £ and the policy's own (¥23.50, CHF 23.50, 23,50 kr).

    A symbol made of letters must stand apart from a word ("CHF", not the end of "WATCHF").
    Any symbol may also follow the amount, as kr, CHF and € often do (23.50€), and then a
    comma may be the decimal point: "23,50 kr" is 23.50 (a comma before three digits is a
    thousands separator: "1,234 kr").
    """
    symbol = normalise(currency_symbol).strip()
    if not symbol or symbol in SYMBOLS:
        any_symbol = f"[{SYMBOLS}]"
    else:
        alone = r"(?<![^\W\d_])" if symbol[0].isalpha() else ""
        end = r"(?![^\W\d_])" if symbol[-1].isalpha() else ""
        any_symbol = rf"(?:[{SYMBOLS}]|{alone}{re.escape(symbol)}{end})"
    return (
        re.compile(rf"{any_symbol}\s?{_NUM}{_MULT}", re.I),
        re.compile(rf"(?<![\w.,])(\d+)(,\d{{1,2}})(?!\d){_MULT}\s?{any_symbol}", re.I),
        re.compile(rf"(?<![\w.]){_NUM}{_MULT}\s?{any_symbol}", re.I),
    )


def _slang_money(text: str, match: re.Match[str], figures: str) -> NumberMention:
    """Notes by their slang name as an amount: "a tenner" is 10, "two fivers" 10."""
    count = (match.group(1) or "a").lower()
    notes = int(count) if count.isdigit() else WORD_VALUES.get(count, 1)
    amount = float(notes * SLANG_NOTES[match.group(2).lower()])
    discount = is_discount(text, *match.span(), figures)
    return NumberMention(match.group(0), match.start(), amount, 1, "money", discount)


def _fraction(match: re.Match[str]) -> NumberMention:
    """A fraction off as a percentage: "a quarter off" is 25, "half the price" 50."""
    words = [g.lower() for g in match.groups() if g]  # [], [denominator] or [numerator, it]
    numerator = NUMERATORS[words[0]] if len(words) == 2 else 1
    value = 100 * numerator / (DENOMINATORS[words[-1]] if words else 2)
    return NumberMention(match.group(0), match.start(), value, 1, "percent", True)


def _number(
    text: str, match: re.Match[str], unit: Unit, figures: str | None = None
) -> NumberMention:
    whole, decimals, multiplier = (*match.groups(), None, None)[:3]
    whole = whole or "0"
    scale = MULTIPLIERS.get((multiplier or "").lower(), 1.0)
    quantum = (10.0 ** -(len(decimals) - 1) if decimals else 1.0) * scale
    decimals = (decimals or "").replace(",", ".")  # "23,50 kr": a decimal comma
    value = float(whole.replace(",", "") + decimals) * scale
    # A bare number is no discount ("15% off, valid for 14 days"): its unit says what it is.
    discount = unit != "plain" and is_discount(text, match.start(), match.end(), figures)
    # "About 1,200 customers", "nearly $90": rounded to the last non-zero digit written; "about
    # 60%" to a whole, a five or a ten (shares.py). Never a discount, which is written exactly.
    hedge = None if discount else hedge_before(text, match.start())
    rounding = 0.0
    if hedge and unit == "percent":
        rounding = percent_quantum(value, quantum)
    elif hedge:
        rounding = round_quantum(whole, quantum)
    return NumberMention(
        match.group(0).strip(), match.start(), value, quantum, unit, discount, hedge, rounding
    )


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
