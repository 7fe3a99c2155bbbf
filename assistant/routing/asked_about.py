"""Nudges from what a question is about, where similarity reads its wording the other way.

One segment's own figures ("average churn risk of hibernating customers?", "what share of
revenue do champions bring?") are its summary, not the segment list, the at-risk list or best
sellers; but its size alone ("how many customers are in the lost segment?") is the segment
list, which counts every segment at once, where the summary is written by the language model
(minutes). The segment among all with the most of something ("which segment has the highest
churn risk?") is the segment list too. Reviews asked
about a topic ("what are customers saying about tea?", "negative reviews about chocolate", "do
people like Earl Grey?") are a search, which takes the topic; the sentiment summary would drop
it. One customer's own
buying ("what products does 05847 buy most?") is in their profile; what they may buy next is a
recommendation. A question about the one customer talked about ("why are they at risk?" after
a profile) is about that customer, not the at-risk list; who in a segment is at risk ("who is
at risk in the loyal segment?") is that list, of the segment. Categories set against each
other with nothing else asked ("tea vs coffee") are their sales side by side, and a category
named alone its sales. Each nudge is
rules.CUE_WEIGHT or twice it, as in nudges.py, which adds these to its own.
"""

import re

from assistant.routing import rules
from assistant.routing.extract import Extraction
from assistant.routing.figures_asked import asks_total_at_risk
from assistant.routing.followup import is_bare, points_back
from assistant.routing.memory import Memory
from assistant.routing.phrases import LIKED, generic
from assistant.routing.signatures import SIGNATURES

W = rules.CUE_WEIGHT
SEGMENT_FIGURE = re.compile(
    r"\b(?:how\s+many\s+(?:customers|people|members|shoppers|buyers|clients)|size|how\s+big|"
    r"value\s+at\s+risk|average|avg|mean|typical|share|percent(?:age)?\s+of|"
    r"how\s+much\s+(?:revenue|of\s+(?:our\s+|the\s+)?(?:revenue|sales))|bring\s+in|"
    r"contribut\w*|account\s+for)\b"
)
# A segment's size, which the segment list holds; with nothing else asked of the segment.
# Read with the segment's name taken out ("how many champions do we have" is "how many do we
# have"), but for "at risk", also the at-risk list's cue: its name is no risk asked of it.
SEGMENT_SIZE = re.compile(
    r"^(?:(?:and|so|ok(?:ay)?|then)\s+)?(?:how\s+many\s+(?:customers|people|members|shoppers|"
    r"buyers|clients)|how\s+(?:big|large)|(?:what(?:'s|\s+is)\s+)?the\s+size\s+of|size\s+of|"
    r"how\s+many(?=\s*(?:[?.!]|$|(?:do|did)\s+we\s+have|are\s+there)))\b"
    r"(?![^.?!]*\b(?:and|with|who|that|which|worth|value|risk(?!\s+(?:segment|group))|churn\w*|"
    r"likely|leav\w*|buy\w*|bought|order\w*|purchas\w*|placed|spen[dt]\w*|above|over|under|"
    r"more|less|fewer)\b)"
)
AGGREGATE = re.compile(r"\b(?:average|avg|mean|typical|share|percent(?:age)?)\b")
# Words of a list of customers or products rather than one segment's figures.
LISTS = re.compile(
    r"\b(?:top|list|rank\w*|which\s+(?:customers|products|ones)|who|show\s+me\s+the|"
    r"best[\s-]?sell\w*)\b"
)
# One segment's customers asked for as a list ("give me a list of hibernating customers",
# "show me all loyal customers"; not "show me our customers in champions", its summary):
# the at-risk list of its members, ranked by value at risk as
# GET /v1/customers?segment= ranks them; similarity put the segment's summary first.
SEGMENT_LISTED = re.compile(
    r"^(?:(?:give|get|send)\s+(?:me\s+)?(?:a\s+|the\s+)?list\s+of|(?:show\s+(?:me\s+)?all|list)"
    r"\s+(?:of\s+)?(?:the\s+|our\s+)?(?:[\w'-]+\s+){0,2}?(?:customers|members|people)\b)"
)
ACROSS_SEGMENTS = re.compile(
    r"\b(?:which|what)\s+(?:segment|cluster|group)s?\b[^.?!]{0,40}\b(?:highest|lowest|most|"
    r"least|biggest|largest|smallest|best|worst|top|greatest|more)\b|\b(?:segment|cluster|group)s?"
    r"\s+with\s+the\s+(?:highest|lowest|most|least|biggest|largest|smallest)\b"
)
REVIEW_WORDS = re.compile(
    r"\b(?:reviews?|say|says|saying|said|complain\w*|feedback|comments?|mention\w*|"
    r"talk\w*|wr[io]te|written|think)\b"
)
OWN_BUYING = re.compile(
    r"\b(?:buys?|bought|buying|orders?|ordered|purchases?|purchased|gets?)\s+(?:the\s+)?"
    r"(?:most|usually|often|regularly|always)\b|\b(?:usually|often|regularly|always|mostly)\s+"
    r"(?:buys?|orders?|gets?|purchases?)\b|\bfavou?rite\s+products?\b|"
    r"\bmost[\s-](?:bought|ordered|purchased)\b"
)
AHEAD = re.compile(
    r"\b(?:next|recomm?end\w*|suggest\w*|should|might|would|could|likely|will|else)\b"
)
THEIR_FIGURE = re.compile(
    r"\b(?:value\s+at\s+risk|churn\s+(?:risk|probability|score)|clv|ltv|lifetime\s+value|"
    r"predicted\s+value)\b"
)
# Others than the customer talked about: "which other customers are at risk like her?"
OTHERS = re.compile(r"\b(?:customers|others?|else|list|who|which)\b")
# "who is at risk in the loyal segment?": people of the segment, by risk (the at-risk list),
# which similarity puts beside the segment's summary.
WHO_AT_RISK = re.compile(
    r"\bwho\b[^.?!]{0,30}\b(?:at[\s-]risk|churn\w*|leav\w*|laps\w*|slipping|might\s+go)\b"
)
# "how is candy doing", "how are the tea products selling": a category's sales (embedded, its
# name is "products"); what buyers think of it is asked with review words.
HOW_IT_SELLS = re.compile(
    r"\bhow\s+(?:is|are|was|were|has|have)\s+(?:the\s+|our\s+)?products\s+(?:been\s+)?"
    r"(?:doing|selling|performing|going)\b"
)
# What is embedded of categories named with nothing else asked ("tea vs coffee?", "coffee").
NOTHING_BUT_THEM = re.compile(r"\W*products\W*")
THE_CUSTOMER = re.compile(r"\bcustomer\b(?!\s*\d)")  # one, not "customers" nor "customer 42"
CUSTOMER_TOOLS = frozenset(
    name for name, tool in SIGNATURES.items() if "customer_id" in tool.arg_names
)


def asked_about(text: str, x: Extraction, memory: Memory) -> dict[str, float]:
    """Score adjustments per label for `text` (lower case, typos repaired)."""
    out: dict[str, float] = {}
    one_customer = bool(x.customer_ids) or _the_customer_talked_about(text, x, memory)
    # Worded ahead ("how much revenue will the loyal segment bring next year"), a segment's
    # revenue is a forecast of its members' buying, which forecast_demand takes a segment for.
    figures = x.segment is not None and bool(SEGMENT_FIGURE.search(text))
    figures = figures and x.horizon_days is None
    # Its value at risk in total ("value at risk in loyal") is the at-risk list's, of the
    # segment, which opens with it (figures_asked.py); the summary gives no such figure.
    figures = figures and not asks_total_at_risk(text)
    # "at-risk customers with an average order over $50" bounds them: a list, not an average
    figures = figures and x.min_average_order is None and x.max_average_order is None
    sized = x.segment is not None and bool(SEGMENT_SIZE.search(text))
    if sized and not one_customer and not _bounded(x):
        _add(out, "list_segments", 3 * W)  # its nudge against a named segment (nudges.py) too
        _add(out, "segment_summary", -W)
    elif figures and not one_customer and not LISTS.search(text) and x.count is None:
        _add(out, "segment_summary", 2 * W)
        for label in ("list_segments", "at_risk_customers", "top_products", "customer_profile"):
            _add(out, label, -W)
        if AGGREGATE.search(text):  # a list ranks customers; it never averages them
            _add(out, "at_risk_customers", -W)
    listed = x.segment is not None and bool(SEGMENT_LISTED.search(text)) and not one_customer
    if listed and not _bounded(x) and not figures and not sized:
        _add(out, "at_risk_customers", 2 * W)
        _add(out, "segment_summary", -W)
    if x.segment not in (None, "at risk") and WHO_AT_RISK.search(text) and not one_customer:
        _add(out, "at_risk_customers", W)
        _add(out, "segment_summary", -W)
    if x.segment is None and ACROSS_SEGMENTS.search(text):
        _add(out, "list_segments", 2 * W)
        _add(out, "at_risk_customers", -W)
    if (x.category is not None or len(x.categories) > 1) and NOTHING_BUT_THEM.fullmatch(text):
        # "tea vs coffee" or "coffee?" alone: their sales, as "tea vs coffee sales" asks
        # (args.py sets them side by side when compared). Embedded, a category's name (the
        # names joined are one) is "products", which sits nearer what goes with a product.
        _add(out, "top_products", 2 * W)
    if x.category is not None and HOW_IT_SELLS.search(text) and not REVIEW_WORDS.search(text):
        _add(out, "top_products", 2 * W)
        for label in ("search_reviews", "review_sentiment"):
            _add(out, label, -W)
    listed_product = x.position is not None and memory.listed_product(x.position) is not None
    if listed_product and not REVIEW_WORDS.search(text):
        # "tell me about the second one" after the best sellers: that product, whose reviews
        # the walk through a product list gives (continuation.from_memory); "tell me about"
        # alone sits beside a segment's summary.
        _add(out, "review_sentiment", 2 * W)
        _add(out, "segment_summary", -2 * W)  # against its cue words too
    last = SIGNATURES.get(memory.tool or "")
    segmentless = last is not None and "segment" not in last.arg_names
    if x.segment is not None and segmentless and is_bare(x.remainder):
        # "what about champions?" after a profile: the last call takes no segment to run
        # again with, so the segment is what is asked about.
        _add(out, "segment_summary", 2 * W)
    topic = x.topic is not None and x.quoted is None and not generic(x.topic)
    if topic and (REVIEW_WORDS.search(text) or LIKED.search(text)):
        _add(out, "search_reviews", W)
        _add(out, "review_sentiment", -W)
    if topic and LIKED.search(text):  # what reviews say of it: no lookalike, no segment's traits
        _add(out, "search_reviews", W)
        for label in ("segment_summary", "similar_customers"):
            _add(out, label, -W)
    if x.customer_ids and THEIR_FIGURE.search(text) and not REVIEW_WORDS.search(text):
        # "value at risk for customer 00042": a figure of theirs, which the profile opens with
        _add(out, "customer_profile", 2 * W)
    if x.customer_ids and OWN_BUYING.search(text) and not AHEAD.search(text):
        _add(out, "customer_profile", 2 * W)
        _add(out, "recommend_products", -W)
    if _the_customer_talked_about(text, x, memory):
        # As a customer named ("the risk score of customer 88" is a profile): a tool that
        # cannot take the customer is rarely what is asked.
        for name in SIGNATURES:
            if name not in CUSTOMER_TOOLS:
                _add(out, name, -W)
        cued = set(rules.cues(text))
        if not cued & (CUSTOMER_TOOLS - {"customer_profile"}):
            _add(out, "customer_profile", W)
        if cued <= {"customer_profile", "at_risk_customers"} and not OTHERS.search(text):
            # Nothing but the customer is asked about ("their lifetime value?", "her orders?"):
            # a figure of theirs, in the profile, which a list of everyone's would bury.
            for name in SIGNATURES:
                if name not in CUSTOMER_TOOLS:
                    _add(out, name, -W)
            _add(out, "customer_profile", W)
        if "at_risk_customers" in rules.cues(text) and not OTHERS.search(text):
            # "is she at risk of leaving?": her risk, in her profile; the list's cue words
            # ("at risk", "leaving") say what is asked of her, not whom to list.
            _add(out, "at_risk_customers", -2 * W)
            _add(out, "customer_profile", W)
    return out


def _the_customer_talked_about(text: str, x: Extraction, memory: Memory) -> bool:
    """True when the message points back to the one customer the last turn was about, and
    names no customer, segment or product of its own. The text scored has its pronouns
    resolved (followup.resolve: "why are they at risk?" reads "why are customer at risk?")."""
    named = x.customer_ids or x.segment is not None or x.product_ids or x.position is not None
    one = memory.subject == "customer" and memory.customer_id is not None
    return one and not named and bool(points_back(text) or THE_CUSTOMER.search(text))


def _bounded(x: Extraction) -> bool:
    """Whether customers are bounded by what they did, or a period: a count of those is no
    segment's size ("how many loyal customers placed at least 3 orders")."""
    bounds = (x.min_revenue, x.min_orders, x.max_revenue, x.max_orders, x.since, x.until,
              x.min_average_order, x.max_average_order)  # fmt: skip
    return x.lapse.asked or any(v is not None for v in (*bounds, x.month, x.quarter, x.year))


def _add(out: dict[str, float], label: str, value: float) -> None:
    out[label] = out.get(label, 0.0) + value
