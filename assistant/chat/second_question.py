"""A second question in one message is named under the answer, not dropped without a word.

The router picks one tool per message: "what's the churn risk of 07592 and what should we
offer him?" gets the profile, and the offer asked in the same breath would vanish. Each part of
such a message is routed on its own; a part that goes to another tool than the one that ran is
named in a note, for the user to ask next. Both are not answered at once: the second part may
be a draft that takes a minute, or lean on the first ("what else do they buy?"), which its own
turn resolves from the conversation.
"""

import re
from collections.abc import Callable

from assistant.routing.markup import without_markup
from assistant.routing.route import Route

# Where a second question starts: after a question mark (kept) with more text behind it, or at
# "and"/"also"/"plus" before a question word or a ranking of its own ("and top customers last
# month"). A plain "and" ("spent over $500 and ordered twice") joins bounds of one question.
# "whats" is "what's" typed without its apostrophe ("...and whats the discount policy").
_QUESTION_WORDS = (
    r"whats?|who|whom|which|how|when|where|why|should|can|could|would|will|is|are|do|does|did"
    r"|show|list|give|tell|draft|write|find"
)
_RANKINGS = r"(?:top|best|worst)\s+(?:\d+\s+)?(?:customers|products|buyers|sellers|categories)"
PARTS = re.compile(
    rf"(?<=\?)\s+(?=\S)|[,;]?\s+(?:and|also|plus)\s+(?:also\s+)?(?=(?:{_QUESTION_WORDS}|{_RANKINGS})\b)",
    re.IGNORECASE,
)
_JOINED = re.compile(r"^(?:and|also|plus)\s+", re.IGNORECASE)  # "... ? and how many twice?"
# "show me the top 10" after a question: how much of the answer to show, not a question.
_HOW_MANY = re.compile(
    r"^(?:(?:show|give|list|tell)\s+(?:me\s+|us\s+)?)?(?:the\s+)?(?:top|first|next|best|worst)"
    r"\s+\d+\s*[?.!]*$",
    re.IGNORECASE,
)
# What a tool's answer already says of the customers it names, so a second part asking only
# that was answered: "who is about to leave and what are they worth?" (the at-risk list gives
# each one's value), "what's the churn risk of 07592 and what's his value?" (the profile).
_WORTH = re.compile(
    r"^(?:what|how\s+much)\s+(?:are|is|'s)\s+(?:they|he|she|it|those|these)\s+worth\b|"
    r"\b(?:their|his|her|its)\s+(?:predicted\s+|lifetime\s+)?(?:value|worth|clv)\b",
    re.IGNORECASE,
)
_RISK = re.compile(r"\b(?:their|his|her)\s+(?:churn\s+)?risk\b", re.IGNORECASE)
STATED = {"at_risk_customers": (_WORTH,), "customer_profile": (_WORTH, _RISK)}
MAX_NAMED = 2  # a message of many questions gets the first two named, not a wall of notes
MAX_QUOTED_CHARS = 80


def unanswered(
    text: str, ran: str, route: Callable[[str], Route], may_use: Callable[[str], bool]
) -> str:
    """A note naming each part of `text` that routes to another tool than `ran` (one the
    caller's role may use), or "" when the message asks one thing."""
    parts = [_JOINED.sub("", part.strip(" ,;")) for part in PARTS.split(without_markup(text))]
    named: list[str] = []
    # The first part is the question the answer took up, whichever tool its words alone would
    # pick ("who are the top customers and how much did they spend?"); a part whose tool
    # still lacks an argument alone ("how much did they spend?") is no question to send.
    for part in parts[1:]:
        if len(part.split()) < 2 or _HOW_MANY.match(part):
            continue
        if any(stated.search(part) for stated in STATED.get(ran, ())):
            continue  # the answer given says it
        chosen = route(part)
        if chosen.is_tool and chosen.tool != ran and may_use(chosen.tool or ""):
            named.append(_quoted(part))
    if not named:
        return ""
    if len(named) == 1:
        return f"You also asked {named[0]}: ask it on its own and I will answer it."
    asked = " and ".join(named[:MAX_NAMED])
    return f"You also asked {asked}: ask them one at a time and I will answer each."


def _quoted(part: str) -> str:
    shown = part if len(part) <= MAX_QUOTED_CHARS else part[: MAX_QUOTED_CHARS - 1] + "…"
    return f'"{shown}"'
