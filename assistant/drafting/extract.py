"""Finding what a draft claims: numbers, dates, product ids, promises and discounts.

Pure text in, mentions out; no facts here (verify.py compares). Each finder masks what it
found, so one piece of text is read once: a date's digits are not read again as numbers, nor a
product id's. The rules, in the order they run:

- offer terms (terms.py): links and e-mail addresses (masked), no-expiry, stacking and urgency
  wording, perks on every order; lengths of time ("for a week", durations.py);
- times of day ("11:59pm", "midnight", "23:59"; times.py), which no fact holds;
- dates: ISO (1998-03-05), numeric (03/05/1998, 5.3.98: both month-first and day-first
  readings kept), month names (March 5, 1998 / 5th of March / Mar 1998 / in March), a bare year
  (1998), dates counted from the day the copy is written (today, yesterday, last week, next year, in
  three days: grounding.py reads them from that day), and other relative words (this weekend,
  a weekday), which name no date the facts could hold and so can never be grounded, unless
  they name a kind of day ("a lazy Sunday", "start the weekend"), which is no date. A date
  after "until", "valid", "expires", "ends", "only" or "by", or before "only", is marked as a
  deadline: it can only be the offer's end ("stopped by on March 5" is a visit, "from before
  March 5" an age: neither is a deadline);
- money, percentages and fractions off, read by figures.py (which are discounts: discounts.py);
- codes and product ids: a token of 4+ characters mixing letters and digits (B000EYLDYE,
  SAVE20, SKU-1234), except a number with a unit or ordinal (12oz, 24h, 3rd, 30-day);
- shares of a group in words ("half of them", "a fifth of revenue"), or after their noun ("their
  churn risk is nearly two thirds", "a chance of one in three"), and hedged figures
  ("about 1,200 customers", "nearly $90", "~60%"), read as rounded (shares.py);
- plain numbers and written ones (figures.py); digits glued to a unit ("12oz", "30-day") too.
"""

import re
import unicodedata

from assistant.drafting.dates import (
    DATE_PATTERNS,
    DEADLINE,
    DEADLINE_AFTER,
    kind_of_day,
    readings,
    relative,
)
from assistant.drafting.discounts import FRACTION_OFF
from assistant.drafting.durations import find_durations
from assistant.drafting.figures import (
    DOZEN,
    MONEY_CENTS,
    MONEY_SLANG,
    MONEY_WORDS,
    PERCENT,
    PLAIN,
    SYMBOLS,
    WRITTEN,
    cents,
    dozen,
    fraction_off,
    money_patterns,
    number,
    slang_money,
    written,
)
from assistant.drafting.mentions import (
    CodeMention,
    DateMention,
    Mentions,
    NumberMention,
    PromiseMention,
)
from assistant.drafting.promises import PROMISES
from assistant.drafting.shares import (
    SHARE,
    SHARE_AFTER_NOUN,
    hedge_before,
    share_after_noun,
    share_value,
)
from assistant.drafting.terms import find_terms
from assistant.drafting.times import find_times

_UNIT_TAIL = r"(?:st|nd|rd|th|oz|lbs?|kg|g|mg|ml|l|cl|h|hrs?|hours?|mins?|x|am|pm|pk|pack|ct|s)"
CODE = re.compile(r"\b[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*\b")
NUMBER_WITH_UNIT = re.compile(rf"(?i)^\d+(?:\.\d+)?-?{_UNIT_TAIL}?$")


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
    text = _times(text, found)
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


def _times(text: str, found: Mentions) -> str:
    found.times = find_times(text)
    for time in found.times:
        # Masked, so "11:59" is not read again as 11 and 59, nor "2026-05-01 23:59" as a year.
        text = mask(text, time.start, time.start + len(time.text))
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
            if kind == "relative" and not deadline and kind_of_day(text, match):
                continue  # "a lazy Sunday": no day at all
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
    for pattern in (*money_patterns(normalise(currency_symbol)), MONEY_WORDS):
        for match in pattern.finditer(text):
            found.numbers.append(number(text, match, "money", figures))
            text = mask(text, match.start(), match.end())
    for match in MONEY_SLANG.finditer(text):
        found.numbers.append(slang_money(text, match, figures))
        text = mask(text, match.start(), match.end())
    for match in MONEY_CENTS.finditer(text):
        found.numbers.append(cents(text, match, figures))
        text = mask(text, match.start(), match.end())
    for match in PERCENT.finditer(text):
        found.numbers.append(number(text, match, "percent", figures))
        text = mask(text, match.start(), match.end())
    for match in FRACTION_OFF.finditer(text):
        found.numbers.append(fraction_off(match))
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
    for match in SHARE_AFTER_NOUN.finditer(text):
        read = share_after_noun(match)
        if read is None:
            continue
        start, end = match.span("share")
        hedge = hedge_before(text, start) or "about"
        found.numbers.append(
            NumberMention(match.group("share"), start, read[0], 1, "percent", False, hedge, read[1])
        )
        text = mask(text, start, end)
    # A count in the offer's length ("for two weeks") is held to its days there (durations.py).
    lengths = [range(d.start, d.start + len(d.text)) for d in found.durations]
    for match in DOZEN.finditer(text):
        figure = dozen(text, match)
        if figure is not None and not any(match.start() in length for length in lengths):
            found.numbers.append(figure)
            text = mask(text, match.start(), match.end())
    for match in WRITTEN.finditer(text):
        figure = written(text, match, figures)
        if figure is None or any(match.start() in length for length in lengths):
            continue  # None: a counting word, left as it is
        found.numbers.append(figure)
        text = mask(text, match.start(), match.end())
    return text


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
        found.numbers.append(number(text, match, "plain"))
    # Numbers glued to a unit ("12oz", "30-day") are figures too.
    for match in re.finditer(rf"(?i)(?<![\w.])(\d+)(\.\d+)?()-?{_UNIT_TAIL}\b", text):
        found.numbers.append(number(text, match, "plain"))
