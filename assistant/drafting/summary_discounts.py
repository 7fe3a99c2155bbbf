"""Discount advice in a segment summary: "A 20% discount could help retain these customers",
"offer them 15% off", "a coupon could win them back".

A summary describes a segment; it is no plan. Its facts hold no discount, no budget and no
uplift, so a percentage off (even the policy's maximum, which the model wrote as if it were
advice) and the word "discount" are refused there. Sizing offers is the budget plan's work,
with its costs and assumptions said. Offers are not read: a discount is what they are for.
"""

import re

from assistant.drafting.grounding import Grounding
from assistant.drafting.mentions import Mentions
from assistant.drafting.violations import Violation

DISCOUNT_TERMS = re.compile(
    r"(?i)\b(?:discount(?:s|ed|ing)?|coupons?|vouchers?|promo(?:tion(?:al)?)?\s+codes?"
    r"|money\s+off|price\s+cuts?|markdowns?)\b|(?<=[%\d])\s*off\b"
)


def summary_discounts(
    masked: str, text: str, mentions: Mentions, grounding: Grounding
) -> list[Violation]:
    """Each discount a segment summary (`masked`; quoted from `text`) advises."""
    if grounding.offer_expires is not None:
        return []
    spans = [(n.start, n.start + len(n.text)) for n in mentions.numbers if n.discount]
    spans += [(m.start(), m.end()) for m in DISCOUNT_TERMS.finditer(masked)]
    # "20% discount": a figure and the word beside it are one piece of advice, quoted whole.
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and not masked[merged[-1][1] : start].strip():
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return [
        Violation(
            "discount_advice",
            text[start:end],
            f"'{text[start:end]}' advises a discount; a segment summary holds no offer "
            "(a budget plan sizes them)",
        )
        for start, end in merged
    ]
