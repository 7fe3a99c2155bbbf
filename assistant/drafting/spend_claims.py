"""The predicted value written as spend that happened: "they spend $6.17 per year", "each
spent $6.17". A segment's money fact is `avg_predicted_value`, what a customer is expected to
spend over the next year; the 692 customers of "at risk" spent about $70 each in 1997 and are
predicted to spend $6.17, so "they spend $6.17" misreports both (R22 3.3).

A figure grounded as that fact, in a sentence that speaks of spending or paying, needs a word
of the future beside it ("expected to spend", "will spend", "over the next year", "predicted").
Without the spend words a sentence names the value plainly ("average predicted value: $6.17")
and passes. An offer is not read: its facts hold no predicted value.
"""

import re

from assistant.drafting.grounding import Grounding, number_is_grounded
from assistant.drafting.mentions import Mentions
from assistant.drafting.placement import SENTENCE_END
from assistant.drafting.violations import Violation

PREDICTED_VALUE = "avg_predicted_value"
SPEND = re.compile(r"(?i)\b(?:spend|spends|spent|spending|pay|pays|paid|paying)\b")
# Words that put the spending ahead: "expected to", "will", "next year", "forecast".
FUTURE = re.compile(
    r"(?i)\b(?:predict(?:s|ed|ion)?|expect(?:s|ed)?|will|forecasts?|forecast(?:ed)?"
    r"|projected|estimated|likely|next|coming|upcoming|future)\b|'ll\b"
)


def spend_as_past(masked: str, mentions: Mentions, grounding: Grounding) -> list[Violation]:
    """Each figure of the predicted value that `masked` words as spend now or before."""
    if grounding.offer_expires is not None:
        return []
    predicted = tuple(n for n in grounding.numbers if n.source == PREDICTED_VALUE)
    if not predicted:
        return []
    only = Grounding(numbers=predicted)
    found: list[Violation] = []
    for number in mentions.numbers:
        if number.unit != "money" or not number_is_grounded(number, only):
            continue
        sentence = _sentence(masked, number.start, number.start + len(number.text))
        if SPEND.search(sentence) and not FUTURE.search(sentence):
            found.append(
                Violation(
                    "spend_as_past",
                    number.text,
                    f"'{number.text}' is predicted spend over the next year, not what "
                    "customers spend or spent: say they are expected to spend it",
                )
            )
    return found


def _sentence(text: str, start: int, end: int) -> str:
    """The sentence holding text[start:end]."""
    before = [m.end() for m in SENTENCE_END.finditer(text, 0, start)]
    after = SENTENCE_END.search(text, end)
    return text[before[-1] if before else 0 : after.start() if after else len(text)]
