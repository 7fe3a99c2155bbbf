"""Things a draft says the customer did, or that happened to them, which no fact holds: "sorry
to hear you missed the offer", "you left something in your cart", "thanks for contacting us",
"the item you returned", "sorry your parcel arrived late", "we saw you browsing", "as promised".

An offer's facts hold one thing the customer did: their last order (its day, amount and
products), and, where they wrote one, their review. Nothing else of their history reaches the
facts: no earlier offer or message, cart, call, complaint, return, delivery, visit or request.
A 1.5B model wrote an SMS saying "sorry to hear you missed the offer", of an offer that never
was, and every other check passed it: its words name no number, date or product. So each
claim of such an event is refused.

A review is the customer's own words: copy may thank them for it, and answer what it says
("sorry to hear", "the trouble with your delivery"), so those claims pass only when the facts
hold a review (`Grounding.customer_review`); what the review says is not read here. A
birthday or an anniversary is refused by occasions.py, and having been away by absence.py.

Generic marketing passes: "don't miss out", "you won't want to miss it", "add it to your cart",
"fill your basket", "thanks for your order" (the last order), "we hope you enjoyed it", "we
miss you" and "it's been a while" (absence.py decides those), "reach out any time". Where
unsure this refuses: a wrong refusal costs a retry, a wrong pass tells a customer of something
that never happened to them.

verify.py runs it on the draft with merchant text blanked, offers and summaries alike (a
summary speaks of "they", and these claims are made to "you"); what a summary says of
complaints and problems is review_claims.py's to refuse.
"""

import re

from assistant.drafting.grounding import Grounding
from assistant.drafting.violations import Violation

# "You", "you've", "you have", "you had", "you may have": the customer as the one who did it.
_YOU = r"\byou(?:'ve|'d|\s+have|\s+had|\s+may\s+have|\s+might\s+have)?\s+(?:just\s+|recently\s+)?"
# What the store sends or runs, which a customer could have missed.
_OFFERS = (
    r"(?:offer|sale|deal|promo(?:tion)?|discount|event|code|coupon|voucher|e-?mail|newsletter"
    r"|message|text)s?"
)
# What can be missed: any of those, or a chance ("your last chance" is urgency: terms.py).
_MISSABLE = rf"(?:{_OFFERS}|chances?|opportunit(?:y|ies))"
_PARCEL = r"(?:delivery|deliveries|parcel|package|order|shipment|item|box|product)s?"
_BAD = r"(?:late|delayed|damaged|broken|crushed|lost|missing|wrong|incomplete|leaking|spoilt)"
_CART = r"(?:shopping\s+)?(?:cart|basket|trolley)"

# (what the claim says happened, the pattern): each needs an event the facts never hold.
UNHELD: list[tuple[str, re.Pattern[str]]] = [
    (what, re.compile(pattern, re.IGNORECASE))
    for what, pattern in [
        # "You missed the offer", "sorry you missed it", "in case you missed it", "missed our
        # last sale?"; not "don't miss out", "you won't want to miss it", "we missed you", nor
        # "have you missed our Earl Grey?" (a product, no offer).
        ("a missed offer", rf"{_YOU}missed\b(?!\s+(?:you|us)\b)(?:\s+(?:out\s+on\s+)?"
         rf"(?:our|the|your|that|this|last)\s+(?:[\w'-]+\s+){{0,2}}?{_MISSABLE}\b|\s+it\b"
         r"|\s+out\b)"
         rf"|\bmissed\s+(?:out\s+on\s+)?(?:our|the|your|that|this|last)\s+(?:[\w'-]+\s+){{0,2}}?"
         rf"{_MISSABLE}\b|\bICYMI\b"),
        # An earlier offer or message of ours: "our previous offer", "the code we sent", "your
        # code has expired", "we emailed you"; not "our last sale of the season" (the last to
        # come).
        ("an earlier offer or message",
         rf"\b(?:our|the|your)\s+(?:previous|earlier|recent|old|unused|expired)\s+{_OFFERS}\b"
         r"|\b(?:offer|code|coupon|voucher|discount)s?\s+(?:has\s+|had\s+|have\s+)?expired\b"
         r"|\bwe\s+(?:recently\s+|last\s+)?(?:sent|emailed|e-mailed|texted|messaged|wrote\s+to)"
         r"\s+you\b"),
        # "Items still in your cart", "you left something behind", "your basket is waiting",
        # "pick up where you left off"; not "complete your order" (how a code is used, too).
        ("an unfinished order",
         r"\b(?:still|waiting|sitting|left|saved|abandoned|forgotten)\s+(?:[\w'-]+\s+){0,2}?"
         rf"in\s+(?:your|the)\s+{_CART}\b"
         rf"|\b(?:abandoned|forgotten|saved)\s+{_CART}\b"
         rf"|\byour\s+{_CART}\s+(?:is\s+)?(?:still\s+)?(?:waiting|misses|saved|full)\b"
         r"|\b(?:left|forgot|forgotten)\s+something\b|\bwhere\s+you\s+left\s+off\b"),
        # "You contacted us", "thanks for reaching out", "your support ticket", "following up
        # on your call"; "reach out any time" asks, and passes.
        ("a contact with us",
         rf"{_YOU}(?:contacted|called|phoned|e-?mailed|messaged|texted|wrote\s+to|written\s+to"
         r"|sp(?:o|ea)ke?n?\s+(?:to|with)|chatted\s+(?:to|with)|reached\s+out|got\s+in\s+touch"
         r"|gotten\s+in\s+touch)\b"
         r"|\bthank(?:s|\s+you)\s+(?:so\s+much\s+)?for\s+(?:contacting|calling|e-?mailing"
         r"|reaching\s+out|getting\s+in\s+touch|your\s+(?:recent\s+)?(?:call|message|e-?mail"
         r"|enquiry|inquiry|request|question|patience|understanding|letter|chat))\b"
         r"|\byour\s+(?:recent\s+)?(?:support\s+)?(?:ticket|case|enquiry|inquiry|query"
         r"|request)\b"
         r"|\bfollow(?:ing)?[\s-]+up\s+(?:on|from|to)\s+(?:your|our)\s+(?:recent\s+|last\s+)?"
         r"(?:call|chat|conversation|message|e-?mail|request|enquiry|inquiry|visit|ticket"
         r"|question)\b"),
        # "As promised", "as you asked", "per your request", "we promised you".
        ("a promise or request",
         r"\b(?:as|like)\s+(?:promised|requested|discussed|agreed|we\s+(?:promised|discussed"
         r"|agreed|said)|you\s+(?:asked|requested|wanted|wished|suggested))\b"
         rf"|\bper\s+your\s+request\b|\bwe\s+promised\b|{_YOU}(?:asked|requested)\b"),
        # "You returned the mug", "the item you sent back", "your recent exchange"; "you
        # returned to us" is coming back, which absence.py reads.
        ("a return",
         rf"{_YOU}(?:returned|sent\s+back|exchanged)\b(?!\s+to\b)"
         r"|\byour\s+(?:recent\s+)?(?:return|exchange)s?\b(?!\s+(?:to|visit|trip)\b)"),
        # "You visited our site", "we saw you browsing", "items you viewed", "your wishlist",
        # "still thinking it over?", "something caught your eye".
        ("a visit",
         rf"{_YOU}(?:were\s+|have\s+been\s+|'ve\s+been\s+)?(?:visited|browsed|browsing|viewed"
         r"|viewing|looked\s+at|looking\s+at|eyeing|eyed|checking\s+out|searched|added)\b"
         r"|\byour\s+recent\s+(?:visit|browse|browsing|search|session)\b"
         r"|\byour\s+(?:wish\s*list|saved\s+items|browsing(?:\s+history)?|searches)\b"
         r"|\bstill\s+(?:thinking|deciding)\s+(?:about|it\s+over|on)\b|\bcaught\s+your\s+eye\b"),
        # "Since you joined", "when you signed up": no facts block holds an account's start.
        ("joining",
         rf"{_YOU}(?:first\s+)?(?:joined|signed\s+up|subscribed|registered)\b"),
    ]
]  # fmt: skip

# Claims that answer the customer's review: they pass when the facts hold one.
ANSWERS_REVIEW: list[tuple[str, re.Pattern[str]]] = [
    (what, re.compile(pattern, re.IGNORECASE))
    for what, pattern in [
        # "Thanks for your feedback", "you told us", "in your review"; not "we would love
        # your feedback" (asked for, not had).
        ("a review", r"\b(?:thanks?|thank\s+you|in|after|about|from|read|saw|reading)\s+(?:for\s+)?"
         r"your\s+(?:recent\s+|kind\s+|lovely\s+)?(?:review|feedback|comments?|rating)\b"
         rf"|{_YOU}(?:told\s+us|mentioned|reviewed|rated|let\s+us\s+know)\b"),
        # "You complained", "your complaint", "you reported a problem".
        ("a complaint", r"\bcomplain(?:ed|ing|ts?)\b"
         rf"|{_YOU}(?:raised|reported|flagged)\s+(?:an?\s+|the\s+)?(?:issue|problem|concern)"),
        # "Sorry to hear", "we apologise", "a damaged parcel", "your order arrived late",
        # "the trouble with your delivery", "we'll make it up to you".
        ("a problem with an order",
         r"\bsorry\s+(?:to\s+(?:hear|see|learn|read)|for(?!\s+(?:the\s+)?(?:short\s+notice|"
         r"wait|long\s+(?:e-?mail|message)))|about|that|you|your)\b"
         r"|\bapologi[sz](?:e|es|ed|ing)\b|\b(?:our|my)\s+apologies\b"
         rf"|\b{_BAD}\s+{_PARCEL}\b"
         rf"|\b(?:your|the)\s+(?:recent\s+|last\s+)?{_PARCEL}\s+(?:was|were|arrived|came|got"
         rf"|went)\s+(?:[\w'-]+\s+)?(?:{_BAD}|short|open|astray|too\s+late)\b"
         r"|\b(?:problems?|issues?|trouble|difficult(?:y|ies)|mix-?ups?|hiccups?|delays?)\s+"
         rf"(?:with|on|in)\s+(?:your|the)\s+(?:recent\s+|last\s+)?(?:{_PARCEL}|account|payment"
         r"|checkout)\b"
         r"|\bmake\s+(?:it|this|that)\s+up\s+to\s+you\b|\b(?:make|put)\s+(?:it|things)\s+right\b"),
    ]
]  # fmt: skip


def invented_events(masked: str, text: str, grounding: Grounding) -> list[Violation]:
    """Each claim of `masked` (quoted from `text`) that something happened to the customer,
    or that they did something, which the facts do not hold."""
    # A summary's talk of complaints and problems is review_claims.py's to refuse.
    answers = grounding.offer_expires is not None and not grounding.customer_review
    patterns = UNHELD + (ANSWERS_REVIEW if answers else [])
    found: list[tuple[int, int, str]] = []
    for what, pattern in patterns:
        found += [(m.start(), m.end(), what) for m in pattern.finditer(masked)]
    violations: list[Violation] = []
    taken = -1  # one refusal per stretch of words, the first claim read in it
    for start, end, what in sorted(found):
        if start < taken:
            continue
        taken = end
        quoted = text[start:end]
        violations.append(
            Violation("invented_event", quoted, f"'{quoted}' tells of {what}; the facts hold none")
        )
    return violations
