"""Floors on the scores, as the at-risk list takes them: a churn risk ("churn risk above 90%",
"risk > 0.9", "more than 90% likely to churn": `min_churn_risk` 90) and a predicted value
("CLV over $1,000", "lifetime value of at least 500": `min_clv`).

Read before the spend bounds, percentages and money (extract.py), so "90%" here is no discount
and "$1,000" no budget nor a spend floor. A churn risk is a percent, as the tool takes it: a
number written without "%" is a probability when it is at most 1 ("risk > 0.9" is 90), else a
percent ("churn risk over 90"); it is a model's estimate, so "above" and "at least" give the
same floor. A predicted value is money: "over $1,000" is 1000.01, as thresholds.py reads "spent
over $1,000", so the answer says the floor applied. Only value words say a predicted value:
"spent over $1,000" is past spend (thresholds.py), and "value at risk" is neither. Asked of a
tool that takes neither floor, the answer's note says so (`unapplied`, through arg_notes.py).
"""

import re
from collections.abc import Collection
from dataclasses import dataclass

from assistant.routing.reading import Reader
from assistant.routing.spend_words import CENT, amount, money

_STRICT = r"(?P<strict>above|over|more\s+than|greater\s+than|higher\s+than|exceeding|>(?!=))"
_LEAST = r"(?P<least>at\s+least|no\s+less\s+than|not\s+less\s+than|>=|≥)"
_COMPARED = rf"(?:{_STRICT}|{_LEAST})\s*"
_OR_MORE = r"(?:\s*\+|\s+or\s+(?:more|higher|above|over)\b)"
_LIKELY = r"(?:\s+(?:is|of|score|scores?\s+of|that\s+is|that's))?"
# A churn risk as a number: "90%", "90 percent", "0.9", "90".
_RISK = (
    r"(?<![\w.$€£])(?P<n>\d{1,3}(?:\.\d+)?|\.\d+)(?![\d,])\s*"
    r"(?P<pct>%|percent\b|per\s?cent\b|pct\b)?"
)
# "churn risk", "churn probability", "risk of churning", and "risk" alone, but never the "risk"
# of "value at risk" or "at-risk".
_RISK_WORDS = (
    r"(?P<words>churn(?:ing)?\s+(?:risk|probability|chance|likelihood)(?:\s+score)?|"
    r"(?:risk|probability|chance|likelihood)\s+(?:of|to)\s+(?:churn(?:ing)?|leav(?:e|ing))|"
    r"(?<!\bat\s)(?<!\bat-)\brisk(?:\s+score)?)"
)
_CHURNS = (
    r"(?P<words>likely\s+to\s+(?:churn|leave)|(?:chance|probability|risk|likelihood)\s+of\s+"
    r"(?:churn(?:ing)?|leaving)|churn\s+(?:risk|probability|chance))"
)
RISK_FLOORS = [
    re.compile(rf"\b{_RISK_WORDS}{_LIKELY}\s*{_COMPARED}{_RISK}"),  # "churn risk above 90%"
    re.compile(rf"\b{_RISK_WORDS}{_LIKELY}\s+{_RISK}{_OR_MORE}"),  # "churn risk of 90% or more"
    re.compile(rf"{_COMPARED}{_RISK}\s+{_CHURNS}\b"),  # "more than 90% likely to churn"
    re.compile(rf"{_RISK}{_OR_MORE}\s+{_CHURNS}\b"),  # "90%+ likely to churn"
    # "only those above 80% risk", "80%+ churn risk": the percent before the words
    re.compile(rf"{_COMPARED}{_RISK}\s+(?P<words>(?:churn\s+)?risk)\b"),
    re.compile(rf"{_RISK}{_OR_MORE}\s+(?P<words>(?:churn\s+)?risk)\b"),
]
_VALUE_WORDS = (
    r"(?P<words>(?:predicted\s+|expected\s+|customer\s+)?(?:lifetime\s+value|clv|ltv)|"
    r"predicted\s+(?:value|worth)|expected\s+value)(?!\s+at\s+risk)"
)
_OF = r"(?:\s+(?:of|is|that\s+is|that's))?"
VALUE_FLOORS = [
    re.compile(rf"\b{_VALUE_WORDS}{_OF}\s*{_COMPARED}{money()}"),  # "CLV over $1,000"
    re.compile(rf"\b{_VALUE_WORDS}{_OF}\s+{money()}{_OR_MORE}"),  # "a CLV of $1,000 or more"
    re.compile(rf"{_COMPARED}{money()}\s+(?:(?:of|in)\s+)?{_VALUE_WORDS}"),  # "over $1k in CLV"
    # "customers worth more than $1000": what they are worth is their predicted value (not
    # "over $100 worth of coffee", money before the word, which is what they bought)
    re.compile(
        rf"\b(?:customers?|clients?|buyers?|people|ones|those|(?:who|that)\s+(?:are|is)|they're|"
        rf"they\s+are)\s+(?P<words>worth)\s+{_COMPARED}{money()}"
    ),
]


@dataclass(frozen=True)
class ScoreFloors:
    """The floors asked: a churn risk as a percent, a predicted value; None: none asked."""

    min_churn_risk: float | None = None
    min_clv: float | None = None


def read(reader: Reader) -> ScoreFloors:
    """The floors the message sets, their words taken from the reader."""
    return ScoreFloors(_churn_risk(reader), _clv(reader))


def _churn_risk(reader: Reader) -> float | None:
    for pattern in RISK_FLOORS:
        match = pattern.search(reader.text)
        if match is None:
            continue
        value = float(match.group("n"))
        if not match.group("pct") and value <= 1:
            value *= 100  # a probability: "risk > 0.9"
        elif not match.group("pct") and value > 100:
            continue  # no percent: "risk over 500" is no churn risk
        _take_floor(reader, match)
        return round(value, 2)
    return None


def _clv(reader: Reader) -> float | None:
    for pattern in VALUE_FLOORS:
        match = pattern.search(reader.text)
        value = None if match is None else amount(match)
        if match is None or value is None:
            continue
        _take_floor(reader, match)
        strict = match.groupdict().get("strict")
        return round(value + CENT, 2) if strict else value
    return None


def _take_floor(reader: Reader, match: re.Match[str]) -> None:
    """Take the comparison and the number, not the words of the score ("churn risk", "CLV"):
    they stay for the finders of the ranking and for what is embedded."""
    start, end = match.span()
    words_start, words_end = match.span("words")
    if words_start == start:
        reader.take(words_end, end)
    else:
        reader.take(start, words_start)


def unapplied(floors: ScoreFloors, names: Collection[str]) -> str:
    """A floor asked of a tool that takes none ("top customers in 1997 with a CLV over
    $1,000"), said so rather than dropped: only the at-risk list takes them."""
    asked = [name for name, value in vars(floors).items() if value is not None]
    if not asked or set(asked) <= set(names):
        return ""
    return (
        "This answer cannot be limited by churn risk or predicted value; the at-risk list can "
        '(e.g. "customers with churn risk above 90%", "customers with a CLV over 1000").'
    )
