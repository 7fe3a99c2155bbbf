"""A question about the discount policy gives nothing to act on.

The policy takes no argument and is the same for every customer and segment: "what is the
discount policy?", "whats the max discount i can give". A message that gives what an offer or a
budget plan takes (a customer, a segment, a percentage, an amount) asks for one of those done
with it, however close its words come to the policy's examples: "just 10% max discount" after a
plan caps that plan's discounts, "offer for champions with free shipping" is an offer. So the
policy is taken out of the running for such a message, rather than weighed down by a nudge that
a close wording could still outweigh.
"""

from assistant.routing.extract import Extraction

POLICY = "discount_policy"
# Far below any score a label can reach (similarities are at most 1): the policy never wins.
OUT_OF_THE_RUNNING = -2.0


def gives_values(x: Extraction) -> bool:
    """True when the message names a customer or segment, or gives a percentage or amount."""
    return bool(x.customer_ids or x.segments or x.percent is not None or x.amount is not None)


def policy_nudged(nudge: dict[str, float], x: Extraction) -> dict[str, float]:
    """`nudge` (score adjustments per label) with the policy out of the running when the
    message gives a value an offer or plan takes."""
    if not gives_values(x):
        return nudge
    return {**nudge, POLICY: OUT_OF_THE_RUNNING}
