"""Small score adjustments from what the message says, added to the similarity scores.

Similarity knows wording, not facts such as "this message names one customer". Each nudge is
CUE_WEIGHT (half or twice it) and none decides alone: a named customer makes the tools that
take no customer less likely and a profile more likely (unless another customer tool's cue
words are there); an amount makes a budget plan likelier, a horizon a forecast, a search topic
a review search, a named segment with no other tool's words a segment summary (several,
"champions vs loyal", the segment list), a channel or a discount an offer, a star rating a
review search; a question answered with segments is no customer list; a count of a segment's
customers is the at-risk list, the one tool that ranks them; a product recommendation needs
someone to recommend to ("recommend a good book" is not one); a message that refines the last
call ("break that down by category") leans to the last tool (followup.refines says which
messages do). Sales words count only for what has sold: worded ahead ("which categories will
sell the most next quarter") they are a forecast's, and a period worded back ("the last 30
days", "last week") is a sales period, not a horizon, and no forecast's; two periods set
against each other ("1997 vs 1998") are sales totals, and so is a count of orders or buyers
gone by ("how many orders in 1997").
Customers ranked by what they did ("who bought the most", "best customers in 1997", "who
bought the most tea", "customers who spent over $1,000", or just "customers in 1997") are
top_customers', unless the
message names a prediction ("by lifetime value") or a risk; "who hasn't bought since 1997" (a
lapse, lapses.py) is the at-risk list's, the one list that takes it, and so are customers
said to have lapsed or gone quiet ("the lapsed big spenders"). A segment's alerts, in
the plural ("alerts for loyal customers"), are listed, not explained. What a question is about
(one segment's figures, a review topic, one customer's own buying) is asked_about.py's to
weigh.
"""

import re

from assistant.routing import (
    figures_asked,
    lost_customers,
    newcomers,
    predictions_asked,
    quantities,
    review_rankings,
    rules,
    sales_words,
    trends,
)
from assistant.routing.arg_notes import PERIOD
from assistant.routing.args import explicit
from assistant.routing.asked_about import asked_about
from assistant.routing.choices import RISK_WORDS, ranking_named
from assistant.routing.extract import Extraction
from assistant.routing.followup import points_back, refines
from assistant.routing.memory import Memory
from assistant.routing.signatures import SIGNATURES

W = rules.CUE_WEIGHT
ASKS_SEGMENTS = re.compile(
    r"\bwhich\s+(?:segment|cluster|group)s?\b|\b(?:segments|clusters|groups|cohorts)\b"
)
# "The next 10" is a page of a list; "the next 30 days" lies ahead.
AHEAD = re.compile(
    r"\b(?:will|going\s+to|expect\w*|forecast\w*|predict\w*|project\w*|coming|upcoming|"
    r"future)\b|\bnext\s+(?:[\w-]+\s+)?(?:days?|weeks?|fortnight|months?|quarters?|years?)\b"
)
BACK = re.compile(rf"\b(?:{quantities.BACK}|so\s+far|to\s+date|lately|recently)\b")
# Words of money to spend; "what if we had 3k to win them back" after the at-risk list too.
SPENDING = re.compile(
    r"\b(?:spend|spending|plan|planning|split|allocate|allocating|invest|investing|budget\w*|"
    r"win-?back|win\s+(?:\w+\s+){0,2}?back|if\s+we\s+(?:had|have|got|get))\b"
)
AMOUNT_OFF = re.compile(
    r"[$€£]\s*\d[\d.,]*\s*k?\s+off\b|\b\d[\d.,]*\s*(?:dollars?|euros?|pounds?|bucks)\s+off\b"
)
# What customers wrote rather than bought ("complaints", "reviews", "feedback").
REVIEWED = re.compile(
    r"\b(?:reviews?|reviewed|complain\w*|complaints?|feedback|ratings?|sentiment|comments)\b"
)
REVIEW_LIST = re.compile(
    r"^(?:(?:show|find|list|pull|give)\s+(?:me\s+)?)?(?:the\s+|any\s+|all\s+)?(?:negative|positive|"
    r"bad|good|neutral|angry|glowing|[1-5][\s-]*star)\s+(?:reviews|feedback|comments)\b"
)
# A summary asked of reviews a search would find ("what's the sentiment of reviews mentioning
# delivery", "how positive are reviews about coffee"): the summary of those that mention it,
# unless they are asked to be shown ("show me the tone of ...", "find ...").
SUMMARY_ASKED = re.compile(
    r"\b(?:sentiment|tone|mood|feeling)\s+(?:of|for|on|in)\b|"
    r"\bhow\s+(?:positive|negative|happy|unhappy)\b|\bpositive\s+or\s+negative\b|"
    # "how good are the reviews for tea": how they lean, not which they are
    r"\bhow\s+(?:good|bad|great|poor)\s+(?:are|were|is)\s+(?:the\s+|our\s+)?(?:reviews|ratings|"
    r"feedback)\b"
)
SHOWN = re.compile(r"\b(?:find|show|search|look\s+for|pull|list|give\s+me|read)\b")
# Counted, not listed ("how many customers ordered in march and in april").
COUNT_ASKED = re.compile(r"\bhow\s+many\b|\bnumber\s+of\b|\bcount\b|\bshare\b|\bpercent")
TOP_WHO = re.compile(r"\b(?:top|best|biggest|largest)\s+(?:\d+\s+)?(?:customers|buyers|clients)\b")
# "who's our best customer", "best customer?": the one who spent the most, at the top of the
# top customers' list; similarity puts "best customer" beside the at-risk list's "our best
# customers who might leave". Not "the best customer to call" (whom to act on).
ONE_BEST = re.compile(
    r"^(?:(?:who(?:'s|\s+is|s)|what(?:'s|\s+is)|show\s+me)\s+)?(?:our|the|my)?\s*"
    r"(?:top|best|biggest|largest)\s+(?:customer|buyer|client|spender)\b(?!\s+(?:to|for)\b)"
)
# "customers in 1997", "show me our customers in q1 1998", "who were our customers during
# 1997?": who ordered then, which the top customers' list answers (it counts them). Embedded,
# the period is gone ("show me our customers"), and the words left sit beside a profile's
# "show me customer 00042" (ids are embedded as "customer"), a segment's summary ("show me
# our champions") or the at-risk list's "our best customers". "New customers in 1997" (a
# first order then) is not who ordered.
PERIOD_CUSTOMERS = re.compile(
    r"^(?:who\s+(?:were|are)\s+|(?:show|list|give|get|see)\s+(?:me\s+|us\s+)?)?"
    r"(?:all\s+(?:of\s+)?)?(?:(?:our|the|my)\s+)?(?:active\s+)?"
    r"(?:customers|buyers|clients|shoppers)(?:\s+(?:we|you)\s+(?:had|have|got))?"
    r"(?:\s+(?:in|from|during|of|for|over|throughout))?[\s?.!]*$"
)
# Tools that take no period: asked of the customers of one, they would drop it.
PERIODLESS_TOOLS = tuple(
    name for name, tool in SIGNATURES.items() if not PERIOD & set(tool.arg_names)
)
# "how many customers did we have in 1997": with a period gone by, the period's totals, whose
# first line counts its customers; without one, how many the store has (the segment list).
CUSTOMERS_COUNTED = re.compile(
    r"\bhow\s+many\s+(?:customers|clients|buyers|shoppers|people)\b|"
    r"\b(?:number|count)\s+of\s+(?:customers|clients|shoppers)\b"
)
# Customers ranked by what they bought of one category or product ("who bought the most
# tea", "top customers for coffee", "biggest buyers of dog food"); "what tea sold best" is
# the best sellers'.
BUYERS_OF = re.compile(
    r"\bwho\s+(?:has\s+|have\s+)?(?:bought|buys|purchased|ordered|spent)\b|"
    r"\b(?:(?:which|what)\s+(?:customers|buyers|clients|shoppers)|(?:customers|buyers|clients|"
    r"shoppers)\s+(?:who|that))\s+(?:have\s+|has\s+)?(?:bought|purchased|ordered)\b|"
    r"\b(?:customers|buyers|purchasers|shoppers|clients|spenders)\s+(?:for|of)\b|"
    r"\b(?:biggest|top|largest|heaviest|best)\s+(?:\d+\s+)?(?:buyers|purchasers)\b"
)
# "alerts for loyal customers": the list of a segment's alerts; "why was the alert about
# loyal raised" asks for one alert's reasons.
ALERTS_LISTED = re.compile(r"\balerts\b")
# The customers of the one segment named, its name taken ("customers in the segment").
SEGMENTS_CUSTOMERS = re.compile(
    r"\b(?:customers|people|members)\s+(?:in|of|from)\s+the\s+segment\b"
)
# A segment's customers listed ("list customers in the champions segment", "list the lost ones").
LISTED = re.compile(r"^(?:please\s+|can\s+you\s+|now\s+)?(?:list|enumerate)\b|\bmembers\s+of\b")
EXPLAINS = re.compile(r"\b(?:why|explain\w*|reasons?|caus\w*|trigger\w*|behind|mean)\b")
# What a store took in ("how much did we sell", "revenue", "total sales", the average order
# value, "how much did the champions spend"): with a period gone by, the sales totals that
# top_products opens with; worded ahead, a forecast.
SALES_TOTAL = re.compile(
    r"\b(?:sales|revenue|turnover|takings|sell|sold|(?:average|avg|mean)\s+order\s+(?:value|size)|"
    r"aov)\b|\b(?:how\s+much|what)\s+(?:[\w-]+\s+){0,4}?spen[dt]\b"
)
# Customers or spenders said to have stopped ("the lapsed big spenders", "inactive
# customers", "regulars who have gone quiet", "who used to buy a lot but stopped"): the
# at-risk list, which ranks them by what is at
# stake; similarity puts "big spenders" beside the all-time top spenders, most of whom ordered
# last week.
LAPSED_PEOPLE = re.compile(
    r"\b(?:lapsed|lapsing|inactive|dormant)\s+(?:[\w-]+\s+){0,2}?(?:customers|spenders|buyers|"
    r"clients|shoppers|accounts|regulars)\b|\b(?:customers|spenders|buyers|clients|shoppers|"
    r"accounts|regulars)\s+(?:(?:who|that)\s+)?(?:have\s+|has\s+)?(?:gone|went|are|were|became)\s+"
    r"(?:quiet|inactive|dormant)\b|"
    # "which customers used to buy a lot but stopped": not "products that used to sell".
    r"\b(?:customers|spenders|buyers|clients|shoppers|regulars|who)\s+(?:[\w'-]+\s+){0,6}?"
    r"(?:stopped|quit|no\s+longer)\b"
)
# Customers whose buying moved ("customers who are buying more than before", "who cut back
# on tea"): top_customers' trend; similarity puts them beside the sales' growth.
CUSTOMERS_MOVED = re.compile(
    r"^(?:which\s+|what\s+|the\s+)?(?:customers|buyers|clients|shoppers|spenders)\b|"
    r"^who(?:se)?\b"
)
PRODUCTS_NAMED = re.compile(r"\b(?:products?|items?|categor(?:y|ies)|skus?|sellers?)\b")
CUSTOMER_TOOLS = frozenset(
    name for name, tool in SIGNATURES.items() if "customer_id" in tool.arg_names
)


def nudges(text: str, x: Extraction, memory: Memory) -> dict[str, float]:
    """Score adjustments per label for `text` (lower case, typos repaired)."""
    out = dict(rules.cues(text))
    ahead = bool(AHEAD.search(text))
    bounds = (x.min_revenue, x.min_orders, x.max_revenue, x.max_orders, x.min_average_order,
              x.max_average_order)  # fmt: skip
    bounded = any(bound is not None for bound in bounds)  # "over $1,000", "fewer than 2 orders"
    # Money to spend on them ("a $5k win-back for customers who haven't ordered in 90 days"):
    # a plan, which takes lapsed customers too, so the lapse words below are no list's.
    planned = x.amount is not None and bool(SPENDING.search(text)) and not AMOUNT_OFF.search(text)
    moved_how = trends.trend(text, x.compare_to is not None)
    bought_named = x.category is not None or bool(x.categories) or x.product_name is not None
    # Customers who stopped buying something named ("who stopped buying tea") are ranked by
    # what they bought of it before; who stopped ordering at all is the at-risk list.
    stopped_buying = moved_how == "stopped" and bought_named and CUSTOMERS_MOVED.search(text)
    # who ordered in two periods, or came back ("customers who ordered again last month")
    came_back = x.returned or bool(trends.CAME_BACK.search(text))
    if moved_how == "stopped" and not bought_named:
        moved_how = None
    moved = moved_how and CUSTOMERS_MOVED.search(text)
    ranks_customers = "top_customers" in out or bool(TOP_WHO.search(text)) or bounded
    if ahead:
        out.pop("top_products", None)  # what will sell is a forecast's question
        out.pop("top_customers", None)  # who will spend the most: predicted value
    if "top_customers" in out:
        out.pop("top_products", None)  # "who bought the most" ranks customers
        if RISK_WORDS.search(text):  # "big spenders going quiet": the at-risk list
            out.pop("top_customers")
    elif "top_products" in out:  # "what did champions buy the most": products
        out["top_customers"] = -W
    bought_of = x.category is not None or bool(x.categories)
    if bought_of and TOP_WHO.search(text) and not RISK_WORDS.search(text) and not ahead:
        # "top customers in coffee": embedded, the category is "products" ("top customers in
        # products"), which pulls to the best sellers; customers are what is ranked.
        out["top_customers"] = out.get("top_customers", 0.0) + 2 * W
        out["top_products"] = out.get("top_products", 0.0) - W
    if ONE_BEST.search(text) and not RISK_WORDS.search(text) and not ahead:
        out["top_customers"] = out.get("top_customers", 0.0) + 2 * W
        out["at_risk_customers"] = out.get("at_risk_customers", 0.0) - W
    # A category named is embedded as "products": "who cut back on tea" ranks no products.
    category_word = int(x.category is not None or bool(x.categories))
    if moved and len(PRODUCTS_NAMED.findall(text)) <= category_word and not ahead:
        out["top_customers"] = out.get("top_customers", 0.0) + 2 * W
        out["top_products"] = out.get("top_products", 0.0) - W
    elif moved_how in ("falling", "rising") and PRODUCTS_NAMED.search(text) and not ahead:
        # "which category grows fastest", "what category is shrinking": products or
        # categories ranked by their change, which few words embedded leave unclear
        out["top_products"] = out.get("top_products", 0.0) + 2 * W
    if sales_words.HOW_OFTEN.search(text) and not ahead:
        # "which customers buy every week": customers by how often they buy, which the top
        # customers by orders come nearest to (similarity puts it beside weekly sales)
        out["top_customers"] = out.get("top_customers", 0.0) + 2 * W
        out["top_products"] = out.get("top_products", 0.0) - W
    listed = figures_asked.WHO_LISTED.search(text)  # customers asked for, not counted
    lost = lost_customers.asked(text) and _past_period(x, text)  # "lose last quarter"
    if (x.not_ordered or lost) and not ahead:
        # "which customers did not order in 1998", "ordered in 1997 but not in 1998": who
        # stopped in a period, which only top_customers' trend ranks (the lapse words pull
        # towards the at-risk list, which has no period)
        out["top_customers"] = out.get("top_customers", 0.0) + 3 * W
        out["at_risk_customers"] = out.get("at_risk_customers", 0.0) - 3 * W
    elif came_back and not ahead and listed and not COUNT_ASKED.search(text):
        # "customers who ordered in march and in april", "which customers came back in 1998":
        # the list of who bought in both, which only top_customers' trend ranks (the words
        # pull towards the retention figure, or the two periods' sales side by side)
        out["top_customers"] = out.get("top_customers", 0.0) + 3 * W
        out["store_metrics"] = out.get("store_metrics", 0.0) - 2 * W
        out["top_products"] = out.get("top_products", 0.0) - 2 * W
    elif came_back and not ahead and COUNT_ASKED.search(text):
        # "how many customers ordered in march and in april": the retention figure
        out["store_metrics"] = out.get("store_metrics", 0.0) + 2 * W
        out["top_products"] = out.get("top_products", 0.0) - W
    elif stopped_buying and not ahead:
        # undo the lapse's pull below: nobody is asked to have stopped ordering altogether
        out["top_customers"] = out.get("top_customers", 0.0) + 2 * W
        out["at_risk_customers"] = out.get("at_risk_customers", 0.0) - 2 * W
    elif LAPSED_PEOPLE.search(text) and "top_products" not in out and not planned:
        # A double nudge against the top spenders: their examples match "big spenders" word
        # for word, and "lapsed" is the one word that says which list.
        out["at_risk_customers"] = out.get("at_risk_customers", 0.0) + W
        out["top_customers"] = out.get("top_customers", 0.0) - 2 * W
        # and "used to buy a lot" sits beside the best sellers' "what sells a lot"
        out["top_products"] = out.get("top_products", 0.0) - W
    if x.lapse.asked and "top_products" not in out and not bounded and not planned:
        # "who hasn't bought since 1997": only the at-risk list takes how long customers have
        # not ordered; similarity puts "who ... bought" beside the top customers' examples.
        out["at_risk_customers"] = out.get("at_risk_customers", 0.0) + W
    if any(v is not None for v in vars(x.floors).values()) and "top_products" not in out:
        # "how many customers have a CLV over 1000": only the at-risk list takes a floor on the
        # scores (risk_bounds.py); "how many customers" alone sits beside the top customers'
        # counts, so a double nudge.
        out["at_risk_customers"] = out.get("at_risk_customers", 0.0) + 2 * W
        out["top_customers"] = out.get("top_customers", 0.0) - W
    if ranking_named(text) is not None:  # "top customers by lifetime value": a prediction
        out.pop("top_customers", None)
        out["at_risk_customers"] = out.get("at_risk_customers", 0.0) + W
    elif PERIOD_CUSTOMERS.search(text) and _past_period(x, text) and not ahead:
        # "show me our customers in 1997": the few words left to embed sit nearer a profile
        # than the top customers (about 4W in similarity), so the tools that would drop the
        # period lose a double nudge and the one that lists who ordered in it gains 3W.
        out["top_customers"] = out.get("top_customers", 0.0) + 3 * W
        for name in PERIODLESS_TOOLS:
            out[name] = out.get(name, 0.0) - 2 * W
    elif TOP_WHO.search(text) and _past_period(x, text) and not ahead:
        # "best customers in 1997": what they did then. The at-risk list has no period, and
        # its examples ("our best customers") match the rest word for word: a double nudge.
        out["top_customers"] = out.get("top_customers", 0.0) + 2 * W
        out["at_risk_customers"] = out.get("at_risk_customers", 0.0) - W
    if SALES_TOTAL.search(text) and _past_period(x, text) and not ahead and not ranks_customers:
        # "revenue in 1997", "what was revenue last quarter": the period's totals, which
        # similarity alone puts near a forecast's "expected revenue".
        out["top_products"] = out.get("top_products", 0.0) + W
        out["forecast_demand"] = out.get("forecast_demand", 0.0) - W / 2
    if _past_period(x, text) and not ahead:
        # Only words that look ahead ("will", "next", "expect") ask for a forecast; similarity
        # hardly tells tense, so "what were sales last week" sits beside "how many sales next
        # week" (a double nudge), and "last week" is read as 7 days, as a horizon is.
        out["forecast_demand"] = out.get("forecast_demand", 0.0) - 2 * W
    customers_then = bool(CUSTOMERS_COUNTED.search(text)) and _past_period(x, text)
    customers_counted = customers_then and x.segment is None
    counts = (
        (sales_words.counted(text) or customers_counted)
        and not x.customer_ids
        and not points_back(text)
    )
    if (
        counts
        and not ahead
        and not ranks_customers
        and (x.horizon_days is None or _past_period(x, text))
    ):
        # "how many orders did we get in february 1998", "order count in Q1": the period's
        # totals, orders and customers with revenue; similarity puts "how many orders" beside
        # customers ranked by orders (a double nudge, as the words left are few).
        out["top_products"] = out.get("top_products", 0.0) + 2 * W
        out["top_customers"] = out.get("top_customers", 0.0) - W
    if x.per_unit is not None and not ahead and not ranks_customers:
        if REVIEWED.search(text):
            # "which month had the most complaints": reviews, which no tool counts per month;
            # the sentiment summary answers and says so (arg_notes), rather than sales.
            out["review_sentiment"] = out.get("review_sentiment", 0.0) + W
        else:
            # "what was our best month": months ranked by sales, which only top_products does.
            out["top_products"] = out.get("top_products", 0.0) + 2 * W
    stops = moved or x.not_ordered  # customers who changed, or stopped, between two periods
    if x.compare_to is not None and not ahead and not ranks_customers and not stops:
        # "1997 vs 1998?": two periods set against each other are sales totals, the one tool
        # that compares periods, whatever few words are left around them (a double nudge:
        # "compare 1997 with 1998" leaves only "compare with").
        out["top_products"] = out.get("top_products", 0.0) + 2 * W
    bought = x.category is not None or x.product_name is not None or bool(x.product_ids)
    buyers_of = bought and bool(BUYERS_OF.search(text))
    if buyers_of and not ahead:
        out["top_customers"] = out.get("top_customers", 0.0) + 2 * W
        out["top_products"] = out.get("top_products", 0.0) - W
    if bounded and (RISK_WORDS.search(text) or x.lapse.asked):
        # Asked with a risk ("at-risk customers who spent under $50", "churn risk of customers
        # with more than 3 orders"): the at-risk list, which takes the same bounds on what
        # customers did to date; similarity puts "at-risk customers who spent" near "what
        # did at-risk customers buy", and products have no risk. So with a lapse ("no orders
        # in the last 3 months who spent over $200"): only the at-risk list takes one.
        out["at_risk_customers"] = out.get("at_risk_customers", 0.0) + W
        out["top_products"] = out.get("top_products", 0.0) - W
        if x.lapse.asked and not planned:
            # "customers who spent over $500 and haven't ordered in 6 months": the ranking of
            # what customers did takes the bound but not the lapse, the at-risk list both.
            out["at_risk_customers"] = out.get("at_risk_customers", 0.0) + W
            out["top_customers"] = out.get("top_customers", 0.0) - W
    elif bounded:
        # "customers who spent over $1,000", "who spent under $20": the ranking of what
        # customers did, a double nudge.
        out["top_customers"] = out.get("top_customers", 0.0) + 2 * W
    named_customer = bool(x.customer_ids) or (x.position is not None and bool(memory.customer_ids))
    refers_to_customer = named_customer or (points_back(text) and memory.customer_id is not None)
    if not refers_to_customer:
        out.pop("recommend_products", None)
        ranks_else = {"top_products", "top_customers"} & set(out)
        if x.segment is not None and x.count is not None and not ranks_else:
            # "top 5 loyal customers": a segment's customers, ranked; only the at-risk list
            # ranks a segment's customers, and a recommendation needs someone to recommend to.
            out["at_risk_customers"] = out.get("at_risk_customers", 0.0) + W
            out["recommend_products"] = out.get("recommend_products", 0.0) - W
    if named_customer:
        # A tool that cannot take the customer named is rarely what is asked ("the risk
        # score of customer 88" is a profile, not the at-risk list): a double nudge.
        for name, tool in SIGNATURES.items():
            if "customer_id" not in tool.arg_names:
                out[name] = out.get(name, 0.0) - 2 * W
        if not (set(out) & (CUSTOMER_TOOLS - {"customer_profile"})):
            out["customer_profile"] = out.get("customer_profile", 0.0) + W
    if x.product_ids:
        for name, tool in SIGNATURES.items():
            # A product's buyers rank only when asked for ("who bought the most B00..."):
            # "how do buyers rate B00..." asks about the product.
            if "product_id" not in tool.arg_names or (name == "top_customers" and not buyers_of):
                out[name] = out.get(name, 0.0) - W
    if x.segment is not None or x.customer_ids or x.product_ids:
        # A segment, customer or product of the store named is no question about something
        # else: "tell me about champions" embeds as "tell me about", near "tell me a joke".
        out["out_of_scope"] = out.get("out_of_scope", 0.0) - W
    if x.segment is not None and ALERTS_LISTED.search(text) and not EXPLAINS.search(text):
        # Similarity puts "alerts for loyal customers" beside explain_alert's "an alert for
        # the champions segment"; the plural asks for the list: a double nudge.
        out["list_alerts"] = out.get("list_alerts", 0.0) + 2 * W
        out["explain_alert"] = out.get("explain_alert", 0.0) - W
    if len(x.segments) > 1 and ASKS_SEGMENTS.search(text):
        # "compare champions and loyal" (embedded as "compare segments"): the segment list
        # gives every segment's figures side by side; a summary is of one segment.
        out["segment_summary"] = out.get("segment_summary", 0.0) - W
    elif x.segment is not None:
        out["list_segments"] = out.get("list_segments", 0.0) - W
        # A named segment and no other tool's words (a nudge up; those down say only what the
        # message is not): most likely a question about the segment.
        cued = {name for name, nudge in out.items() if nudge > 0}
        if not named_customer and not (cued - {"list_segments", "segment_summary"}):
            out["segment_summary"] = out.get("segment_summary", 0.0) + W
        if not refers_to_customer:  # "show me our champions": a segment's, not one profile
            # With no customer in the conversation either, a profile has nobody to show.
            alone = memory.customer_id is None
            out["customer_profile"] = out.get("customer_profile", 0.0) - (2 * W if alone else W)
        if LISTED.search(text) and not refers_to_customer:
            # "list customers in the champions segment", "list hibernating customers": the
            # segment's customers, which the at-risk list ranks; similarity puts "list ...
            # segment" beside the list of segments.
            out["at_risk_customers"] = out.get("at_risk_customers", 0.0) + 2 * W
            out["segment_summary"] = out.get("segment_summary", 0.0) - W  # a summary lists none
        if SEGMENTS_CUSTOMERS.search(text):
            # "show me the customers in the loyal segment" (embedded "... customers in the
            # segment"): one segment's, which the list of every segment ("show me the customer
            # segments") is not.
            out["list_segments"] = out.get("list_segments", 0.0) - W
    if ASKS_SEGMENTS.search(text) and not named_customer:
        for name in ("at_risk_customers", "customer_profile"):  # they answer with customers
            out[name] = out.get(name, 0.0) - W
    if (x.channel is not None and not rules.asks_for_contacts(text)) or (
        x.percent is not None and x.amount is None
    ):
        out["draft_offer"] = out.get("draft_offer", 0.0) + W / 2
    if x.amount is not None:
        # Money to spend is a plan's alone ("plan 2000 for at risk customers", "spend $5k on
        # top 100 customers"): no other tool takes an amount. "$15 off" is an offer's.
        out["plan_budget"] = out.get("plan_budget", 0.0) + (2 * W if planned else W)
        if planned:  # "spend $5k on top 100 customers": whom the money goes to, not a list
            out["top_customers"] = out.get("top_customers", 0.0) - W
            out["at_risk_customers"] = out.get("at_risk_customers", 0.0) - W
    if x.horizon_days is not None:
        looks_back = not ahead and ("top_products" in out or bool(BACK.search(text)))
        label = "top_products" if looks_back else "forecast_demand"
        out[label] = out.get(label, 0.0) + W / 2
    if review_rankings.asked(text) and not x.product_ids:
        # "best reviewed products", "products customers complained about most": products
        # ranked by their reviews, which only review_sentiment does; similarity puts them
        # beside a search for reviews.
        out["review_sentiment"] = out.get("review_sentiment", 0.0) + W
        out["search_reviews"] = out.get("search_reviews", 0.0) - W / 2
    if x.min_rating is not None or x.max_rating is not None:  # only a search takes stars
        out["search_reviews"] = out.get("search_reviews", 0.0) + W
        out["review_sentiment"] = out.get("review_sentiment", 0.0) - W
    summed = "review_sentiment" in out and "search_reviews" not in out
    asked_summary = SUMMARY_ASKED.search(text) and not SHOWN.search(text)
    if (x.category is not None or x.categories) and x.quoted is None and asked_summary:
        # "how positive are reviews about coffee": the category's summary. Its name is also
        # the topic, which asked_about weighs as a search's (W), and similarity puts the
        # search for positive reviews beside it: a double nudge.
        out["review_sentiment"] = out.get("review_sentiment", 0.0) + 2 * W
        out["search_reviews"] = out.get("search_reviews", 0.0) - W
    elif x.topic is not None and x.quoted is None and asked_summary:
        # the summary's own question of reviews described by a search's words ("mentioning")
        out["review_sentiment"] = out.get("review_sentiment", 0.0) + W
        out["search_reviews"] = out.get("search_reviews", 0.0) - W / 2
    elif x.topic is not None and x.quoted is None and summed:
        # "sentiment of reviews about earl grey": a summary of those that mention it, asked
        # in the summary's words and none of a search's; the unknown name weighs nothing.
        out["review_sentiment"] = out.get("review_sentiment", 0.0) + W / 2
    elif x.topic is not None and x.quoted is None:
        out["search_reviews"] = out.get("search_reviews", 0.0) + W / 2
    elif REVIEW_LIST.search(text) and "review_sentiment" not in out:
        # "negative reviews by customer 07592" asks for the reviews; "how negative are they",
        # or "the sentiment of", for a summary (review_sentiment's cue words).
        out["search_reviews"] = out.get("search_reviews", 0.0) + W
    elif "review_sentiment" in out and "search_reviews" not in out and x.quoted is None:
        # "sentiment of reviews last month": a summary of the period's reviews, with no topic
        # or search words; similarity puts it beside "negative reviews from the last month".
        out["search_reviews"] = out.get("search_reviews", 0.0) - W / 2
    if ahead:
        out["top_products"] = out.get("top_products", 0.0) - W
        out["top_customers"] = out.get("top_customers", 0.0) - W
    last = memory.tool
    if last in SIGNATURES and refines(text) and explicit(SIGNATURES[last], x, text, memory):
        out[last] = out.get(last, 0.0) + W
    for label, value in asked_about(text, x, memory).items():
        out[label] = out.get(label, 0.0) + value
    if x.segment is not None and SALES_TOTAL.search(text) and _past_period(x, text) and not ahead:
        # "how much revenue did the loyal segment bring last year": its members' sales then,
        # which top_products sums for a segment. The segment's summary, a figure of which
        # asked_about weighs "how much revenue" as, has no period and waits on the LLM.
        out["top_products"] = out.get("top_products", 0.0) + 2 * W
        out["segment_summary"] = out.get("segment_summary", 0.0) - 2 * W
    for label, value in figures_asked.nudges(text, x).items():  # a figure per customer
        out[label] = out.get(label, 0.0) + value
    for label, value in newcomers.nudges(text, x).items():  # "who joined last month"
        out[label] = out.get(label, 0.0) + value
    for label, value in predictions_asked.nudges(text, x).items():  # "what is the average clv"
        out[label] = out.get(label, 0.0) + value
    return out


def _past_period(x: Extraction, text: str) -> bool:
    """True when the message names a period gone by: by the calendar, or days worded back."""
    dated = any(v is not None for v in (x.since, x.until, x.month, x.quarter, x.year))
    return dated or (x.horizon_days is not None and bool(BACK.search(text)))
