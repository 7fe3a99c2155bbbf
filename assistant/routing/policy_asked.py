"""A question about the discount policy gives nothing to act on.

The policy takes no argument and is the same for every customer and segment: "what is the
discount policy?", "whats the max discount i can give". A message that gives what an offer or a
budget plan takes (a customer, a segment, a percentage, an amount) asks for one of those done
with it, however close its words come to the policy's examples: "just 10% max discount" after a
plan caps that plan's discounts, "offer for champions with free shipping" is an offer. So the
policy is taken out of the running for such a message, rather than weighed down by a nudge that
a close wording could still outweigh. Only a percentage asked whether it is allowed ("can I
give 25%?", "is 30% allowed?"), with no one to give it to, is the policy's question.
"""

import re

from assistant.routing.extract import Extraction

POLICY = "discount_policy"
# Far below any score a label can reach (similarities are at most 1): the policy never wins.
OUT_OF_THE_RUNNING = -2.0
ALLOWED = re.compile(
    r"\b(?:can|could|may)\s+(?:i|we)\s+(?:give|offer|go\s+up\s+to|do)\b|"
    r"\b(?:allowed|permitted|ok|okay|within\s+(?:the\s+)?policy)\b"
)


def gives_values(x: Extraction) -> bool:
    """True when the message names a customer or segment, or gives a percentage or amount."""
    return bool(x.customer_ids or x.segments or x.percent is not None or x.amount is not None)


def policy_nudged(nudge: dict[str, float], x: Extraction, text: str) -> dict[str, float]:
    """`nudge` (score adjustments per label) with the policy out of the running when the
    message (`text`, lower case) gives a value an offer or plan takes, unless it only asks
    whether a percentage is allowed."""
    if not gives_values(x):
        return nudge
    only_percent = not (x.customer_ids or x.segments or x.amount is not None)
    if only_percent and ALLOWED.search(text):
        return nudge
    return {**nudge, POLICY: OUT_OF_THE_RUNNING}
