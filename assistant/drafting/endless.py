"""Wording that gives an offer no end, when every offer has one (terms.py reports it as no_expiry).

Pure text in, (phrase, start) out. Three kinds of wording, from surest to least sure:

- words that say it on their own, wherever they stand: "never expires", "no expiry", "won't
  ever expire", "valid any time" (not "any time before May 1"), "from now on",
  "indefinitely", "in perpetuity", "a lifetime discount", "a permanent 15% off", "valid for
  life", "yours forever";
- a duration in a sentence that names the deal ("Here is 15% off - forever.", "15% off for
  life", "use this code whenever you like", "permanently 15% off"), or a sentence that is only
  the duration ("15% off. Forever!");
- "always" beside the deal: "always 15% off", "you can always use this code", "15% off,
  always." ("As always, 15% off" speaks of the past, and passes).

Honest phrases that hold the same words pass where they can be told apart without guessing: a
compound ("our forever-favourite blend"), a past that felt long ("it's been forever since your
last order"), people for life ("customers for life"), "for good measure", and any of these words
in a sentence that names no deal ("We've roasted this blend forever."). Anything else beside a
deal is refused: a wrong refusal costs a retry, a wrong pass promises a discount without end.
"""

import re

# Names the deal in a sentence: its figure or the words for it. A figure starts where its
# digits start, so a long run of digits is read once, not again from each of its digits.
_DEAL = (
    r"(?<!\d)\d+(?:\.\d+)?\s?(?:%|percent\b|per\s+cent\b|pct\b)"
    r"|\b(?:off|discounts?|offers?|deals?|codes?|coupons?|vouchers?|savings?|save"
    r"|promo(?:tion)?s?)\b"
)
_NOUN = r"(?:discounts?|offers?|deals?|codes?|coupons?|vouchers?|savings?|promo(?:tion)?s?|off)"
_DURATION = (
    r"\bforever(?![-\u2011]\w)(?:more)?\b|\bfor\s+ever\b|\bevermore\b"
    r"|\bpermanent(?:ly)?\b|\bfor\s+all\s+time\b|\bfor\s+(?:a\s+)?lifetime\b|\bfor\s+life\b"
    r"|\bfor\s+good\b(?=\s*(?:[.,!?;:)\-\u2013\u2014]|$))"  # not "for good measure"
    r"|\bfor\s+the\s+rest\s+of\s+(?:your|their|our)\s+li(?:fe|ves)\b|\bfor\s+years\s+to\s+come\b"
    r"|\b(?:for\s+)?as\s+long\s+as\s+you\s+(?:like|want|wish|shop|stay|remain|keep)\b"
    r"|\b(?:whenever|any\s*time)\s+you\s+(?:like|want|wish|please|fancy)\b|\bno\s+matter\s+when\b"
    r"|\bwith\s+no\s+end\b"
)
DEAL = re.compile(_DEAL, re.I)
# Sure wherever they stand.
NO_END = re.compile(
    r"\bnever\s+(?:ever\s+)?(?:expires?|ends?|runs?\s+out)\b"
    r"|\bno\s+(?:end\s+date|expiry|expiration|deadline|time\s+limit)\b"
    r"|\b(?:does\s*n[o']?t|doesn't|won't|will\s+not|don't|do\s+not|can't|cannot)\s+(?:ever\s+)?"
    r"expire\b"
    r"|\bwithout\s+(?:an?\s+)?(?:end\s+date|expiry|expiration|deadline|time\s+limit)\b"
    r"|\b(?:valid|good|lasts?|yours)\s+(?:forever|indefinitely|for\s+ever|for\s+life|for\s+good"
    r"|for\s+(?:a\s+)?lifetime|a\s+lifetime|permanently|for\s+all\s+time)\b"
    r"|\b(?:keep\s+(?:it|them)|yours\s+to\s+keep)\s+(?:forever|for\s+ever|for\s+good|for\s+life)\b"
    r"|\bindefinitely\b|\bin\s+perpetuity\b|\bfrom\s+now\s+on\b|\bexpiry-free\b"
    # "valid any time", "good anytime", "use it any time": but "any time before May 1" ends.
    r"|\b(?:valid|good|usable|redeemable|use\s+it|redeem\s+it|claim\s+it)\s+(?:at\s+)?any\s*time\b"
    r"(?!\s+(?:before|until|till|by|up\s+to|through|between|from|this|in\s+the\s+next))"
    r"|\bnon-?expiring\b"
    # An adjective of endlessness on the deal: "a lifetime discount", "a permanent 15% off".
    r"|\b(?:lifetime|life-?long|permanent|perpetual|everlasting|never-?ending|endless|forever"
    rf"|unlimited|open-ended)\s+(?:[\w%.-]+\s+){{0,2}}?{_NOUN}\b",
    re.I,
)
# A duration that is about the deal when its sentence names the deal.
DURATION = re.compile(_DURATION, re.I)
# A sentence that is only the duration: "15% off. Forever!"
ONLY_DURATION = re.compile(rf"\s*(?:and\s+)?(?:it's\s+|yours\s+)?(?:{_DURATION})", re.I)
# Words before a duration that make it a past or people, not the deal's length: "it's been
# forever since your last order", "customers for life", "like always".
NOT_THE_DEALS = re.compile(
    r"\b(?:been|taken|took|take|takes|waited|waiting|wait|like|since)\s+$"
    r"|\b(?:customers?|clients?|friends?|fans?|members?|regulars?|family|pals?)\s+$",
    re.I,
)
ALWAYS = re.compile(
    # "always 15% off", "you can always use this code": at most three words before the deal.
    rf"(?<!as\s)\balways(?=\s+(?:[\w']+\s+){{0,3}}?(?:{_DEAL}))"
    # "15% off, always." / "15% off your next order - always!": the clause ends with it.
    r"|(?<!as\s)\balways(?=\s*(?:[.!]|$))",
    re.I,
)
SENTENCE = re.compile(r"[^.!?\n]+[.!?]*")


def endless_wording(text: str) -> list[tuple[str, int]]:
    """Each phrase of `text` that gives the offer no end, with where it starts."""
    found = [(m.group(0), m.start()) for m in NO_END.finditer(text)]
    taken = [range(start, start + len(phrase)) for phrase, start in found]
    for sentence in SENTENCE.finditer(text):
        body = sentence.group(0)
        names_deal = DEAL.search(body) is not None
        if not names_deal and not ONLY_DURATION.fullmatch(body.rstrip(".!? ")):
            continue
        for match in [*DURATION.finditer(body), *(ALWAYS.finditer(body) if names_deal else [])]:
            start, end = sentence.start() + match.start(), sentence.start() + match.end()
            if any(start < span.stop and span.start < end for span in taken):
                continue  # "valid for life", "with no end date" were found whole
            if not NOT_THE_DEALS.search(body[: match.start()]):
                found.append((match.group(0), start))
    return sorted(found, key=lambda item: item[1])
