"""Figures as drafts write them: money, percentages, fractions off and written numbers, and the
value, precision and discount flag read from a match.

extract.py runs these patterns in its order and masks what each found; this module only says
what a match is worth, as dates.py does for dates, so the readers are tested and changed apart
from the masking. What is read:

- money ($12.50, 12.50 dollars, 5 Swiss francs, €3k, 50p, 99 cents, ten quid, a tenner, two
  fivers, and the policy's own symbol: ¥23.50, CHF 23.50; "two pounds of coffee" is a weight,
  read as a plain number) and
  percentages (15%, 15 percent, 15-percent, 15 pct), fractions off included ("half off" = 50,
  "a quarter off" = 25, "two-thirds off", "half the price", but not "save half the time" or
  "cut a third of the sugar"). A figure is a discount beside a discount word ("15% off", "save
  15%") or beside a price that moves ("a 63% price cut", "prices 63% lower"), in its own
  sentence ("Churn risk is 63.4%. A price cut..." makes no discount of 63.4%);
- plain numbers (1,234 / 12.5 / 1.2 million) and written ones (twenty, twenty-five percent,
  and "a dozen" = 12, "half a dozen" = 6 before a counted noun: "a dozen times").
  Written one, two and three without a unit are skipped: they are counting words ("one of our
  favourites", "a couple"), not figures. Before a counted noun ("two years", "three times",
  "two orders") they are a count, read as "2 years" is; "a one-time code" is not. Digits are
  always read, so "1 click" is a claim.
"""

import functools
import re

from assistant.drafting.discounts import DENOMINATORS, NUMERATORS, is_discount
from assistant.drafting.mentions import NumberMention, Unit
from assistant.drafting.shares import hedge_before, percent_quantum, round_quantum

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
PLAIN = re.compile(rf"(?<![\w.]){_NUM}{_MULT}(?![\w])", re.I)
WORD_VALUES = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen".split()
)} | {w: 10 * (i + 2) for i, w in enumerate(
    "twenty thirty forty fifty sixty seventy eighty ninety".split()
)}  # fmt: skip
_WORD = "|".join(sorted(WORD_VALUES, key=len, reverse=True))
WEIGHT_AFTER = re.compile(r"(?i)\s+of\b")
# What a small count word counts when it is a claim ("with us for two years", "three times").
COUNTED_AFTER = re.compile(
    r"(?i)\s+(?:(?:whole|full|long|more)\s+)?(?:years|months|weeks|days|times|orders|purchases)\b"
)
# A count by the dozen: "a dozen times" is twelve, as "twelve times" is; "half a dozen" six.
# Said loosely of anything else ("a dozen reasons"), so only before a counted noun.
DOZEN = re.compile(
    r"(?i)\b(?:(half)[\s-]+a|(a|one|two|three|four|five|six|\d{1,2}))[\s-]+dozen\b(?!s)"
    r"|\b(half)-dozen\b"
)
WRITTEN = re.compile(
    rf"(?i)\b(?:{_WORD})(?:[\s-]+(?:and[\s-]+)?(?:{_WORD}|hundred|thousand))*\b"
    rf"({_PERCENT_SIGN}|\s(?:dollars?|bucks|quid|{_POUNDS}|euros?)\b|\spounds(?=\s+of\b))?"
)


@functools.cache
def money_patterns(symbol: str) -> tuple[re.Pattern[str], ...]:
    """Money written with a symbol: $ € £ and the policy's own (¥23.50, CHF 23.50, 23,50 kr).

    `symbol` is the policy's, already normalised. A symbol made of letters must stand apart
    from a word ("CHF", not the end of "WATCHF"). Any symbol may also follow the amount, as kr,
    CHF and € often do (23.50€), and then a comma may be the decimal point: "23,50 kr" is 23.50
    (a comma before three digits is a thousands separator: "1,234 kr").
    """
    symbol = symbol.strip()
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


def slang_money(text: str, match: re.Match[str], figures: str) -> NumberMention:
    """Notes by their slang name as an amount: "a tenner" is 10, "two fivers" 10."""
    count = (match.group(1) or "a").lower()
    notes = int(count) if count.isdigit() else WORD_VALUES.get(count, 1)
    amount = float(notes * SLANG_NOTES[match.group(2).lower()])
    discount = is_discount(text, *match.span(), figures)
    return NumberMention(match.group(0), match.start(), amount, 1, "money", discount)


def cents(text: str, match: re.Match[str], figures: str) -> NumberMention:
    """A MONEY_CENTS match as an amount in the currency: "50p" is 0.50."""
    amount, discount = int(match.group(1)) / 100, is_discount(text, *match.span(), figures)
    return NumberMention(match.group(0), match.start(), amount, 0.01, "money", discount)


def fraction_off(match: re.Match[str]) -> NumberMention:
    """A fraction off as a percentage: "a quarter off" is 25, "half the price" 50."""
    words = [g.lower() for g in match.groups() if g]  # [], [denominator] or [numerator, it]
    numerator = NUMERATORS[words[0]] if len(words) == 2 else 1
    value = 100 * numerator / (DENOMINATORS[words[-1]] if words else 2)
    return NumberMention(match.group(0), match.start(), value, 1, "percent", True)


def number(
    text: str, match: re.Match[str], unit: Unit, figures: str | None = None
) -> NumberMention:
    """A figure in digits (groups: whole, decimals, multiplier) with its precision, whether it
    is a discount (`figures`: the text before masking) and the hedge that rounds it."""
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


def written(text: str, match: re.Match[str], figures: str) -> NumberMention | None:
    """A WRITTEN match as a figure, or None for a counting word (see the module docstring)."""
    value = words_value(match.group(0)[: len(match.group(0)) - len(match.group(1) or "")])
    tail = (match.group(1) or "").strip().lower().lstrip("-")
    # "pounds" starts with p as "percent" does: "twenty pounds" is money, not 20%.
    weight = tail == "pounds" and WEIGHT_AFTER.match(text, match.end()) is not None
    percent = tail.startswith(("%", "per", "pct"))
    unit: Unit = "percent" if percent else "plain" if weight or not tail else "money"
    counted = COUNTED_AFTER.match(text, match.end()) is not None
    if value is None or (unit == "plain" and value <= 3 and not weight and not counted):
        return None
    discount = unit != "plain" and is_discount(text, match.start(), match.end(), figures)
    return NumberMention(match.group(0), match.start(), value, 1, unit, discount)


def dozen(text: str, match: re.Match[str]) -> NumberMention | None:
    """A DOZEN match as a plain count: "a dozen" is 12, "half a dozen" 6, "two dozen" 24; None
    where it counts no counted noun ("a dozen reasons to smile"), read as a small count is."""
    if COUNTED_AFTER.match(text, match.end()) is None:
        return None
    half, count, half_alone = (g.lower() if g else None for g in match.groups())
    if half or half_alone:
        value = 6.0
    else:
        value = 12.0 * (
            int(count) if count and count.isdigit() else WORD_VALUES.get(count or "", 1)
        )
    return NumberMention(match.group(0), match.start(), value, 1, "plain")


def words_value(words: str) -> float | None:
    """The value of a number in words ("two hundred and five" is 205); None for no words."""
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
