"""What customers say, in a segment summary: "some say their boxes arrive crushed", "they
complain that delivery is slow", "reviews mention stale beans", "customers report late orders".

A segment summary's facts hold no reviews: its complaint themes are keyword lists, and code
words them into the summary after the check (draft.py), never the model. Given the keywords
"tea · time · order", a 1.5B model wrote "they also say their tea is too hot or too cold":
complaints nobody wrote. So any claim about what the segment's customers say, write, mention,
report, review or complain about is refused, however the themes read. Numbers, categories and
an offer suggestion pass, and so do offer wording that only asks ("ask for their feedback",
"tell them about the new blend"). An offer is not read: its facts may hold the customer's own
review, which the copy may thank them for.

verify.py runs it on the draft with merchant text blanked (the segment name, categories), so a
category called "Customer favourites" is the facts' own text. Where unsure this refuses: a
wrong refusal costs a retry, a wrong pass puts words in customers' mouths.
"""

import re

from assistant.drafting.grounding import Grounding
from assistant.drafting.violations import Violation

# Who speaks: people, a quantity of them ("some", "many of them"), or "those who".
_SPEAKERS = (
    r"some|many|most|several|few|others|they|customers?|shoppers?|buyers?|people|clients?"
    r"|users?|members?|households?|reviewers?|regulars|who"
)
# Speech, in any tense: "say", "have written", "complained", "point out".
_SPEECH = (
    r"say|says|said|saying|write|writes|wrote|written|writing|mention|mentions|mentioned"
    r"|mentioning|report|reports|reported|reporting|comment|comments|commented|commenting"
    r"|note|notes|noted|tell|tells|told|claim|claims|claimed|describe|describes|described"
    r"|remark|remarks|remarked|grumble|grumbles|grumbled|cite|cites|cited|voice|voices|voiced"
    r"|review|reviewed|rate|rated|point(?:s|ed)?\s+out"
)
REVIEW_CLAIM = re.compile(
    # A speaker, up to three words (one clause: no punctuation), then speech: "some say",
    # "many of them have mentioned", "customers in this segment report".
    # No "a" or "our" between: "customers could get a note" is a note to them, not from them.
    rf"(?i)\b(?:{_SPEAKERS})\b(?:\s+(?!(?:a|an|your|our)\b)[\w'-]+){{0,3}}?"
    rf"\s+(?:{_SPEECH})\b"
    # Complaints in any form: "they complain", "common complaints", "complaining about".
    r"|\bcomplain(?:s|ed|ing|ts?)?\b"
    # Reviews as a source: "reviews mention", "in their reviews", "reviewers", "low ratings".
    r"|\breview(?:s|ers?)\b|\b(?:their|in|customer|negative|positive|recent|bad|poor|written"
    r"|online)\s+review\b|\bratings?\b"
    # Feedback as a source, not as something to ask for: "their feedback" but not "ask for
    # their feedback".
    r"|(?<!for\s)\b(?:their|customer|customers'|negative|recent|according\s+to)\s+feedback\b"
    r"|\bfeedback\s+(?:says|said|shows|showed|suggests|suggested|mentions|mentioned|points"
    r"|highlights|indicates|reveals|is|was|has)\b"
    # The passive and the hearsay: "are said to", "reportedly", "told us", "according to them".
    r"|\b(?:is|are|was|were|often|frequently|commonly)\s+(?:said|reported|mentioned|cited)\b"
    r"|\breportedly\b|\b(?:told|tell|tells|telling)\s+us\b"
    rf"|\baccording\s+to\s+(?:(?:the|these|our)\s+)?(?:{_SPEAKERS}|them)\b"
)


def invented_review_claims(masked: str, text: str, grounding: Grounding) -> list[Violation]:
    """Each claim of a segment summary (`masked`; quoted from `text`) about what its customers
    say, write or complain about; none for an offer."""
    if grounding.offer_expires is not None:
        return []  # an offer: its facts may hold the customer's own review
    return [
        Violation(
            "invented_review_claim",
            text[m.start() : m.end()],
            f"'{text[m.start() : m.end()]}' says what customers say; the facts hold no reviews",
        )
        for m in REVIEW_CLAIM.finditer(masked)
    ]
