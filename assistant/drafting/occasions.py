"""Occasions and sales events a draft invents: "Happy Birthday, Radia!", "this Black Friday",
"our summer sale", "the holiday season". No facts block holds a birthday, an anniversary, a
holiday or a store-wide sale, so any mention of one is made up (a 1.5B model, asked to sign
for "Happy Brewing", titled an offer "Happy Birthday"). verify.py runs this on the draft with
the store's own text and the catalogue's titles blanked, so a product called "Christmas Blend"
or a store called "Black Friday Books" is not read as one.

Pure text in, (phrase, start) out. A word that names an occasion only in some senses is read
in the sense that makes a claim: "the holidays" and "festive" are the season, "a treat" is not
an occasion. Where unsure this refuses: a wrong refusal costs a retry, a wrong pass tells a
customer it is their birthday.
"""

import re

_APOSTROPHE = r"['\u2019]?"
OCCASION = re.compile(
    # Sales first: "anniversary sale" is one phrase, not an anniversary.
    r"\b(?:summer|winter|spring|autumn|fall|seasonal|flash|clearance|end[\s-]+of[\s-]+season"
    r"|anniversary|birthday|holiday|annual|big|mega|warehouse|stock[\s-]*clearance)\s+sale\b"
    r"|\b(?:birthday|b-day|bday|anniversary|name\s*day)s?\b"
    r"|\b(?:christmas|xmas|x-mas|hanukk?ah|chanukk?ah|diwali|easter|thanksgiving|halloween"
    r"|ramadan|eid|kwanzaa|passover)\b"
    r"|\bnew\s+year" + _APOSTROPHE + r"s?(?:\s+(?:day|eve))?\b"
    r"|\bvalentine" + _APOSTROPHE + r"s?(?:\s+day)?\b"
    r"|\b(?:mother|father|singles)" + _APOSTROPHE + r"s?" + _APOSTROPHE + r"\s+day\b"
    r"|\b(?:lunar\s+new\s+year|boxing\s+day|independence\s+day|labou?r\s+day|memorial\s+day"
    r"|black\s+friday|cyber\s+monday|cyber\s+week|prime\s+day|back[\s-]+to[\s-]+school)\b"
    r"|\b(?:the\s+)?holiday\s+season\b|\b(?:the\s+)?holidays?\b|\bfestive\b|\bseason"
    + _APOSTROPHE
    + r"s\s+greetings\b"
    r"|\bsale\s+(?:event|weekend|week|season)\b|\bspecial\s+occasion\b|\byour\s+special\s+day\b",
    re.IGNORECASE,
)


def invented_occasions(text: str) -> list[tuple[str, int]]:
    """Each occasion or sales event `text` names, with where it starts."""
    return [(m.group(0), m.start()) for m in OCCASION.finditer(text)]
