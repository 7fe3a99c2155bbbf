"""Messages with nothing to route: noise ("hmm", "?!") and questions about something else
("who won the super bowl"), told apart so the second gets the out-of-scope answer and the
first a request to say more; and what is said when a message asks for something that is not
there (a list to go back to, a list to count)."""

import re

from assistant.routing.extract import Extraction
from assistant.routing.spelling import DOMAIN_WORDS

# The answer to a message with nothing to route (and to one the router found unclear): the
# opening alone is the chat's too, which drops it where the model was too busy to read one.
UNCLEAR = "I'm not sure what you're asking."
UNCLEAR_REASON = (
    f"{UNCLEAR} Try naming a customer, a segment or what you want "
    "(at-risk customers, reviews, an offer, a budget plan, a forecast)."
)
NO_LIST_REASON = (
    'There is no list in this conversation to go back to yet. Ask for one, e.g. "who is at '
    'risk?" or "top products last month".'
)
# "how many?" with no list before it to count: what to count is all it leaves out.
COUNT_WHAT_REASON = (
    'How many of what? Say what to count, e.g. "how many customers are at risk?", "how many '
    'orders in 1997?" or "how many negative reviews last month?".'
)
LETTERS = re.compile(r"[a-z0-9]")
WORD = re.compile(r"[a-z0-9]+")
STOP_WORDS = frozenset(
    "what whats about the and for with this that thing things stuff who how why when where "
    "can could would should you your are was were does did done just some any all not now "
    "then there here them they him her his its it's one ones get got let lets please pls "
    "again also more less yes yeah yep nope okay hmm huh".split()
)
# Sounds, not words: a message of only these (and stop words) says nothing to route.
INTERJECTIONS = frozenset("uh uhh um umm er erm hm hmm huh eh ah oh mm meh".split())


def has_letters(text: str) -> bool:
    """True when `text` (lower case) holds a letter or digit."""
    return bool(LETTERS.search(text))


def says_nothing(text: str) -> bool:
    """True for a message of no words, or only sounds ("uh", "hmm")."""
    return not has_letters(text) or set(WORD.findall(text)) <= INTERJECTIONS


TOMORROW = re.compile(r"\btomorrow\b")


def topic_free(text: str, x: Extraction) -> bool:
    """True for a real question about something else: two or more content words, none of
    them Retain's ("who won the super bowl"), unlike noise ("hmm", "do the thing")."""
    # "Tomorrow" is everybody's word ("the weather tomorrow"); "the next 30 days" is a horizon.
    horizon = x.horizon_days if not TOMORROW.search(text) else None
    found = (x.customer_ids, x.product_ids, x.segment, x.amount, x.percent, horizon)
    words = WORD.findall(text)
    if any(found) or any(w in DOMAIN_WORDS or w.removesuffix("s") in DOMAIN_WORDS for w in words):
        return False
    content = [w for w in words if w not in STOP_WORDS and (len(w) > 2 or w.isdigit())]
    return len(content) >= 2
