"""Whether a sales question asks what is selling less, or more, than before: top_products'
`trend` ("which products are declining?", "what categories are growing fastest?", "products
with falling sales", "biggest drops in revenue"), or, asked of the sales themselves with no
products ranked ("is revenue growing?", "are sales going down?"), the period's totals set
beside the days just before it (`compare_to` "before"). Only words of a movement over time
count: "top products" and "did we sell more tea or coffee" (categories side by side) are none.
What stopped altogether ("which products stopped selling", "who stopped buying tea") is the
trend "stopped"; selling badly ("didn't sell well") is the bottom of a ranking (sales_order).
"""

import re

_THAN_BEFORE = (
    r"\s+than\s+(?:before|usual|earlier|(?:the\s+)?(?:last|previous|prior)\b|"
    r"a\s+(?:year|month|quarter|week)\s+ago)"
)
FALLING = re.compile(
    r"\b(?:declin\w*|falling|falls|fell|dropp(?:ed|ing)|drops?|decreas\w*|shrink(?:s|ing)?(?!-)|"
    r"shrank|slump\w*|slow(?:ing|ed)\s+down|los(?:ing|t)\s+(?:the\s+most\s+)?(?:sales|revenue|steam|ground)|"
    rf"(?:less|worse|fewer){_THAN_BEFORE}|going\s+down|down\s+the\s+most|tanking|tanked|"
    r"cut(?:ting|s)?\s+back|(?:spending|buying|ordering|shopping)\s+less(?!\s+than)|"
    r"used\s+to\s+sell)\b"
)
RISING = re.compile(
    r"\b(?:grow(?:ing|n|th|s)?|grew|rising|ris(?:en|es?)|increas\w*|gain(?:ing|ed)|"
    rf"trending\s+up|taking\s+off|took\s+off|(?:more|better){_THAN_BEFORE}|going\s+up|up\s+the\s+most|"
    r"surg(?:e[sd]?|ing)|picking\s+up|(?:spending|buying|ordering|shopping)\s+more(?!\s+than))\b"
)
# Bought (or sold) before and not at all now: `trend` stopped ("which products stopped
# selling", "which customers stopped buying tea", "products we no longer sell"). Customers who
# stopped ordering anything are the at-risk list's (nudges.py decides which).
STOPPED = re.compile(
    r"\b(?:stopped|quit)\s+(?:selling|buying|ordering|purchasing)\b|"
    r"\bno\s+longer\s+(?:sell|buy|order|purchas)\w*|"
    r"\bused\s+to\s+(?:sell|buy)\b[^.?!]*\bbut\s+(?:stopped|quit|not\s+any\s*more)\b|"
    r"\b(?:don't|doesn't|do\s+not|does\s+not)\s+(?:sell|buy)\s+any\s*more\b|"
    # "customers who never came back", "which customers didn't come back"
    r"(?:\b(?:never|not)|n't)\s+(?:come|came|coming)\s+back\b|"
    # "products not sold in 1998", "what didn't sell this quarter"; not "didn't sell well"
    r"(?:\b(?:not|never)|n't)\s+(?:been\s+)?(?:sold|sell|selling)\b"
    r"(?!\s+(?:well|much|many|as|a\s+lot|enough))"
)
# Customers who came back ("who are the customers that came back", "customers who ordered
# again"): top_customers' trend returned, over the period asked or the last days; with two
# periods compared_periods.returned reads them. Not "never came back" (who stopped).
CAME_BACK = re.compile(
    r"(?<!\bnever\s)(?<!\bnot\s)(?<!n't\s)\b(?:came|come|coming)\s+back\b|"
    r"(?<!\bnever\s)(?<!\bnot\s)(?<!n't\s)\b(?:ordered|bought|purchased|shopped)\s+again\b"
)
# What a ranking of products or categories is asked with; without it, the sales themselves.
RANKED = re.compile(
    r"\b(?:products?|categor(?:y|ies)|items?|skus?|sellers?|which|top|best|worst|biggest|"
    r"fastest|most)\b"
)
CATEGORIES = re.compile(r"\bcat\w*g\w*ies\b")  # "categories", and typed "categries"


# Two periods set against each other (compared_periods.py: "who spent less in 1998 than in
# 1997", "ordered more this quarter than last quarter"): a comparative says which way. Read
# only where two periods were found, and not right before "than": "more than $100" is a bound.
COMPARATIVE = re.compile(
    r"\b(?:(?P<falling>less|fewer|lower|worse|smaller)|(?P<rising>more|higher|better|bigger|"
    r"larger))\b(?!\s+than\b)"
)


def trend(text: str, periods_compared: bool = False) -> str | None:
    """ "falling", "rising" or None, for lower-case text; neither when both are said. With
    `periods_compared` (two periods found in it), also a comparative ("less", "more").
    "stopped" for what stopped selling, or being bought, at all."""
    if STOPPED.search(text):
        return "stopped"
    falling, rising = bool(FALLING.search(text)), bool(RISING.search(text))
    if falling == rising and periods_compared and not falling:
        said = COMPARATIVE.search(text)
        if said is not None:
            return "falling" if said.group("falling") else "rising"
    if falling == rising:
        return None
    return "falling" if falling else "rising"


def ranked(text: str) -> bool:
    """True when the movement is asked of products or categories ranked, not the totals."""
    return bool(RANKED.search(text))


def of_categories(text: str) -> bool:
    """True for "which categories are growing": the categories ranked, not their products."""
    return bool(CATEGORIES.search(text))
