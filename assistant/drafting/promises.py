"""The promises a draft may not make unless the offer includes them, as patterns by perk.

Each pattern maps a way of saying a promise ("free delivery", "ships free") to the perk key the
policy and the facts use (policy.PERKS); "other" is a promise no policy allows. First match
wins, and extract.py masks what matched, so the catch-all "free" sees only what is left.
"""

import re

PROMISES: list[tuple[str, re.Pattern[str]]] = [
    (perk, re.compile(pattern, re.I))
    for perk, pattern in [
        ("free shipping", r"\bfree\s+(?:standard\s+|express\s+|home\s+)?(?:shipping|delivery"
         r"|postage)\b|\bships?\s+(?:for\s+)?free\b|\b(?:shipping|delivery)\s+(?:is\s+)?"
         r"(?:on\s+us|free)\b|\bno\s+(?:shipping|delivery)\s+(?:costs?|fees?|charges?)\b"),
        ("free sample", r"\bfree\s+(?:samples?|trials?|tastings?)\b"),
        ("gift", r"\b(?:free\s+)?gifts?\b|\bcomplimentary\b|\bfreebies?\b|\bon\s+the\s+house\b"),
        ("guarantee", r"\bguarantee[ds]?\b|\bmoney[-\s]back\b|\brefunds?\b|\brisk[-\s]free\b"
         r"|\bno[-\s]risk\b|\bwarrant(?:y|ies)\b|\bno\s+questions\s+asked\b"),
        ("loyalty points", r"\b(?:double|triple|bonus|loyalty|reward)\s+points\b"
         r"|\bcash[-\s]?back\b|\bstore\s+credit\b"),
        ("priority service", r"\bpriority\s+(?:shipping|service|support|access)\b|24/7"
         r"|\bsame[-\s]day\b|\bnext[-\s]day\b|\bexpress\s+(?:shipping|delivery)\b|\bVIP\b"),
        ("other", r"\bbuy\s+one,?\s+get\s+one\b|\bBOGO\b|\b\d\s+for\s+\d\b|\bprice\s+match\w*"
         r"|\blifetime\b|(?<!feel\s)(?<![-\w])free\b(?!-|\s+to\b)"),
    ]
]  # fmt: skip
