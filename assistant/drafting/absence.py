"""Saying a customer has been away ("We have missed you", "it's been a while") in an offer to
customers who have not gone quiet.

The fallback copy opens with "We have missed you." only when the facts say the customers have
gone quiet (recency.py: the median RFM recency score is 1-2); to champions or new customers,
who bought lately, it is untrue. A model's draft is held to the same rule: absence wording
passes only where the facts' `gone_quiet` is True, and is refused where it is False (bought
recently) or None (unknown, as the fallback treats it). Absence is read in its other words
too: "we haven't heard from you lately", "you've been away for a while", "we noticed you
haven't ordered in a while", "your last order was a while ago", "welcome back after your time
away". "Don't miss out", "you won't want to miss it", "we've been busy" and "Welcome back!"
alone say nothing of how long the customer was gone, and pass: every offer goes to someone
who has bought before, and a champion comes back often.

verify.py runs it on the draft with merchant text blanked. A segment summary is written to
the marketer, not to the customers, and is not read.
"""

import re

from assistant.drafting.grounding import Grounding
from assistant.drafting.violations import Violation

# Vague lengths of an absence: "in a while", "for ages", "for some time" (a count, "in over a
# year", is a date: ungrounded.py reads it).
_LONG = (
    r"(?:a\s+(?:little\s+)?(?:while|bit|long\s+(?:time|while))|ages|so\s+long|too\s+long"
    r"|(?:quite\s+)?some\s+time)"
)
# What a customer who has been away has not done: "seen you", "ordered", "stopped by".
_NOT_DONE = (
    r"(?:seen\s+you|heard\s+from\s+you|ordered|shopped|bought|purchased|visited"
    r"|been\s+(?:in|by|around|back)|stopped\s+by|popped\s+(?:in|by)|dropped\s+by"
    r"|come\s+(?:in|by|back))"
)
ABSENCE = re.compile(
    # "We (have) missed you", "we miss you", "missing you", "we've missed seeing you".
    r"(?i)\bmiss(?:ed|es|ing)?\s+(?:having\s+|seeing\s+|hearing\s+from\s+)?you\b"
    # "It's been a while (since ...)", "it has been too long", "long time no see"; not "it's
    # been a long time coming" (of a new blend).
    r"|\bit(?:'s|\s+has|\s+is)\s+been\s+(?:quite\s+|a\s+little\s+)?(?:a\s+while|(?:far\s+|way\s+)?"
    r"too\s+long|ages|so\s+long|forever|(?:quite\s+)?some\s+time|a\s+long\s+(?:time|while))\b"
    r"(?!\s+(?:coming|in\s+the\s+making))"
    r"|\blong\s+time\s+no\s+see\b|\bwhere\s+have\s+you\s+been\b"
    # "We haven't seen you in a while", "we haven't heard from you lately", "we noticed you
    # haven't ordered in a while", "you haven't stopped by for ages".
    rf"|\b(?:haven't|have\s+not|hasn't|has\s+not)\s+{_NOT_DONE}\b(?:\s+[\w']+){{0,3}}?"
    rf"\s+(?:(?:in|for)\s+{_LONG}|lately|recently)\b"
    # "You've been away for a while", "while you were away", "after your time away".
    r"|\byou(?:'ve|\s+have|'d|\s+had)\s+been\s+(?:away|gone|missing)\b|\byou\s+were\s+(?:away|gone)\b"
    r"|\b(?:your|some)\s+(?:time|while|months?|break)\s+away\b"
    # "Your last order was a while ago", "you last ordered some time ago"; not the store's own
    # ("our last order of beans came in a while ago").
    r"|\b(?:your\s+last\s+(?:order|visit|purchase)|you\s+last\s+(?:ordered|visited|shopped"
    rf"|bought|came|stopped|popped))\b[^.!?\n]{{0,30}}?\b{_LONG}\s+ago\b"
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
