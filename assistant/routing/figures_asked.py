"""Which store figure a question asks for (store_metrics' `figure`), and the nudges that send it
there: "what's the average revenue per customer", "how many orders does a customer place on
average", "what is our repeat purchase rate", "what share of customers bought more than once",
"what share of revenue comes from the top 10% of customers", "how many customers bought in
both 1997 and 1998", "how many new customers in 1998" (with a period: acquired then; without
one, "new customers" is the RFM segment 'new'). And the total value at risk ("what is the
total value at risk"), which the at-risk list opens with when its `lead` is "total".

Similarity alone put these beside a customer's profile ("how many orders has this customer
placed"), the top customers' share ("what percentage of customers ordered only once") or the
period's sales totals, which count customers but give no figure per customer. The average order
value alone stays with the sales totals (top_products opens with it); asked beside a figure
here, it is read as one of them.

Read on the message in lower case.
"""

import re
from typing import Any

from assistant.routing.arg_notes import PERIOD
from assistant.routing.extract import Extraction
from assistant.routing.rules import CUE_WEIGHT

W = CUE_WEIGHT
_CUSTOMER = r"(?:customers?|buyers?|clients?|shoppers?|users?|accounts?|heads?)"
_ONE = r"(?:a|an|the|each|every|one|per|our|the\s+average|an\s+average|the\s+typical|a\s+typical)"
# In the order they are looked for: the first found is the figure asked.
FIGURES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "retention",
        re.compile(
            r"\b(?:(?:bought|ordered|purchased|shopped|buy|order|purchase|shop)\s+(?:from\s+us\s+)?"
            r"in\s+both|retained\s+from|"
            r"(?:came|come|coming)\s+back|(?:ordered|bought|purchased)\s+again)\b"
        ),
    ),
    (
        "top_share",
        # The share of revenue they bring: "who are the top 10% of customers" asks for a list.
        re.compile(
            r"\b(?:revenue|sales|spend|spending|income|turnover)\b.{0,40}\btop\s+\d{1,2}\s*"
            rf"(?:%|percent|per\s+cent)\s+(?:of\s+)?(?:our\s+|the\s+)?(?:{_CUSTOMER}|spenders)|"
            r"\btop\s+\d{1,2}\s*(?:%|percent|per\s+cent)\s+(?:of\s+)?(?:our\s+|the\s+)?"
            rf"(?:{_CUSTOMER}|spenders)\b.{{0,40}}\b(?:revenue|sales|spend|spending|income|"
            r"turnover)\b|\b(?:pareto|80\s*/\s*20)\b|"
            # "what percentage of revenue comes from the top 10%?", "how concentrated is our
            # revenue?": the customers are the only top a share of revenue has here
            r"\b(?:revenue|sales|spend|spending|income|turnover)\b.{0,40}\btop\s+\d{1,2}\s*"
            r"(?:%|percent|per\s+cent)(?!\s*(?:of\s+)?(?:the\s+)?(?:products?|items?|"
            r"categor(?:y|ies)))|\b(?:how\s+)?concentrated\s+(?:is\s+)?(?:our\s+|the\s+)?"
            r"(?:revenue|sales|spend|spending|income|turnover)\b|\b(?:revenue|sales)\s+"
            r"concentration\b|"
            r"\btop\s+\d{1,2}\s*(?:%|percent|per\s+cent)\s+(?:share|of\s+(?:revenue|sales))\b"
        ),
    ),
    (
        "repeat_rate",
        re.compile(
            r"\brepeat[\s-]+(?:purchase|order|buy(?:ing)?|customer|buyer)s?\s+(?:rate|ratio|share|"
            r"percentage)|\brepeat[\s-]+rate\b|\b(?:share|percent(?:age)?|proportion|fraction|"
            r"ratio|rate|%)\s+of\s+(?:our\s+|the\s+|all\s+)?(?:repeat|returning)\s+"
            rf"{_CUSTOMER}|(?:(?:\b(?:share|percent(?:age)?|proportion|fraction)|%)\s+of|"
            r"\bhow\s+many(?:\s+of)?)\s+"
            rf"(?:our\s+|the\s+|all\s+)?{_CUSTOMER}\s+(?:have\s+|has\s+)?(?:\w+\s+)?"
            r"(?:bought|ordered|purchased|shopped|came\s+back|returned)\s+(?:from\s+us\s+)?"
            r"(?:more\s+than\s+once|again|twice|two\s+or\s+more\s+times|multiple\s+times|"
            r"several\s+times|a\s+second\s+time)|\b(?:are|were)\s+(?:repeat|returning)\s+"
            rf"{_CUSTOMER}|\b(?:returning|repeat)[\s-]+customer\s+rate\b"
        ),
    ),
    (
        # "what's the average time to second order", "how long until new customers buy a
        # second time", "second purchase rate": how many new customers came back, and when
        "days_to_second_order",
        re.compile(
            r"\b(?:second|2nd)[\s-]+(?:order|purchase)\s+(?:rate|time|timing|lag|delay|"
            r"conversion)\b|\b(?:time|days?|how\s+long|lag|delay|wait(?:ing)?)\s+(?:\w+\s+){0,5}?"
            r"(?:to|until|till|before|for)\s+(?:\w+\s+)?(?:(?:a|the|their|its)\s+)?(?:second|2nd)\s+"
            r"(?:order|purchase|visit|time)s?\b|\bfirst\s+(?:order|purchase)\s+to\s+(?:the\s+)?"
            r"(?:second|2nd)\b|\b(?:buy|order|purchase)\s+(?:a\s+)?(?:second|2nd)\s+time\b"
        ),
    ),
    (
        # "what's the median time between orders", "how long do customers take to buy
        # again", "how often do customers order": the days from one order to the next
        "days_between_orders",
        re.compile(
            r"\b(?:time|days?|gap|interval|wait|lag)s?\s+between\s+(?:\w+\s+){0,2}?(?:orders|"
            r"purchases|visits)\b|\binter[\s-]?purchase\s+(?:times?|intervals?|gaps?)\b|"
            r"\b(?:repurchase|reorder|re-order|purchase|buying)\s+(?:cycles?|intervals?)\b|"
            r"\bhow\s+(?:long|many\s+days)\s+(?:do|does|did|until|before)\s+(?:\w+\s+){0,3}?"
            r"(?:order|buy|purchase|come\s+back|return)\w*\s+again\b|"
            rf"\bhow\s+often\s+do(?:es)?\s+(?:our\s+|the\s+|a\s+)?{_CUSTOMER}\s+(?:order|buy|"
            r"purchase|shop|come\s+back)\b"
        ),
    ),
    (
        "orders_per_customer",
        re.compile(
            rf"\borders\s+(?:per|a)\s+{_CUSTOMER}|\b(?:how\s+many|number\s+of)\s+(?:orders|"
            rf"purchases)\s+(?:does|do|did|will)\s+{_ONE}\s+{_CUSTOMER}\s+(?:\w+\s+){{0,2}}?"
            r"(?:on\s+average|typically|usually|per\s+year)|\baverage\s+(?:number\s+of\s+)?"
            rf"(?:orders|purchases)\s+(?:per|a|of\s+a|by\s+a|for\s+a|each)\s+{_CUSTOMER}|"
            r"\b(?:purchase|order)\s+frequency\b"
        ),
    ),
    (
        "revenue_per_customer",
        re.compile(
            rf"\b(?:revenue|spend|spending|sales|(?<!order\s)(?<!basket\s)value|income)\s+"
            rf"(?:per|a)\s+{_CUSTOMER}\b|"
            r"\baverage\s+(?:revenue|spend|spending|sales|value|income)\s+(?:per|of\s+a|for\s+a|"
            rf"by\s+a|from\s+a|a|each)\s+{_CUSTOMER}|\baverage\s+{_CUSTOMER}\s+(?:spend|"
            rf"spending|revenue|value)\b|\bhow\s+much\s+does\s+{_ONE}\s+{_CUSTOMER}\s+"
            r"(?:spend|bring|buy)|\barpu\b"
        ),
    ),
    (
        "average_order_value",
        re.compile(r"\b(?:average|avg|mean)\s+(?:order|basket)\s+(?:value|size)\b|\baov\b"),
    ),
)
# Customers acquired in a period: "how many new customers in 1998", "first-time buyers in q1",
# "customers did we acquire in 1997", "new vs returning", "ordered for the first time in
# march", "how many customers joined in 1998" (listed, "who joined", they are newcomers.py's).
# Asked with a period only: without one, "how many new customers do we have" is the RFM
# segment 'new' (first order in its last 30 days), as it was.
NEW_CUSTOMERS = re.compile(
    rf"\b(?:brand[\s-]+)?(?:new|first[\s-]+time|newly[\s-]+acquired)\s+{_CUSTOMER}\b|"
    r"\b(?:newcomers|newbies)\b|\bcustomer\s+acquisitions?\b|"
    rf"\b{_CUSTOMER}\s+(?:did|do|have|has|had)\s+we\s+(?:\w+\s+)?(?:acquire|acquired|gain|"
    r"gained|win|won|add|added|sign\s+up|signed\s+up)\b|"
    rf"\b(?:acquired|gained|won)\s+(?:\w+\s+)?{_CUSTOMER}\b|"
    rf"\bhow\s+many\s+(?:new\s+)?{_CUSTOMER}\s+(?:have\s+|has\s+)?(?:joined|signed\s+up|registered)\b|"
    r"\b(?:ordered|bought|purchased|shopped|ordering|buying|purchasing|shopping)\s+"
    r"(?:from\s+us\s+|with\s+us\s+)?for\s+the\s+first\s+time\b|"
    r"\bfirst[\s-]+(?:ever\s+)?(?:orders?|purchases?)\b|"
    r"\bnew\s+(?:vs\.?|versus|and|or)\s+(?:returning|repeat|existing)\b|"
    rf"\b{_CUSTOMER}\s+(?:were|are|was|is)\s+(?:brand[\s-]+)?new\b|"
    rf"\bhow\s+many\s+(?:of\s+(?:our|the)\s+)?returning\s+{_CUSTOMER}\b"
)
# What new customers spent or which of them are the subject of other tools: their sales
# ("revenue from new customers last month", the segment's, as before), a list or ranking.
NOT_NEW_COUNT = re.compile(
    r"\b(?:revenue|sales|spen[dt]|spending|sold|sell|worth|income|turnover|money|aov|top|best|"
    r"biggest|churn\w*|risk|offers?|draft|email|campaign\w*|budget\w*|products?|items?|"
    r"categor(?:y|ies))\b|\$"
)
# A count or share of them, or the words alone ("new customers last month"); any other
# question asks something else of them ("what have new customers been buying?").
NEW_COUNTED = re.compile(
    r"\b(?:how\s+many|number\s+of|count|counts|tally|share|percent(?:age)?|proportion|"
    r"fraction|split|mix|breakdown)\b|%"
)
QUESTION_WORD = re.compile(r"\b(?:what|which|where|why|who|whom|when|how)\b")
NEW_SEGMENT = "new"  # the RFM segment "new customers" also names (predictors/segments.py)
# The embedded text has the segment's name dropped ("how many new customers in 1998" is "how
# many customers"): customers still named, and not the segment ("the new segment in 1998").
CUSTOMERS_NAMED = re.compile(rf"\b{_CUSTOMER}\b")
SEGMENT_NAMED = re.compile(r"\b(?:segments?|groups?|cohorts?|buckets?|rfm)\b")
# The store's totals over all its history ("how many orders total", "total revenue", "orders
# ever"): store_metrics' overview, which covers every order day when no period is asked; the
# sales totals would give their default, the last 90 days.
ALL_TIME = re.compile(
    r"\b(?:total|in\s+total|overall|all[\s-]time|ever|to\s+date|so\s+far|altogether|lifetime)\b"
)
ALL_TIME_COUNTED = re.compile(
    r"\b(?:orders|revenue|sales|turnover)\b(?!\s+(?:at|of\s+a)\b)|"
    r"\bhow\s+much\s+(?:did|have)\s+we\s+(?:sell|sold|made|make|earn|earned|taken?|took)\b"
)
NOT_ALL_TIME = re.compile(
    r"\bat\s+(?:risk|stake)\b|\b(?:per|each|every|average|avg|best|top|most|worst|month|quarter)\b"
)
# Retention by name ("what's our retention rate", "retention q1 1998 vs q1 1997", "how many
# customers did we retain"), with or without periods; not a retention budget or campaign.
RETAINED = re.compile(
    r"\bretention(?:\s+(?:rate|ratio|percentage|figures?|numbers?))?(?=\s*(?:(?:from|between|"
    r"in|of|for|over|across|q[1-4]|h[12]|vs|versus|compared)\b|\d|[?.!,]|$))|\bretained\b|"
    r"\b(?:did|do)\s+we\s+retain\b|"
    # "how many customers came back in 1998": of the year before's (ordering "again" in one
    # period is the repeat rate: "what share of customers ordered again in 1998")
    r"\b(?:came|come|coming)\s+back\b"
)
# The customers of a period counted ("how many customers ordered in 1998", "number of
# customers who bought last month"): store_metrics' overview opens with them. Similarity put
# them beside a profile's "how many orders" and the sales totals; more than once, again or for
# the first time are the figures above.
CUSTOMERS_COUNTED = re.compile(
    r"\b(?:how\s+many|number\s+of|count\s+of)\s+(?:distinct\s+|unique\s+|active\s+|"
    rf"different\s+|of\s+(?:our|the)\s+)?{_CUSTOMER}\s+(?:(?:who|that)\s+)?(?:have\s+|had\s+|"
    r"did\s+|do\s+)?(?:ordered|bought|purchased|shopped|order|buy|purchase|shop|placed\s+"
    r"(?:an?\s+)?orders?|made\s+(?:a\s+)?purchases?)\b"
    r"(?!\s+(?:more|again|twice|once|only|multiple|several|for\s+the\s+first))"
)
# The top products' share ("the top 10% of our products", "concentrated across skus"): sales.
PRODUCTS_NAMED = re.compile(r"\b(?:products?|items?|skus?|categor(?:y|ies)|brands?|sellers?)\b")
# Money to spend on retention is a budget plan's; "who", "list", "show" ask for people.
BUDGETED = re.compile(
    r"\b(?:spend|budget\w*|plan\w*|invest\w*|allocat\w*|campaign\w*|offers?)\b|\$"
)
LISTED = re.compile(r"^(?:who|list|show|name|which|give\s+me\s+(?:a\s+)?list)\b")
# Customers asked for as a list ("list the customers who ordered again in 1998", "who came
# back", "top customers who came back this year"), not counted.
WHO_LISTED = re.compile(
    r"^(?:(?:list|show|give|find)\s+(?:me\s+)?)?(?:which\s+|what\s+|the\s+|all\s+(?:the\s+)?|"
    r"our\s+)?(?:top\s+(?:\d+\s+)?)?(?:customers|buyers|clients|shoppers|people)\b|^who\b"
)
# Retention asked with no second period: of the year before's customers, those who ordered in
# the period asked (this year to date when none): "what's our retention rate".
RETENTION_DEFAULT = {"since": "year_start", "compare_to": "year before"}
# "came back in 1998 after buying in 1997", "ordered again in 1998 after 1997": the later
# year asked, the earlier its customers are counted from (compared_periods.py reads two
# periods side by side, "in both 1997 and 1998").
RETURNED = re.compile(
    r"\b(?:came\s+back|come\s+back|returned|ordered\s+again|bought\s+again|purchased\s+again)"
    r"\s+in\s+(?P<later>(?:19|20)\d\d)\s+(?:after|having)\s+(?:\w+ing\s+)?(?:\w+\s+)?"
    r"(?:in\s+)?(?P<earlier>(?:19|20)\d\d)\b"
)
# The figures that send a question here; the average order value alone is the sales totals'.
SENDS_HERE = frozenset(name for name, _ in FIGURES) - {"average_order_value"} | {"new_customers"}
# "Total value at risk", "how much value is at risk", "value at risk overall".
TOTAL_AT_RISK = re.compile(
    r"\b(?:total|overall|combined|aggregate|sum\s+of\s+(?:the\s+)?)\s+(?:\w+\s+){0,2}?"
    r"(?:value|revenue|money|clv|ltv)\s+(?:at\s+risk|at\s+stake)\b|"
    r"\bhow\s+much\s+(?:value|revenue|money|clv)\s+(?:is|do\s+we\s+have)\s+at\s+(?:risk|stake)\b|"
    r"\b(?:value|revenue|money)\s+at\s+(?:risk|stake)\s+(?:in\s+total|overall|altogether)\b|"
    # A segment's ("value at risk in loyal", "the champions' value at risk"): with its name
    # taken out of the embedded text, the words left are the figure alone.
    r"^(?:(?:what(?:'s|\s+is)|whats|show(?:\s+me)?)\s+)?(?:the\s+)?(?:total\s+)?value\s+at\s+risk"
    r"(?:\s+(?:in|of|for|among)(?:\s+the)?(?:\s+[\w'&-]+){0,3})?[\s?.!]*$"
)


def figure_asked(text: str, two_periods: bool = True, dated: bool = False) -> str | None:
    """The store figure `text` asks for, or None; with one period, not how many ordered in
    both ("what share of customers ordered again in 1998" asks for the repeat rate), unless
    retention is named (not beside a budget: "how should i spend $5k on retention?"); the
    top customers asked for as a list ("who are the top 10% of customers by revenue") are no
    share; new customers only of a period (`dated`), counted, not listed or summed."""
    retained = RETAINED.search(text)
    # "which customers came back in 1998": who, top_customers' trend returned
    came_back = retained is not None and retained[0].startswith(("came", "come"))
    if retained and not BUDGETED.search(text) and not (came_back and WHO_LISTED.search(text)):
        return "retention"
    if dated and asks_new_customers(text):
        return "new_customers"
    found = next(
        (
            name
            for name, pattern in FIGURES
            if pattern.search(text) and (two_periods or name != "retention")
        ),
        None,
    )
    if found == "top_share" and (LISTED.search(text) or PRODUCTS_NAMED.search(text)):
        return None  # a list of them, or the top products' share, which the sales give
    if found == "retention" and LISTED.search(text):
        return None  # "list the customers who ordered again in 1998": who, as above
    return found


def asks_new_customers(text: str) -> bool:
    """True when `text` counts the customers new to the store (with a period, figure_asked
    says): not what they spent, nor a list of them."""
    return bool(NEW_CUSTOMERS.search(text)) and _new_counted(text)


def _new_counted(text: str) -> bool:
    """True when customers new to the store are counted in `text` (or named alone), not
    summed, listed or asked something else of."""
    if NOT_NEW_COUNT.search(text) or LISTED.search(text):
        return False
    return bool(NEW_COUNTED.search(text)) or not QUESTION_WORD.search(text)


def asks_total_at_risk(text: str) -> bool:
    """True when `text` asks for the total value at risk, not who holds it."""
    return bool(TOTAL_AT_RISK.search(text))


def with_figure(text: str, x: Extraction, found: dict[str, Any]) -> dict[str, Any]:
    """store_metrics' arguments `found` with its `figure` (and `top_pct`: "top 20% of
    customers") as `text` asks them; two periods with retention words are the customers of
    both ("came back in 1998 after buying in 1997": 1998, compared with 1997)."""
    years = RETURNED.search(text)
    if years is not None and x.compare_to is None:
        found = {k: v for k, v in found.items() if k not in PERIOD}
        found |= {"year": years.group("later"), "compare_to": years.group("earlier")}
    two = "compare_to" in found
    figure = figure_asked(text, two, bool(PERIOD & set(found))) or ("retention" if two else None)
    if figure == "retention" and not two:  # the year before's customers, again since
        dated = PERIOD & set(found)
        found |= {"compare_to": "year before"} if dated else RETENTION_DEFAULT
    if figure is not None:
        found["figure"] = figure
    newcomers = NEW_CUSTOMERS.search(text) and not SEGMENT_NAMED.search(text)
    if figure == "days_to_second_order" and newcomers and found.get("segment") == NEW_SEGMENT:
        found.pop("segment")  # "new customers" are the period's, whose figure this is
    if figure == "new_customers":  # "new customers" named the figure, not the segment 'new'
        others = [name for name in x.segments if name.lower() != NEW_SEGMENT]
        found.pop("segment", None)
        if others:
            found["segment"] = others[0]
    if figure == "top_share" and x.percent is not None and 1 <= x.percent <= 99:
        found["top_pct"] = int(x.percent)
    return found


def nudges(text: str, x: Extraction) -> dict[str, float]:
    """A triple nudge to store_metrics for a figure it alone gives (the words are few and
    specific), against the lists and profiles similarity puts them beside; a double one to
    the at-risk list for its total."""
    out: dict[str, float] = {}
    # The years are gone from the embedded text: one read is enough to say two may be there.
    dated = names_period(x)
    figure = figure_asked(text, x.compare_to is not None or x.year is not None, dated)
    if figure is None and dated and new_as_customers(text, x):
        figure = "new_customers"
    if figure in SENDS_HERE and not x.customer_ids:
        # Two periods are the sales totals' comparison too ("1997 vs 1998", a double nudge
        # there): their customers in both are here, by a nudge that outweighs it. New
        # customers are "customers in q1" once the segment's name is dropped, which
        # top_customers' cue reads as a ranking: outweighed the same way.
        out["store_metrics"] = (4 if figure in ("retention", "new_customers") else 3) * W
        for name in ("top_customers", "top_products", "customer_profile", "segment_summary"):
            out[name] = -W
    elif figure is None and _customers_counted(text, x):
        out["store_metrics"] = 3 * W
        for name in ("top_products", "top_customers", "customer_profile"):
            out[name] = -W
    elif figure is None and _all_time(text, x):
        out["store_metrics"] = 3 * W
        for name in ("top_products", "top_customers", "list_segments"):
            out[name] = -W
    elif figure is None:
        # Its examples are broad ("customer economics overview"); without a figure of its
        # own asked, "what percentage of revenue comes from loyal customers" is the
        # segment's, and "customers spending under $30 per order" a ranking: a double nudge.
        out["store_metrics"] = -2 * W
    if asks_total_at_risk(text) and not x.customer_ids:  # one customer's is in the profile
        out["at_risk_customers"] = 2 * W
        out["segment_summary"] = out["list_segments"] = -W
    return out


def new_as_customers(text: str, x: Extraction) -> bool:
    """True when the segment 'new' was read from "new customers" in the embedded `text`, which
    has lost the name: customers are counted, and no segment is named as such."""
    return (
        NEW_SEGMENT in (name.lower() for name in x.segments)
        and bool(CUSTOMERS_NAMED.search(text))
        and not SEGMENT_NAMED.search(text)
        and _new_counted(text)
    )


def _customers_counted(text: str, x: Extraction) -> bool:
    """True when `text` counts the customers who ordered (in a period, or ever), not those of
    a product, a category or a customer's own orders, nor those within bounds ("how many
    customers ordered exactly twice": top_customers' share)."""
    named = x.category is not None or x.categories or x.product_ids or x.customer_ids
    bounds = (x.min_revenue, x.min_orders, x.max_revenue, x.max_orders, x.min_average_order,
              x.max_average_order)  # fmt: skip
    bounded = any(bound is not None for bound in bounds)
    return bool(CUSTOMERS_COUNTED.search(text)) and not named and not bounded


def names_period(x: Extraction) -> bool:
    """True when the message names a period: by the calendar or a number of days."""
    calendar = (x.since, x.until, x.month, x.quarter, x.year)
    return any(v is not None for v in calendar) or x.horizon_days is not None


def _all_time(text: str, x: Extraction) -> bool:
    """True for the store's orders or revenue over all its history: "total" and no period,
    product, category or customer that would make them the sales totals' or a profile's."""
    dated = any(v is not None for v in (x.since, x.until, x.month, x.quarter, x.year))
    named = x.category is not None or x.categories or x.product_ids or x.customer_ids
    counted = ALL_TIME.search(text) and ALL_TIME_COUNTED.search(text)
    return (
        bool(counted)
        and not dated
        and x.horizon_days is None
        and not named
        and not (NOT_ALL_TIME.search(text))
    )
