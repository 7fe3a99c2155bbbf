"""The part of one customer's profile a message asks about, as customer_profile's `about`:
"their orders?", "whats their email", "why is their risk high", "orders of 00042", "what is
00042's clv". The profile's answer then opens with that part (assistant/tools/
profile_answer.py); each got the whole profile, the part somewhere in it (R21).

What their last order held is asked by its words wherever they are ("what did they buy in
their last order?" is no question about everything they bought). Otherwise the first part
named is the one asked ("whats their risk and value" opens with the risk; the
profile's first sentence, right after, gives the value). Nothing named ("tell me about
00042", "who is 7592") asks for the profile as a whole. Which customer is asked about is read
as for any profile (ids.py, and memory for "their").
"""

import re

PROFILE_PARTS = ("orders", "last_order", "contact", "risk", "value", "reviews", "products")
# What their latest order held ("what was in her last order?", "what did 00042 buy in their
# most recent order"): asked wherever it is named, before the words of what they bought.
LAST_ORDER = re.compile(r"\b(?:last|latest|most\s+recent|newest)\s+(?:order|purchase)\b")
# Each part's words, in the order tried where two start at the same word: "value at risk" is
# the value; "purchases" are orders, what was "purchased" or "bought" the products.
_WORDS = {
    # What they will spend is the predicted value: "how much will 07592 spend next year?"
    "value": r"clv|ltv|(?:(?:customer\s+)?lifetime|predicted)\s+value|value(?:\s+at\s+risk)?|"
    r"worth|valuable|will\s+(?:\S+\s+){0,3}?(?:spend|buy\s+for)|(?:future|expected)\s+"
    r"(?:spend|spending|value)",
    # "will she leave us?", not "did she leave a review?"
    "risk": r"churn\w*|risk\w*|leave(?!\s+(?:a\s+|any\s+)?(?:reviews?|ratings?|feedback))|"
    r"leaving|laps(?:e|ing)|"
    # "how likely is 00042 to buy again?": the churn risk's other side, not what they bought
    r"(?:buy|order|purchase|shop)\s+(?:from\s+us\s+)?again|come\s+back",
    "orders": r"orders?|ordered|order\s+history|purchases?|spen[dt]|spending|transactions?",
    "products": r"products?|items?|bought|buy(?:s|ing)?|purchased|favou?rites?",
    "contact": r"e-?mails?|(?:mail|e-?mail)\s+address(?:es)?|phones?|telephone|mobile|"
    r"contacts?(?:\s+(?:details|info\w*))?|reach|sign(?:ed)?[\s-]?up|signup|joined",
    "reviews": r"reviews?|reviewed|ratings?|rated|feedback|complain\w*",
}
ASKED = re.compile(r"\b(?:" + "|".join(f"(?P<{p}>{w})" for p, w in _WORDS.items()) + r")\b")


def asked_part(text: str) -> dict[str, str]:
    """{"about": part} for the first part of a customer's profile that `text` (lower case)
    names, {} for none. Read when the profile's arguments are built (args.build), never as a
    change of the last call: "what about her reviews?" after a profile is her reviews."""
    if LAST_ORDER.search(text):
        return {"about": "last_order"}
    match = ASKED.search(text)
    return {"about": match.lastgroup} if match and match.lastgroup else {}
