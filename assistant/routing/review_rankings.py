"""Products (or categories) ranked by their reviews: "which products have the worst reviews",
"best reviewed products", "our most hated items". The router picks review_sentiment for these;
this reads that the message ranks products rather than asks what the reviews say, and which
end of the ranking it wants.
"""

import re
from typing import Any

# Products or items together with what their reviews say of them, either order.
RANKS_PRODUCTS = re.compile(
    r"\b(?:products?|items?|categor(?:y|ies))\b.*\b(?:reviews?|reviewed|rated|ratings?|"
    r"complaints?|complained|hated|loved|liked|feedback)\b|"
    r"\b(?:reviewed|rated|hated|loved|liked|complained[\s-]about)\s+(?:products|items|"
    r"categories)\b"
)
CATEGORIES = re.compile(r"\bcategor(?:y|ies)\b")
PRODUCTS = re.compile(r"\b(?:products?|items?)\b")
# Which end of the ranking: without one of these words ("which products have reviews
# mentioning mold") the message searches reviews rather than ranks products. "Most reviews"
# counts them, which no tool ranks by, and "the top 5 products" are best sellers.
ENDS = re.compile(
    r"\b(?:best|worst|highest|lowest|least|hated|loved|favou?rite|rank(?:ed)?|top(?!\s+\d)|"
    r"most\s+(?:negative|positive|complaints?|complained|hated|loved|liked|praised|disliked)|"
    r"complain\w*(?:\s+about)?\s+most)\b"
)
# The fewest reviews a product needs to be ranked: "with at least 2 reviews", "3+ reviews",
# "2 or more reviews", "min 2 reviews" (the tool's floor is 5 unless told; a demo product has 1).
MIN_REVIEWS = re.compile(
    r"\b(?:at\s+least|min(?:imum)?(?:\s+of)?)\s+(\d+)\s+(?:reviews?|ratings?)\b|"
    r"\b(\d+)(?:\+|\s+or\s+more)\s+(?:reviews?|ratings?)\b"
)
BEST = re.compile(r"\b(?:best|top|highest|most\s+(?:loved|liked|praised)|favou?rite|positive)\b")
WORST = re.compile(
    r"\b(?:worst|lowest|most\s+(?:complaints|complained|hated|disliked)|negative)\b|\bhated\b"
)


def asked(text: str) -> bool:
    """Whether `text` (lower case) ranks products by their reviews."""
    return bool(RANKS_PRODUCTS.search(text) and ENDS.search(text))


def ranked(text: str, found: dict[str, Any]) -> dict[str, Any]:
    """`per` (and `by` for the best reviewed first) when `text` (lower case) ranks products
    or categories by their reviews, and `min_reviews` when it sets one; {} when it names one
    product."""
    if "product_id" in found:
        return {}
    floor = least_reviews(text)
    if "per" not in found and not asked(text):
        return {}
    # "which categories have the best reviews": categories, ranked already or named here
    # "best reviewed products in the tea category": products, the category a filter
    ranks_categories = CATEGORIES.search(text) and not PRODUCTS.search(text)
    per = found.get("per") or ("category" if ranks_categories else "product")
    if BEST.search(text) and not WORST.search(text):  # the best reviewed first
        return {"per": per, "by": "positive", **floor}
    return {"per": per, **floor}


def least_reviews(text: str) -> dict[str, int]:
    """{"min_reviews": n} where `text` (lower case) sets how many reviews an item needs to be
    ranked ("products with at least 2 reviews"), else {}."""
    match = MIN_REVIEWS.search(text)
    if match is None:
        return {}
    return {"min_reviews": max(1, int(match.group(1) or match.group(2)))}
