"""The scores asked of the customers as a whole, which only the at-risk list gives: what they
are worth together ("what is the average clv", "what are our customers worth", "total
predicted value of all customers": its `lead` "value") and who is likeliest to buy ("who will
buy in the next 30 days", "which customers are most likely to order again": its `by`
purchase, choices.LIKELY_TO_BUY).

Similarity put the first beside the model report (whose examples speak of CLV) or a profile
that then asked for an id, the second beside the demand forecast ("in the next 30 days") or
the top customers ("who will buy"). One customer's worth is their profile's; a segment's
average alone ("average clv of champions") stays its summary's, which gives it; a product's
buyers ("who will buy earl grey") are not ranked by the store-wide chance to buy.

Read on the message in lower case.
"""

import re

from assistant.routing.choices import LIKELY_TO_BUY, LIKELY_TO_LEAVE, UNLIKELY_TO_BUY
from assistant.routing.extract import Extraction
from assistant.routing.rules import CUE_WEIGHT

W = CUE_WEIGHT
_VALUE = (
    r"(?:clv|ltv|cltv|(?:customer\s+)?lifetime\s+values?|predicted\s+(?:customer\s+)?values?|"
    r"customer\s+values?|predicted\s+(?:revenue|spend))"
)
_CUSTOMERS = r"(?:customers|clients|buyers|shoppers|customer\s+base|base|accounts)"
# A segment's, its name taken out of the embedded text ("what are champions worth" is "what
# are worth"): read only where a segment was named ("what is the discount worth" names none);
# not a customer pointed back to ("what is he worth").
SEGMENT_WORTH = re.compile(
    r"\b(?:what|how\s+much)\s+(?:are|is)\s+(?:the\s+)?(?!(?:he|she|it|they|this|that|these|"
    r"those|them|him|her)\s)(?:\w+\s+)?worth\b"
)
# The averaged forms, which a segment's summary answers of one segment.
AVERAGED = re.compile(rf"\b(?:average|avg|mean|median|typical)\s+(?:\w+\s+)?{_VALUE}\b")
WORTH = re.compile(
    rf"{AVERAGED.pattern}(?!\s+(?:at\s+risk|at\s+stake))|"
    rf"\b(?:total|overall|combined|aggregate|sum\s+of(?:\s+the)?|all)\s+(?:\w+\s+)?{_VALUE}\b"
    r"(?!\s+(?:at\s+risk|at\s+stake))|"
    rf"\b(?:what|how\s+much)\s+(?:are|is)\s+(?:\w+\s+){{0,3}}?{_CUSTOMERS}\s+worth\b|"
    rf"\bworth\s+of\s+(?:our|all(?:\s+our)?|the)\s+{_CUSTOMERS}\b|\b{_VALUE}\s+of\s+(?:all\s+)?"
    rf"(?:our\s+|the\s+)?(?:{_CUSTOMERS}|everyone)\b"
)


def asks_worth(text: str, x: Extraction) -> bool:
    """True when `text` asks what the customers (or a segment's) are worth together, not one
    customer's value, nor a segment's average alone."""
    if x.customer_ids:
        return False
    if WORTH.search(text) is None:
        return x.segment is not None and bool(SEGMENT_WORTH.search(text))
    return not (x.segment is not None and AVERAGED.search(text))


def asks_likely_buyers(text: str, x: Extraction) -> bool:
    """True when `text` asks who is likeliest to buy, of no product or category."""
    named = x.category is not None or x.categories or x.product_ids or x.customer_ids
    leaving = LIKELY_TO_LEAVE.search(text) or UNLIKELY_TO_BUY.search(text)
    return bool(LIKELY_TO_BUY.search(text)) and not named and not leaving


def nudges(text: str, x: Extraction) -> dict[str, float]:
    """A nudge to the at-risk list for either, against the tools similarity puts them
    beside."""
    out: dict[str, float] = {}
    if asks_worth(text, x):
        # triple: "what is the average clv" embeds far from every example but by its words
        out["at_risk_customers"] = 3 * W
        for name in ("model_report", "customer_profile", "top_products", "top_customers"):
            out[name] = -W
    elif asks_likely_buyers(text, x):
        out["at_risk_customers"] = 2 * W
        for name in ("forecast_demand", "top_customers", "customer_profile"):
            out[name] = -W
    return out
