"""Whether a question about customers asks how many of them, or what share, rather than who:
"what percentage of customers ordered only once?", "how many customers spent over $100 in
1997?" and "what share of our customers are one-time buyers?" want the figure, which
top_customers leads with when its `lead` is "share"; "who ordered only once?" and "customers
who spent over $100" want the list.

Read on the message in lower case. A share of something else ("what share of revenue comes
from the top 10", "how many orders did they place") asks nothing of the kind: the words must
be said of customers. After a figure, "who are they?", "list them" or "which of them ordered
the most?" asks for the list again (`asks_list`), which would otherwise be kept from the
conversation with the rest. Who "them" is, ranked_again.THOSE says for both: the follow-ups
that run the last call again read the same words.
"""

import re

from assistant.routing.ranked_again import THOSE

# The customers a figure is asked of, in the plural ("customers", "one-time buyers").
_WHOM = (
    r"(?:customers|buyers|clients|shoppers|spenders|purchasers|people|accounts|members|users|"
    r"folks)"
)
_OURS = r"(?:(?:of\s+)?(?:our|the|all|my|your|those|these)\s+)*"
# Up to two words said of them ("one-time", "repeat", "at risk"); not a figure of something
# else or a verb ("what share of revenue do customers bring", "how many orders did customers
# place", "how many segments have").
_WORD = (
    r"(?:(?!(?:revenue|sales|spend\w*|orders?|purchases|income|turnover|times|units|items|"
    r"products|categories|segments|clusters|groups|reviews|alerts|days|did|do|does|have|has|"
    r"had|are|were|is|was|will|would|comes?|from)\b)[\w-]+\s+)"
)
# Or those words alone, when what they did says they are customers ("how many champions
# spent over $500", "what fraction of loyal have 5 orders or more").
_DID = r"(?:spent|spend|ordered|placed|bought|made|purchased|shopped|have|had)\b"
_WHO = rf"{_OURS}(?:{_WORD}{{0,2}}?{_WHOM}\b|{_WORD}{{1,2}}{_DID})"
SHARE_ASKED = re.compile(
    # "what percentage of customers", "the share of our customers", "% of buyers"
    rf"(?:\b(?:percent(?:age)?|share|proportion|fraction|ratio|number|count)|%)\s+of\s+{_WHO}|"
    # "how many customers", "how many of our one-time buyers", "how many of them"
    rf"\bhow\s+many\s+(?:{_WHO}|of\s+{THOSE}\b)"
)
LIST_ASKED = re.compile(
    r"^(?:and\s+|so\s+|ok(?:ay)?,?\s+)?(?:who|which|list|show|name|give\s+me)\b|"
    r"\b(?:who\s+are|list\s+them|show\s+them|name\s+them|which\s+ones)\b|"
    # "tell me who they are", "rank them by orders", "of those, who spent the most?"
    r"\bwho\s+(?:they|those|these)\s+(?:\w+\s+)?(?:are|were)\b|"
    rf"\b(?:(?:rank|sort|order)\s+{THOSE}|(?:of|among)\s+{THOSE})\b"
)


def asks_share(text: str) -> bool:
    """True when `text` (lower case) asks how many customers, or what share of them."""
    return bool(SHARE_ASKED.search(text))


def asks_list(text: str) -> bool:
    """True when `text` (lower case) asks who the customers are, not how many."""
    return bool(LIST_ASKED.search(text)) and not asks_share(text)
