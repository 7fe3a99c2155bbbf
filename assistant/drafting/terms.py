"""Offer terms a draft states in words rather than figures: where to go, how long, how often.

Pure text in, mentions out, like extract.py (which calls this first). What is found:

- links: web addresses (http://..., www..., shop.example/claim) and e-mail addresses. No fact
  holds one, so any link came from somewhere else (a review that asked for it, or the model);
- no_expiry: wording that says the offer never ends ("never expires", "15% off - forever",
  "a lifetime discount", "always 15% off"), when every offer has one (endless.py);
- stacking: wording that offers the discount more than once ("use it twice", "stack it",
  "combine with other offers", "stackable with all other offers", "works with your other
  coupons", "on top of this offer", "off your next three orders", "off every purchase",
  "forward this to a friend"), and on prices already cut ("it works on sale items too": the
  sale's discount, then this one). Only wording that names a deal counts: "on top of that",
  "combined with our new roast", "it works with a code at checkout" and a customer called Stack
  are not. A second discount figure ("plus another 15% off") is found by verify.py, which sees
  the discounts extract.py read;
- urgency: wording that says the offer is about to end ("last chance", "ends soon", "act
  now", "ends at the end of the day" with no date after it), when it runs for the policy's
  days: an end the facts do not hold. "Limited time" is true (every offer ends), and "hurry"
  or "don't wait" beside the true end ask, not claim;
- lasting_perk: a perk given on every order ("free shipping on all orders"), when a perk is
  part of one offer, used once.
"""

import re
from dataclasses import dataclass
from typing import Literal

from assistant.drafting.endless import endless_wording

TermKind = Literal["link", "no_expiry", "stacking", "urgency", "lasting_perk"]

_GTLD = r"(?:com|net|org|io|co|shop|store|info|biz|app|online|site|example)"
_TAIL = r"(?:[^\s<>\"']*[^\s<>\"'.,;:!?)])?"  # the rest of an address, less a full stop after it
# An address is read from where its run of name characters starts, never from inside it: tried
# from every letter of "a.a.a..." (20,000 characters), each try ran to the end (5 s; bench/
# checker.py).
LINK = re.compile(
    r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b"  # an e-mail address
    rf"|(?i:\b(?:https?://|www\.)){_TAIL}"  # a web address with a scheme or www
    # A bare domain (shop.example/claim); lower case only, so "order.Shop" missing its space
    # after a full stop is not read as one.
    rf"|(?<![\w.-])(?:[a-z0-9-]+\.)+{_GTLD}\b(?:/{_TAIL})?"
)
_DEAL = r"(?:offers?|discounts?|codes?|coupons?|promotions?|promos?|deals?|vouchers?|savings?)\b"
# Another deal, by any quantifier: "any other coupon", "all other offers", "every promo".
_OTHER_DEALS = rf"(?:other|another|any|all|every|an?)\s+(?:\w+\s+)?{_DEAL}"
_CUT = r"(?:sale|reduced|discounted|marked[\s-]down|clearance)"
_MANY = r"two|three|four|five|six|few|several|\d+"
_ORDERS = r"(?:orders?|purchases?|visits?|deliveries|delivery|boxes|baskets?|checkouts?)\b"
_OTHERS = (
    r"(?:a\s+|your\s+|any\s+)?(?:friends?|family|others|someone|anyone|colleagues?|loved\s+ones"
    r"|neighbou?rs?)\b"
)
STACKING = re.compile(
    r"(?i)\b(?:use|redeem|apply|claim)\s+(?:it|this(?:\s+\w+)?|the\s+\w+|them)\s+"
    r"(?:twice|again|two\s+times|more\s+than\s+once|as\s+often|every\s+time|on\s+every\s+order)\b"
    # Only wording that names a deal: "on top of that" and "combined with our new roast" are
    # plain English, and "Stack" may be the customer's name.
    rf"|\bon\s+top\s+of\s+(?:this|the|your|that|any|an?)\s+(?:\w+\s+)?{_DEAL}"
    r"|\bon\s+top\s+of\s+(?:this|the|your|that)?\s*\d+(?:\.\d+)?\s?%"
    r"(?:\s*(?:off|discount|saving)|(?!\s*\w))"  # not "on top of the 63.4% churn risk"
    rf"|\bcombin\w*\s+(?:it\s+|this\s+|them\s+)?with\s+(?:your\s+)?{_OTHER_DEALS}"
    # "Works with your other coupons too", "valid alongside any other offer".
    r"|\b(?:works?|working|valid|usable|good|goes|applies|use\s+it)\s+"
    # Only another deal: "it works with a code at checkout" is how to use this one.
    r"(?:with|alongside|together\s+with)\s+(?:your\s+|any\s+|all\s+|every\s+)?"
    rf"(?:other|another|existing)\s+(?:\w+\s+)?{_DEAL}"
    rf"|\bstack(?:s|ed|able|ing)?\s+(?:it|them|this|these|(?:\w+\s+)?{_DEAL})\b"
    rf"|\bstack(?:s|ed|able)?\s+with\s+{_OTHER_DEALS}"
    # On prices already cut: "it works on sale items too", "even on reduced lines".
    rf"|\b(?:on|to|with|off|including|even)\s+(?:already[\s-]+)?{_CUT}[\s-]+"
    r"(?:items?|products?|prices?|goods|lines|stock)\b"
    r"|\b(?:is|are|it's|they're)\s+stackable\b"
    # More than one order: "off your next three orders", "15% off every purchase".
    rf"|\b(?:next|first)\s+(?:{_MANY})\s+{_ORDERS}"
    rf"|(?:%|\boff|\bdiscount)\s+(?:on\s+|of\s+)?(?:every|each|all(?:\s+of)?(?:\s+your)?)\s+"
    rf"(?:future\s+|single\s+)?{_ORDERS}"
    # Passed on to someone else: "forward this to a friend", "share the code with family".
    rf"|\b(?:forward|share|pass|send|give)\s+(?:it|this|this\s+(?:e-?mail|message|{_DEAL})"
    rf"|the\s+{_DEAL}|your\s+{_DEAL})\s+(?:on\s+|along\s+)?(?:to|with)\s+{_OTHERS}"
    rf"|\b{_OTHERS}\s+(?:can\s+|will\s+|also\s+)?(?:gets?|enjoys?|saves?|claims?)\s+"
    rf"(?:the\s+same\s+|it\s+|this\s+|an?\s+)?(?:{_DEAL}|\d+(?:\.\d+)?\s?%|discount)"
)

# Urgency about the offer, not the season: "last days of summer" and "summer is almost over"
# are no deadline.
URGENCY = re.compile(
    r"(?i)\b(?:last|final)\s+(?:chance|call|hours?|days?)\b(?!\s+of\b)"
    r"|\bact\s+(?:fast|quick(?:ly)?|now)\b|\b(?:ends?|ending|expir\w*|over)\s+soon\b"
    r"|\b(?:it'?s|it\s+is|offer|deal|discount|sale|code|savings?)\s+(?:is\s+|are\s+)?"
    r"(?:almost|nearly)\s+over\b"
    r"|\b(?:time\s+is\s+running\s+out|running\s+out\s+of\s+time)\b"
    r"|\bbefore\s+it'?s\s+(?:gone|too\s+late)\b|\bonly\s+(?:a\s+few\s+)?(?:hours|days)\s+left\b"
    # A day's end with no date after it ("ends at the end of the day") is today's; "at the end
    # of the day" alone is an idiom, and "until the end of day on May 1" names the day.
    r"|\b(?:ends?|ending|expir\w*|until|till|by)\s+(?:at\s+)?(?:the\s+)?end\s+of\s+(?:the\s+)?"
    r"(?:day|today)\b(?!,?\s+(?:on\s+)?(?:the\s+)?(?:\d|(?-i:[A-Z])))"
)
_PERK = r"(?:shipping|delivery|postage|samples?|gifts?|points|service|returns?)"
# A perk on more than the one order: "free shipping on every order", "on all your orders".
LASTING_PERK = re.compile(
    rf"(?i)\b{_PERK}\s+(?:on|with|for)\s+(?:every|each|all(?:\s+of)?(?:\s+your)?|future)\s+"
    rf"(?:future\s+|single\s+)?{_ORDERS}"
)


@dataclass(frozen=True)
class TermMention:
    text: str
    start: int
    kind: TermKind


def find_terms(text: str) -> list[TermMention]:
    """The offer terms `text` states, links first."""
    found = [TermMention(m.group(0), m.start(), "link") for m in LINK.finditer(text)]
    found += [TermMention(phrase, at, "no_expiry") for phrase, at in endless_wording(text)]
    found += [TermMention(m.group(0), m.start(), "stacking") for m in STACKING.finditer(text)]
    found += [TermMention(m.group(0), m.start(), "urgency") for m in URGENCY.finditer(text)]
    found += [
        TermMention(m.group(0), m.start(), "lasting_perk") for m in LASTING_PERK.finditer(text)
    ]
    return found
