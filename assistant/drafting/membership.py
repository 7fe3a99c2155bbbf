"""Membership programmes a draft invents: "as a Gold member", "our VIP club", "your Platinum
status", "you have 200 points", "members-only prices".

No facts block holds a tier, a club or a status, so any mention of one is made up (the store
may run no programme at all, and a customer told they are Gold expects Gold prices). Points are
a loyalty scheme too, and pass only where the offer holds the "loyalty points" perk. How a
customer is valued is not a programme: "valued customer", "loyal customer" and a segment's
name ("our champions") pass, as do quality words before customers ("our premium customers",
"premium customer service") and staff ("our members of staff"). verify.py runs this on the
draft with merchant text blanked, so a product called "Gold Roast" is the facts' own text.

Pure text in, (phrase, start) out, like occasions.py.
"""

import re

_TIER = r"gold|silver|bronze|platinum|diamond|titanium|vip|founding|insider"
# Words of quality as much as of tiers: a tier only before a programme ("premium membership"),
# not before customers ("our premium customers love this blend", "premium customer service").
_QUALITY = r"premium|elite|premier|prestige"
_SCHEME = r"loyalty|rewards?|membership"  # "We reward customers like you" is no scheme
_PROGRAMME = (
    r"members?(?:hip)?|tiers?|levels?|status|club|card|programmes?|programs?|schemes?|accounts?"
)
MEMBERSHIP = re.compile(
    # A tier and what it is: "Gold member", "VIP club", "Platinum status", "loyalty programme".
    rf"(?i)\b(?:{_TIER})[\s-]+(?:{_PROGRAMME}|customers?|shoppers?)\b"
    rf"|\b(?:{_QUALITY})[\s-]+(?:{_PROGRAMME})\b"
    rf"|\b(?:{_SCHEME})[\s-]+(?:{_PROGRAMME})\b"
    # Membership without a tier: "as a member", "our members", "members-only", "your tier".
    r"|\bas\s+an?\s+(?:valued\s+|loyal\s+)?member\b|\b(?:our|your)\s+(?:tier|membership)\b"
    # "Our members of staff" are the team, not a programme.
    r"|\bour\s+members\b(?!\s+of\s+(?:(?:our|the)\s+)?(?:staff|team|crew))|\bmembers?[\s-]+(?:only|price|prices|pricing|discount|rate|exclusive)\b"
    r"|\b(?:tier|level)\s+(?:one|two|three|[1-5])\s+(?:member|customer|status)\b"
    r"|\b(?:our|the|your)\s+(?:[\w-]+\s+)?club\b"
)
POINTS = re.compile(
    r"(?i)\b\d[\d,]*\s+(?:reward\s+|loyalty\s+|bonus\s+)?points\b"
    r"|\b(?:your|earn|earning|collect|collecting|redeem|redeeming|spend\s+your)\s+points\b"
    r"|\bpoints\s+(?:balance|total|card)\b"
)


def invented_memberships(text: str, perks: tuple[str, ...]) -> list[tuple[str, int]]:
    """Each tier, club, status or (without the "loyalty points" perk) points claim in `text`."""
    found = [(m.group(0), m.start()) for m in MEMBERSHIP.finditer(text)]
    if "loyalty points" not in perks:
        found += [(m.group(0), m.start()) for m in POINTS.finditer(text)]
    return sorted(found, key=lambda phrase: phrase[1])
