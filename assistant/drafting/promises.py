"""The promises a draft may not make unless the offer includes them, as patterns by perk.

Each pattern maps a way of saying a promise ("free delivery", "ships free") to the perk key the
policy and the facts use (settings.PERKS); "other" is a promise no policy allows. First match
wins, and extract.py masks what matched, so the catch-all "free" sees only what is left, and
"bonus points" is loyalty points before "bonus" alone is something extra given.
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
         r"(?:cost|charge)|free\s+of\s+charge|for\s+free|for\s+nothing|without\s+charge)\b"),
        ("free sample", r"\bfree\s+(?:samples?|trials?|tastings?)\b"),
        ("gift", r"\b(?:free\s+)?gifts?\b|\bcomplimentary\b|\bfreebies?\b|\bon\s+the\s+house\b"
         r"|\bthrown?\s+in\b"),
        ("guarantee", r"\bguarantee[ds]?\b|\bmoney[-\s]back\b|\brefunds?\b|\brisk[-\s]free\b"
         r"|\bno[-\s]risk\b|\bwarrant(?:y|ies)\b|\bno\s+questions\s+asked\b"),
        ("loyalty points", r"\b(?:double|triple|bonus|loyalty|reward)\s+points\b"
         r"|\bcash[-\s]?back\b|\bstore\s+credit\b"),
        ("priority service", r"\bpriority\s+(?:shipping|service|support|access)\b|24/7"
         r"|\bsame[-\s]day\b|\bnext[-\s]day\b|\bexpress\s+(?:shipping|delivery)\b|\bVIP\b"),
        ("other", r"\bbuy\s+one,?\s+get\s+one\b|\bBOGO\b|\b\d\s+for\s+\d\b|\bprice\s+match\w*"
         r"|\blifetime\b|(?<!feel\s)(?<![-\w])free\b(?!-|\s+to\b)"
         # "Your next order is on us", "two for the price of one", "a bonus bag", "early
         # access": something given that the offer does not hold.
         r"|\b(?:is|are|'s|be)\s+(?:all\s+)?on\s+us\b|\bbonus\b"
         r"|\b(?:two|three|four|\d)[\s-]+for[\s-]+(?:the\s+price\s+of\s+)?(?:one|two|three|\d)\b"
         r"|\b(?:early|exclusive|first|vip)\s+access\b"),
    ]
]  # fmt: skip
