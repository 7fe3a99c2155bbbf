"""Whether a sales question asks what is selling less, or more, than before: top_products'
`trend` ("which products are declining?", "what categories are growing fastest?", "products
with falling sales", "biggest drops in revenue"), or, asked of the sales themselves with no
products ranked ("is revenue growing?", "are sales going down?"), the period's totals set
beside the days just before it (`compare_to` "before"). Only words of a movement over time
count: "top products" and "did we sell more tea or coffee" (categories side by side) are none.
"""

import re

_THAN_BEFORE = (
    r"\s+than\s+(?:before|usual|earlier|(?:the\s+)?(?:last|previous|prior)\b|"
    r"a\s+(?:year|month|quarter|week)\s+ago)"
)
FALLING = re.compile(
    r"\b(?:declin\w*|falling|fell|dropp(?:ed|ing)|drops?|decreas\w*|shrink(?:s|ing)?(?!-)|shrank|slump\w*|"
    r"slow(?:ing|ed)\s+down|los(?:ing|t)\s+(?:the\s+most\s+)?(?:sales|revenue|steam|ground)|"
    rf"(?:less|worse|fewer){_THAN_BEFORE}|going\s+down|down\s+the\s+most|tanking|tanked|"
    r"cut(?:ting|s)?\s+back|(?:spending|buying|ordering|shopping)\s+less(?!\s+than))\b"
)
RISING = re.compile(
    r"\b(?:grow(?:ing|n|th)?|grew|rising|ris(?:en|e)|increas\w*|gain(?:ing|ed)|trending\s+up|"
    rf"taking\s+off|took\s+off|(?:more|better){_THAN_BEFORE}|going\s+up|up\s+the\s+most|"
    r"surg(?:e[sd]?|ing)|picking\s+up|(?:spending|buying|ordering|shopping)\s+more(?!\s+than))\b"
)
# What a ranking of products or categories is asked with; without it, the sales themselves.
RANKED = re.compile(
    r"\b(?:products?|categor(?:y|ies)|items?|skus?|sellers?|which|top|best|worst|biggest|"
    r"fastest|most)\b"
)
CATEGORIES = re.compile(r"\bcat\w*g\w*ies\b")  # "categories", and typed "categries"


def trend(text: str) -> str | None:
    """ "falling", "rising" or None, for lower-case text; neither when both are said."""
    falling, rising = bool(FALLING.search(text)), bool(RISING.search(text))
    if falling == rising:
        return None
    return "falling" if falling else "rising"


def ranked(text: str) -> bool:
    """True when the movement is asked of products or categories ranked, not the totals."""
    return bool(RANKED.search(text))


def of_categories(text: str) -> bool:
    """True for "which categories are growing": the categories ranked, not their products."""
    return bool(CATEGORIES.search(text))
