"""The promises a draft may not make unless the offer includes them, as patterns by perk.

Each pattern maps a way of saying a promise ("free delivery", "ships free") to the perk key the
policy and the facts use (settings.PERKS); "other" is a promise no policy allows. First match
wins, and extract.py masks what matched, so the catch-all "free" sees only what is left, and
"bonus points" is loyalty points before "bonus" alone is something extra given. Terms the
facts do not hold ("no minimum spend", "no exclusions") are "other" too: no perk grants them.
"""

import re

# Shipping and its costs by any name, as one alternative.
_SHIP = r"(?:shipping|delivery|postage|p&p)\b(?:\s+(?:costs?|fees?|charges?))?"

PROMISES: list[tuple[str, re.Pattern[str]]] = [
    (perk, re.compile(pattern, re.I))
    for perk, pattern in [
        # Free shipping however it is said: "free-shipping", "ships free", "the shipping's on
        # us", "zero delivery fees", "we'll cover the shipping", "shipping at no cost".
        ("free shipping", rf"\bfree[\s-]+(?:standard[\s-]+|express[\s-]+|home[\s-]+)?{_SHIP}"
         rf"|\b(?:ships?|shipped|deliver(?:s|ed)?)\s+(?:for\s+)?free\b|\b{_SHIP}[\s-]+free\b"
         rf"|\b{_SHIP}(?:'s|\s+(?:is|are|will\s+be|'ll\s+be))?\s+(?:on\s+us|free|covered"
         r"|waived|included|on\s+the\s+house)\b"
         r"|\b(?:no|zero|0|without)\s+(?:extra\s+)?(?:shipping|delivery|postage|p&p)\s+"
         r"(?:costs?|fees?|charges?)\b"
         rf"|\b(?:cover|pick\s+up|waive|take\s+care\s+of)\w*\s+(?:the\s+|your\s+|all\s+)?"
         rf"{_SHIP}"
         rf"|\b(?:{_SHIP}|ships?|shipped|deliver(?:s|ed)?)\s+(?:at\s+no\s+(?:extra\s+)?"
         r"(?:cost|charge)|free\s+of\s+charge|for\s+free|for\s+nothing|without\s+charge)\b"
         # "We'll pay for delivery", "we won't charge for shipping", "postage paid on us",
         # "shipping costs nothing": who pays is the promise. "You pay the postage" is not one.
         rf"|\bwe(?:'ll|'re|\s+will|\s+are)?\s+(?:happily\s+|gladly\s+)?pay(?:ing)?\s+"
         rf"(?:for\s+)?(?:the\s+|your\s+|all\s+)?{_SHIP}"
         rf"|\b(?:won't|will\s+not|don't|do\s+not|never|no|not)\s+charg\w*\s+(?:you\s+)?"
         rf"(?:(?:for|on)\s+)?(?:the\s+|your\s+)?{_SHIP}"
         rf"|\b{_SHIP}[\s-]+paid\b|\b{_SHIP}\s+(?:(?:costs?|is|will\s+cost|'ll\s+cost)\s+)?"
         r"(?:you\s+)?nothing\b"),
        ("free sample", r"\bfree\s+(?:samples?|trials?|tastings?)\b"),
        ("gift", r"\b(?:free\s+)?gifts?\b|\bcomplimentary\b|\bfreebies?\b|\bon\s+the\s+house\b"
         r"|\bthrown?\s+in\b"),
        ("guarantee", r"\bguarantee[ds]?\b|\bmoney[-\s]back\b|\brefunds?\b|\brisk[-\s]free\b"
         r"|\bno[-\s]risk\b|\bwarrant(?:y|ies)\b|\bno\s+questions\s+asked\b"
         # Returns offered: "love it or send it back (for nothing)", "return it for free".
         r"|\b(?:love|like)\s+it,?\s+or\s+(?:send|return|ship)\b"
         r"|\b(?:send|return|ship)\s+(?:it|them|anything|items?)\s+(?:back\s+)?"
         r"(?:for\s+(?:free|nothing)|at\s+no\s+cost|free(?:\s+of\s+charge)?)"),
        ("loyalty points", r"\b(?:double|triple|bonus|loyalty|reward)\s+points\b"
         r"|\bcash[-\s]?back\b|\bstore\s+credit\b"),
        ("priority service", r"\bpriority\s+(?:shipping|service|support|access)\b|24/7"
         r"|\bsame[-\s]day\b|\bnext[-\s]day\b|\bexpress\s+(?:shipping|delivery)\b|\bVIP\b"),
        ("other", r"\bbuy\s+one,?\s+get\s+one\b|\bBOGO\b|\b\d\s+for\s+\d\b|\bprice\s+match\w*"
         # A price promise: "we'll match any competitor's price", "we'll beat any price".
         r"|\b(?:match|beat)(?:es|s|ing)?\s+(?:any|every|all|their|a\s+lower|lower|competitors?'?s?"
         r"|the\s+lowest)\s+(?:[\w']+\s+){0,2}?prices?\b"
         r"|\blifetime\b|(?<!feel\s)(?<![-\w])free\b(?!-|\s+to\b)"
         # "Your next order is on us", "two for the price of one", "a bonus bag", "early
         # access": something given that the offer does not hold.
         r"|\b(?:is|are|'s|be)\s+(?:all\s+)?on\s+us\b|\bbonus\b"
         r"|\b(?:two|three|four|\d)[\s-]+for[\s-]+(?:the\s+price\s+of\s+)?(?:one|two|three|\d)\b"
         r"|\b(?:early|exclusive|first|vip)\s+access\b"
         # Terms the facts do not hold: "no minimum spend", "without any minimum order".
         r"|\b(?:no|without\s+(?:a|any))\s+minimum(?:\s+(?:spend|order|purchase|basket|amount)s?"
         r"(?:\s+(?:value|required|needed))?)?\b|\bno\s+exclusions\b"),
    ]
]  # fmt: skip
