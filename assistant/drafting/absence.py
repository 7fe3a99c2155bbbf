"""Saying a customer has been away ("We have missed you", "it's been a while") in an offer to
customers who have not gone quiet.

The fallback copy opens with "We have missed you." only when the facts say the customers have
gone quiet (recency.py: the median RFM recency score is 1-2); to champions or new customers,
who bought lately, it is untrue. A model's draft is held to the same rule: absence wording
passes only where the facts' `gone_quiet` is True, and is refused where it is False (bought
recently) or None (unknown, as the fallback treats it). "Don't miss out", "you won't want to
miss it" and "we've been busy" say nothing of the customer's absence and pass.

verify.py runs it on the draft with merchant text blanked. A segment summary is written to
the marketer, not to the customers, and is not read.
"""

import re

from assistant.drafting.grounding import Grounding
from assistant.drafting.violations import Violation

ABSENCE = re.compile(
    # "We (have) missed you", "we miss you", "missing you", "we've missed seeing you".
    r"(?i)\bmiss(?:ed|es|ing)?\s+(?:having\s+|seeing\s+|hearing\s+from\s+)?you\b"
    # "It's been a while (since ...)", "it has been too long", "long time no see".
    r"|\bit(?:'s|\s+has|\s+is)\s+been\s+(?:quite\s+|a\s+little\s+)?(?:a\s+while|(?:far\s+|way\s+)?"
    r"too\s+long|ages|so\s+long|forever)\b|\blong\s+time\s+no\s+see\b"
    r"|\bwhere\s+have\s+you\s+been\b"
    # "We haven't seen you in a while", "we haven't heard from you for ages".
    r"|\bhaven't\s+(?:seen|heard\s+from)\s+you\s+(?:in|for)\s+(?:a\s+(?:while|bit)|ages|so\s+long"
    r"|too\s+long)\b"
)


def invented_absence(masked: str, text: str, grounding: Grounding) -> list[Violation]:
    """Each phrase of an offer (`masked`; quoted from `text`) saying its customers have been
    away, unless the facts say they have gone quiet."""
    if grounding.offer_expires is None or grounding.gone_quiet:
        return []
    why = (
        "the facts say they bought recently"
        if grounding.gone_quiet is False
        else "the facts do not say they have been away"
    )
    return [
        Violation(
            "invented_absence",
            text[m.start() : m.end()],
            f"'{text[m.start() : m.end()]}' says the customer has been away; {why}",
        )
        for m in ABSENCE.finditer(masked)
    ]
