"""What a question about product sales picks (tools/products.py, top_products): the measure
to rank by ("by units", "most ordered"), whole categories rather than products ("top
categories"), and the category asked about ("in the coffee category", or a category name the
store's vocabulary knows: "top coffee products"; or, for customers ranked by what they bought,
words that name no known category: "who bought the most earl grey", which the tool reads as a
product's name); and whether it counts the store's orders or buyers ("how many orders did we
get": the period's totals, nudges.py). Read after the numbers, as extract.py says.
"""

import re

from assistant.routing import fuzzy
from assistant.routing.fuzzy import PAIRED

Measure = str  # one of top_products' `by` values: revenue, units, orders, customers; or
# top_customers' largest_order and average_order, which rank customers by their largest single
# order or by their spend per order

# The first measure named wins; "revenue" is the tool's default, so it is read only when said.
MEASURES: list[tuple[re.Pattern[str], Measure]] = [
    # "who placed the biggest single order", "customers by largest order": one order's size,
    # not the count of orders; not "highest average order" (a bound on it: average_orders.py)
    (re.compile(r"\b(?:biggest|largest|highest|most\s+expensive|priciest|costliest|single\s+"
                r"largest|single\s+biggest)\s+(?:single\s+|one[\s-]+off\s+)?(?:orders?|"
                r"purchases?|baskets?|transactions?|checkouts?)\b(?!\s+(?:count|volume))"),
     "largest_order"),
    # "who has the highest average order", "customers by aov": spend per order ranked, not a
    # bound on it ("an average order over $50": average_orders.py)
    (re.compile(r"\b(?:highest|largest|biggest|top|best|most)\s+(?:average|avg|mean)\s+"
                r"(?:order|basket|spend\s+per\s+order)(?:\s+(?:value|size))?\b|\bby\s+(?:their\s+)?"
                r"(?:average|avg|mean)\s+(?:order|basket)(?:\s+(?:value|size))?\b|"
                r"\b(?:by|highest)\s+aov\b|\bspend\s+the\s+most\s+per\s+order\b"),
     "average_order"),
    (re.compile(r"\b(?:by|in)\s+(?:units?|volume|quantity|quantities)\b|\bunits?\s+sold\b|"
                r"\b(?:most|highest|more)\s+(?:units?|quantity|volume)\b|"
                r"\bhow\s+many\s+units\b"), "units"),
    # "by ordres": a common slip, read as typed (the measure is read before typos are repaired)
    (re.compile(r"\bmost[\s-]+(?:ordered|often\s+ordered)\b|"
                r"\b(?:by|most|number\s+of)\s+(?:orders|ordres|oders)\b|"
                r"\border\s+counts?\b|\bordered\s+(?:the\s+)?most\b|"
                # "who bought the most often?", "our most frequent buyers"
                r"\b(?:bought|buys|buy|ordered|orders|order|purchased|purchases|shopped|shops|"
                r"shop)\s+(?:from\s+us\s+)?(?:the\s+)?most\s+(?:often|frequently)\b|"
                r"\bmost\s+frequent\s+(?:buyers|customers|shoppers|purchasers)\b|"
                # what moved: "fewer orders in 1998 than 1997", "whose orders fell the most"
                r"\b(?:fewer|more|less)\s+orders\b|\b(?:ordered|ordering)\s+(?:less|more)\b(?!\s+than)|"
                r"\borders\s+(?:fell|dropped|declined|decreased|shrank|rose|grew|increased|"
                r"went\s+(?:up|down))\b"), "orders"),
    (re.compile(r"\b(?:by|most|number\s+of)\s+(?:customers|buyers|shoppers|people)\b|"
                r"\bbought\s+by\s+(?:the\s+)?most\b|\bmost\s+(?:popular|bought)\s+with\s+"
                r"(?:customers|buyers)\b"), "customers"),
    (re.compile(r"\bby\s+(?:revenue|sales|money|turnover|spend|spending|amount\s+spent)\b|"
                r"\b(?:most|highest)\s+revenue\b|"
                r"\btop[\s-]+grossing\b"), "revenue"),
]  # fmt: skip
PER_CATEGORY = re.compile(
    r"\b(?:top|best|biggest|leading|largest|which|what|selling|sold|popular|performing|worst|"
    r"weakest|lowest|bottom|(?<!\bat\s)least|slowest|poorest)\s+"
    r"(?:[\w-]+\s+){0,2}?categories\b|\bcategories\s+(?:sell|sold|did|do|are|were|bring|made|make)"
    r"\b|\b(?:by|per|each|every)\s+(?:product\s+)?category\b|\bwhich\s+category\b|"
    r"\bwhat\s+category\b"
)
# Calendar months or quarters ranked ("best month in 1997", "which quarter was best", "sales
# by month", "monthly revenue"); not "last month" or "this quarter", which are periods.
PER_UNIT = re.compile(
    r"\b(?:best|worst|busiest|slowest|quietest|strongest|weakest|top|biggest|highest|lowest|which|"
    r"what)\s+(?:(?!(?:this|last|next|past|previous|prior|sellers?|selling|products?|items?|"
    r"customers?)\b)[\w-]+\s+){0,2}?(?P<a>month|quarter|week|day)s?\b"
    r"(?!\s+(?:to\s+date|so\s+far|of\s+\w+\s+\d))|"  # "the week of march 2" is a period
    r"\b(?:by|per|each|every)\s+(?P<b>month|quarter|week|day)\b|\b(?P<c>month|quarter|week)ly\b|"
    r"\b(?P<d>month|quarter|week|day)[\s-]+(?:by|over|on)[\s-]+(?:month|quarter|week|day)\b|"
    r"\b(?P<e>dai)ly\b"
)
# The days of the week ranked ("which day of the week has the most orders", "busiest
# weekday", "sales by weekday"): read before weeks, whose word they hold.
WEEKDAY = re.compile(r"\bdays?\s+of\s+(?:the\s+)?week\b|\bweek[\s-]?days?\b")
HOW_MANY = re.compile(
    r"\b(?:how\s+many|number\s+of)\s+(?P<what>orders|purchases|transactions|customers|buyers|"
    r"shoppers|people)\b"
)
# How often someone buys ("customers who order every week", "who buy each month"): not the
# calendar's weeks or months ranked.
HOW_OFTEN = re.compile(
    r"\b(?:who|that|customers|buyers|shoppers|clients|people)\s+(?:\w+\s+)?(?:order|buy|shop|"
    r"purchase)\w*\s+(?:[\w-]+\s+){0,2}?"
    r"(?:every|each|per|a)\s+(?:month|quarter|week|day)\b"
)
# A count of what the store took in ("how many orders did we get", "order count in Q1",
# "number of purchases last month", "total transactions", "how many buyers"): the period's
# totals, which top_products opens with. Not a figure of one customer's or of customers
# within bounds: nudges.py weighs those.
COUNTED = re.compile(
    r"\bhow\s+many\s+(?:orders|purchases|transactions|sales)\b|"
    # Not how many a segment or the store has: "how many shoppers does loyal have"
    r"\bhow\s+many\s+(?:buyers|purchasers|shoppers)\b(?!\s+(?:are|is|does|do)\s+"
    r"(?:in|the|there|our|we|they)\b)|"
    r"\bhow\s+many\s+(?:customers|people)\s+(?:bought|ordered|purchased|shopped)\b|"
    r"\b(?:number|count|total|tally)\s+(?:number\s+)?(?:of\s+)?(?:orders|purchases|"
    r"transactions|buyers)\b|\b(?:order|purchase|transaction)\s+(?:counts?|totals?|numbers)\b"
)
# A count that ranks ("products by number of orders", "customers by order count", "the
# highest number of orders"): the measure, not the question.
COUNT_RANKS = re.compile(
    r"\b(?:by|per|most|highest|largest|biggest|greatest|lowest|fewest|smallest)\s+(?:the\s+)?"
    r"(?:total\s+)?(?:number|count|order\s+counts?|purchase\s+counts?)\b"
)
RANKED_THINGS = re.compile(r"\b(?:products?|items?|sellers?|categories|skus?)\b")
# "in the coffee category", "from the snacks aisle", "category: tea": the name is the words
# between (at most three; "the" and "our" are no part of it).
_NOT_SPLIT = r"(?!(?:by|per|each|every|next|last|this)\b)"  # words of a split or a period
NAMED_CATEGORY = [
    # One space between the words: a wider gap is text a finder took ("for the next 90 days
    # by category" leaves "for the next    by category"), and "by category" splits by it.
    re.compile(rf"\b(?:in|from|within|of|for|among)\s+(?:the\s+|our\s+)?(?P<name>{_NOT_SPLIT}"
               rf"[a-z][a-z&'-]*(?:\s{_NOT_SPLIT}[a-z&'-]+){{0,2}}?)\s(?:category|aisle|department)\b"),
    # "category: snacks", "category called pet toys"; not the words of a period or split after
    # it ("by category for the next 90 days").
    re.compile(r"\bcategory\s*(?::|=|called|named)?\s*['\"]?(?P<name>(?!for\b|in\b|by\b|over\b|"
               r"during\b|the\b|next\b|last\b|this\b)[a-z][a-z&'-]*"
               r"(?:\s+(?!in\b|for\b|by\b|among\b|this\b|last\b|over\b|during\b)[a-z&'-]+){0,2})"
               r"['\"]?\s*(?:$|[?.!,])"),
]  # fmt: skip
# Customers ranked by what they bought: "who bought the most earl grey", "biggest buyers of
# dog food", "who spent the most on tea". The name is one to three words
# up to the end, punctuation, a gap where a finder took a period ("last year"), or a word
# that starts the rest of the question.
_NAME = r"(?P<name>[a-z][a-z&'-]*(?:\s[a-z&'-]+){0,2}?)"
_NAME_ENDS = (
    r"(?=\s*$|\s*[?.!,]|\s\s|\s(?:by|in|during|since|over|this|last|among|from|to|at|with|on|"
    r"per|and|or|so|ever|of|for)\b)"
)
_BUYERS = r"(?:customers|buyers|clients|shoppers|people)"
BOUGHT_NAMED = [
    re.compile(rf"\b(?:buyers|purchasers|customers|shoppers|clients|spenders)\s+(?:of|for)\s+"
               rf"(?:the\s+|our\s+)?{_NAME}{_NAME_ENDS}"),
    re.compile(rf"\bwho\s+(?:has\s+|have\s+)?(?:bought|buys|purchased|ordered|orders)\s+"
               rf"(?:the\s+)?most\s+{_NAME}{_NAME_ENDS}"),
    re.compile(rf"\b(?:spent|spends|spend)\s+(?:the\s+)?most\s+on\s+(?:the\s+|our\s+)?"
               rf"{_NAME}{_NAME_ENDS}"),
    # Its buyers, not ranked by how much: "who bought earl grey", "which customers ordered
    # earl grey", "customers who bought earl grey" (the tool ranks them all the same).
    re.compile(rf"(?:\bwho|\b(?:which|what)\s+{_BUYERS}|\b{_BUYERS}\s+(?:who|that))\s+"
               rf"(?:has\s+|have\s+)?(?:ever\s+)?(?:bought|purchased|ordered)\s+"
               rf"(?:the\s+|our\s+|any\s+|some\s+)?{_NAME}{_NAME_ENDS}"),
    # Its buyers who stopped: "customers who no longer buy earl grey", "who quit buying chai"
    # (top_customers' trend stopped ranks them by what they bought of it before).
    re.compile(rf"(?:\bwho|\b{_BUYERS}\s+(?:who|that))\s+(?:have\s+|has\s+)?"
               rf"(?:(?:stopped|quit)\s+(?:buying|ordering|purchasing)|no\s+longer\s+"
               rf"(?:buys?|orders?|purchases?))\s+(?:the\s+|our\s+)?{_NAME}{_NAME_ENDS}"),
]  # fmt: skip
# One product's sales: "units of earl grey sold in 1998", "how much earl grey did we sell",
# "how is the earl grey selling". The name as BOUGHT_NAMED reads one.
SOLD_NAMED = [
    re.compile(rf"\b(?:units|sales|revenue)\s+(?:of|for)\s+(?:the\s+|our\s+)?{_NAME}{_NAME_ENDS}"),
    re.compile(rf"\bhow\s+(?:much|many)\s+(?:units\s+of\s+)?(?:the\s+|our\s+)?{_NAME}\s+"
               r"(?:did|do|have|has)\s+we\s+(?:sell|sold)\b"),
    re.compile(rf"\bhow\s+(?:is|are|was|were)\s+(?:the\s+|our\s+)?{_NAME}\s+(?:selling|doing)\b"),
    re.compile(rf"\bhow\s+(?:did|does|do)\s+(?:the\s+|our\s+)?{_NAME}\s+sell\b"),
]  # fmt: skip
# Words after "sales of" that name no product: the store itself, or what is counted.
NOT_SOLD = frozenset(
    "store shop business company everything each every all category categories segment "
    "segments month months quarter quarters year years week weeks day days period sold sell "
    # what is left of a span of time once its number was read: "for the next 2 years"
    "selling next last coming past previous following rest".split()
)
NOT_BOUGHT = frozenset(
    "us you it them this that all our revenue spend spending money sales orders order units "
    "products product items item stuff things overall often recently lately frequently times "
    "total value segment customers buyers much many most more less least twice once again "
    "anything something everything nothing what which a an lot lots one ones with from on at ago "
    "in by for over during since before online and or but not both either".split()
)
AND = re.compile(r"\s*(?:&|\band\b)\s*")  # "Candy & chocolate": each side names it too
# What joins two categories besides what joins any two names (fuzzy.PAIRED: "or", "and", "vs",
# a comma): a list's last comma with its "and" ("coffee, tea, and snacks"), "than" ("more
# coffee than tea"), "against" and "compared to", each after the measure the first was named
# with, if it was ("coffee sales vs tea sales", "coffee revenue compared to tea").
_JOINED_MEASURE = r"(?:\s+(?:sales|revenue|orders|units))?"
ALSO_JOINS = re.compile(
    rf"{_JOINED_MEASURE}\s*(?:,\s*(?:and|or)|than|against|compared\s+(?:to|with)|,|&|/|and|or|"
    rf"vs\.?|versus|v\.?)\s+(?:the\s+)?"
)
NOT_A_NAME = frozenset({"product", "products", "each", "every", "one", "a", "which", "what", "top",
                        "this", "that", "same", "best", "any"})  # fmt: skip


def measure(text: str) -> Measure | None:
    """The measure a sales question ranks by, or None when it names none."""
    hits = [(m.start(), label) for pattern, label in MEASURES if (m := pattern.search(text))]
    return min(hits)[1] if hits else None


def counted(text: str) -> bool:
    """True when the question asks how many orders, purchases or buyers the store had."""
    return bool(COUNTED.search(text)) and not COUNT_RANKS.search(text)


def counted_measure(text: str) -> Measure | None:
    """What a count asks for, as the measure that ranks months or weeks by it: "how many
    orders per week" ranks weeks by orders, "how many customers a month" months by
    customers."""
    match = HOW_MANY.search(text)
    if match is None:
        return None
    return "orders" if match["what"] in ("orders", "purchases", "transactions") else "customers"


def per_category(text: str) -> bool:
    """True when the question ranks whole categories ("top categories among champions")."""
    return bool(PER_CATEGORY.search(text))


def per_unit(text: str) -> str | None:
    """ "month", "quarter", "week" or "day" when the question ranks the calendar's months,
    quarters, weeks or days; "weekday" when it ranks the days of the week."""
    if WEEKDAY.search(text):
        return "weekday"
    if HOW_OFTEN.search(text):
        return None
    match = PER_UNIT.search(text)
    if match is None or (match.group("b") and RANKED_THINGS.search(text)):
        return None  # "top 5 products per month" ranks products, not months
    unit = next(g for g in match.groups() if g)
    return "day" if unit == "dai" else unit


def category_named(text: str, known: tuple[str, ...]) -> str | None:
    """The category the message asks about: a name the store knows (any case, singular or
    plural, or one side of an "x & y" name: "candy" is "Candy & chocolate") anywhere, else
    the words of "in the X category". Read, not taken: the same words may be a review
    search's topic ("reviews about coffee")."""
    found = known_category(text, known)
    if found is not None:
        return found[0]
    for pattern in NAMED_CATEGORY:
        match = pattern.search(text)
        if match is None:
            continue
        # The name's own apostrophes stay ("kids' toys"); quotes around it go.
        name = " ".join(match.group("name").strip("'").split())
        if name and name not in NOT_A_NAME:
            return name
    return None


def known_category(text: str, known: tuple[str, ...]) -> tuple[str, int, int] | None:
    """A category the store knows, named in `text`, and where: the span holds a "products" or
    "items" after it ("top snack products"), so the words embedded are "top products"."""
    mentions = category_mentions(text, known)
    return mentions[0] if mentions else None


def category_mentions(text: str, known: tuple[str, ...]) -> list[tuple[str, int, int]]:
    """Every category the store knows named in `text`, as known_category reads one, none
    overlapping another: longer names first ("dark coffee" before "coffee"), whole names
    before a side of an "x & y" name, each where it is first named, then typos as typed."""
    names = sorted(known, key=len, reverse=True)
    # Whole names first: "tea" is "Tea" before it is a side of "Tea & coffee".
    wordings = [(name, name) for name in names]
    wordings += [(name, side) for name in names if AND.search(name) for side in AND.split(name)]
    found: list[tuple[str, int, int]] = []
    for name, words in wordings:
        stem = re.escape(" ".join(words.lower().split()).rstrip("s"))
        if not stem:
            continue
        for match in re.finditer(rf"\b{stem}s?\b(?:\s+(?:products?|items?)\b)?", text):
            if not any(a < match.end() and match.start() < b for _, a, b in found):
                found.append((name, match.start(), match.end()))
    for typo in _misspelt_categories(text, names):
        if not any(a < typo[2] and typo[1] < b for _, a, b in found):
            found.append(typo)
    return found


def categories_joined(text: str, known: tuple[str, ...]) -> list[tuple[str, int, int]]:
    """Two or more different categories named one after another and joined ("tea or coffee",
    "coffee vs tea", "coffee, tea and snacks", "more coffee than tea"), each as known_category
    reads one, in the order named; [] where fewer are."""
    run: list[tuple[str, int, int]] = []
    for mention in sorted(category_mentions(text, known), key=lambda m: m[1]):
        if run and _joins(text[run[-1][2] : mention[1]]):
            run.append(mention)
        elif len({name for name, _, _ in run}) >= 2:
            break
        else:
            run = [mention]
    return run if len({name for name, _, _ in run}) >= 2 else []


def _joins(gap: str) -> bool:
    """True where the words between two categories join them."""
    return bool(PAIRED.fullmatch(gap) or ALSO_JOINS.fullmatch(gap))


def _misspelt_categories(text: str, names: list[str]) -> list[tuple[str, int, int]]:
    """The words a typo away from a one-word category, or one side of a joined name ("Candy &
    chocolate"), of five letters or more ("cofee", "coffe", "choclate"), as typed: the tool
    reads each as that category and says so ("(Read 'cofee' as Coffee.)"), where dropping it
    answered for the whole store without a word."""
    sides = [side.lower() for name in names for side in AND.split(name)]
    single = [side for side in dict.fromkeys(sides) if re.fullmatch(r"[a-z]{5,}", side)]
    found: list[tuple[str, int, int]] = []
    for word in fuzzy.words(text):
        for name in single:
            typo = word.text != name and word.text.rstrip("s") != name.rstrip("s")
            if typo and word.text[:2] == name[:2] and fuzzy.close(word.text, name) is not None:
                found.append((word.text, word.start, word.end))
                break
    return found


def sold_named(text: str) -> str | None:
    """The product whose sales are asked, as written ("how many units of earl grey did we
    sell": "earl grey"), where no known category was named: a product's name to
    top_products, which says when the store has no product or category of that name."""
    for pattern in SOLD_NAMED:
        match = pattern.search(text)
        if match is None:
            continue
        name = " ".join(match.group("name").split())
        if name and not set(name.split()) & (NOT_BOUGHT | NOT_SOLD):
            return name
    return None


def bought_named(text: str) -> str | None:
    """What customers are ranked by buying, as written ("who bought the most earl grey":
    "earl grey"), where no known category was named: a product's name to the tool, which
    says when the store has no product or category of that name."""
    for pattern in BOUGHT_NAMED:
        match = pattern.search(text)
        if match is None:
            continue
        name = " ".join(match.group("name").split())
        if name and not set(name.split()) & NOT_BOUGHT:
            return name
    return None
