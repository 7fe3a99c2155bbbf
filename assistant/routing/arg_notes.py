"""What a message asked that the chosen tool cannot do as asked, said in the answer: a value left
out ("except loyal ones", "excluding 07592": the tools cannot filter one out), a second
customer or segment (segment_notes.py), a segment or period the tool has
no argument for, money off an offer ("$15 off": offers take a percentage) or a perk ("free
shipping": offers carry the policy's perks only), a list asked from the bottom, and bounds on
spend or orders the tool does not apply (another currency; a tool without them), how long
customers have not ordered asked of a tool without it (and how it was read, to one with it:
"since 1997" is no order after 1997-12-31), a floor on churn risk or predicted value asked of
a tool without one (risk_bounds.unapplied), a second period to compare with asked of a tool
that compares none, or of a kind none compares ("vs the first half of 1998"), a year asked of
the forecast (it takes days ahead), a review topic asked of the sentiment summary, which takes
none, a count of reviews asked of it (complaint_counts.py), and reviews asked per month or
quarter ("which month had the most complaints"), which no tool counts.
Each note is one sentence; `notes` joins those that apply.
"""

import re
from collections.abc import Collection, Mapping
from typing import Any

from assistant.routing import risk_bounds, sales_words
from assistant.routing.choices import from_the_top
from assistant.routing.compared_periods import uncompared
from assistant.routing.complaint_counts import review_count_note
from assistant.routing.extract import Extraction
from assistant.routing.review_topic import own_topic
from assistant.routing.segment_notes import one_segment
from assistant.routing.signatures import ToolSignature

LOWEST = re.compile(r"\b(?:(?<!\bat\s)least|lowest|smallest|safest|not\s+at\s+risk)\b")
MONEY_OFF = re.compile(r"\b(?:off|discount|coupon|voucher|credit|rebate)\b")
# A perk asked for the offer ("20% off and free shipping", "with a free gift"); not "for
# Christmas gifts", "gift sets" or "no free shipping". Offers carry the policy's perks only.
_PERKS = (
    r"(?P<shipping>free\s+(?:shipping|delivery|postage))|(?P<returns>free\s+returns?)|"
    r"(?P<sample>(?:a\s+)?free\s+samples?)|(?P<gift>(?:a\s+)?(?:free\s+)?gifts?(?!\s+(?:sets?|cards?|box\w*|baskets?|wrap\w*|buyers?|"
    r"ideas?|guides?|shop\w*)))|"
    r"(?P<points>loyalty\s+points)|(?P<priority>priority\s+(?:service|shipping|delivery))"
)
PERK = re.compile(
    rf"(?:\b(?:with|plus|and|including|includes?|offering|offers?|giving|gives?)\s+|[&+]\s*|"
    rf"\ba\s+(?=free\s))(?:{_PERKS})\b"
)
# A perk as the offer policy names it (assistant.offer_settings.PERKS), and as a note says it.
PERK_NAMES = {
    "shipping": ("free shipping", "free shipping"),
    "returns": ("free returns", "free returns"),
    "sample": ("free sample", "a free sample"),
    "gift": ("gift", "a free gift"),
    "points": ("loyalty points", "loyalty points"),
    "priority": ("priority service", "priority service"),
}
# An apology asked of an offer ("a 10% apology offer", "say sorry for the late delivery"): the
# draft is written from the customer's facts alone, not told what went wrong, so it is no
# apology; said, where the draft would otherwise read as the one asked for.
# So is one asked after a complaint ("00042 complained about a late delivery, what offer can we
# give them", "their order arrived damaged").
APOLOGY = re.compile(
    r"\b(?:apolog\w*|sorry|make\s+(?:it\s+)?up\s+(?:to|for)|make\s+amends|complain\w*|"
    r"arrived\s+(?:damaged|broken|late)|(?:late|delayed|lost|damaged|wrong)\s+(?:deliver(?:y|ies)|"
    r"orders?|parcels?|packages?|shipments?|items?))\b"
)
# ... but not one waved off: "no apology needed", "don't say sorry", "no need to apologise".
NO_APOLOGY = re.compile(
    r"\b(?:no|not|without|never)\s+(?:an?\s+|any\s+)?(?:apolog\w*|sorry)\b|"
    r"\b(?:dont|don't|do\s+not|no\s+need\s+to|needn't)\s+(?:say\s+|be\s+)?(?:apolog\w*|sorry)\b|"
    r"\bapolog\w*\s+(?:is\s+)?(?:not\s+|un)(?:needed|necessary|required)\b"
)
APOLOGY_NOTE = (
    "The offer is written from the customer's orders and reviews alone and is not worded as "
    "an apology; add your own words about what went wrong before sending it."
)
PERK_FIELD = "perk_note_"  # the note's placeholder: Route.note words it from the offer made
PERIOD = frozenset({"days", "since", "until", "month", "quarter", "year"})  # one sets it
WHOLE_STORE = frozenset({"list_segments", "customer_profile"})  # a segment named limits nothing
CUSTOMER_LISTS = frozenset({"top_customers", "at_risk_customers", "similar_customers"})
LEFT_OUT_WORDS = {"customer_id": "customer"}  # an argument's name as a note says it
BOUNDS = ("min_revenue", "min_orders", "max_revenue", "max_orders")  # floors and ceilings
AVERAGE_ORDER = ("min_average_order", "max_average_order")  # what they spend per order
LAPSE = ("quiet_days", "no_order_since")  # how long customers have not ordered (lapses.py)
# A year a forecast is asked for ("what will sales be in 1999?"): the forecast takes days
# ahead of the data's end, not a year, so the answer says what it covered.
YEAR_AHEAD = re.compile(
    r"\b(?:in|for|during|throughout|of)\s+(?:the\s+year\s+)?(?P<year>(?:19|20)\d\d)\b(?![-/]\d)"
    r"|\b(?P<named>(?:19|20)\d\d)(?:'s)?\s+(?:sales|revenue|demand|orders|forecast)\b"
)
# A month or quarter asked of the forecast the same way ("forecast for december 2025", "what
# will we sell in july 1998?", "forecast for q3"): no more its own than a year is.
_MONTHS = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
MONTH_AHEAD = re.compile(
    rf"\b(?:in|for|during|throughout|of)\s+(?:the\s+month\s+of\s+)?(?P<span>(?:{_MONTHS})"
    r"(?:\s+(?:19|20)\d\d)?|q[1-4](?:\s+(?:19|20)\d\d)?|(?:19|20)\d\d-(?:0?[1-9]|1[0-2])"
    r"|(?:19|20)\d\d-?q[1-4])\b"
)
NO_TOPIC_TOOLS = frozenset({"review_sentiment"})  # reviews summed up, of no topic
REVIEW_TOOLS = frozenset({"review_sentiment", "search_reviews"})
# One month, quarter, week or day to ask about instead of all of them ("complaints in March 1998").
EXAMPLE_SPAN = {
    "month": "March 1998",
    "quarter": "Q1 1998",
    "week": "the last 7 days",
    "day": "the last day",
}
# Spend bounds read that no tool applies (spend_words.unapplied), and what can be asked.
UNAPPLIED_SPEND = {
    "ahead": (
        "What customers will spend is predicted, not bounded, so the amount asked is not "
        'applied; what they spent so far can be bounded (e.g. "customers who spent under 50").'
    ),
    "per_order": (
        "The amount per order is not applied as asked; ask for customers' average order "
        'instead (e.g. "customers whose average order is under 30").'
    ),
    "sales": (
        "This answer takes no bound on sales or revenue, so it is not limited to the amount "
        'asked; the top customers list takes one on what customers spent (e.g. "customers who '
        'spent over 1,000").'
    ),
}


def notes(tool: ToolSignature, x: Extraction, text: str, values: Mapping[str, Any]) -> str:
    """Every note on what `tool`, called with `values`, does not do as the message asked."""
    names = set(tool.arg_names)
    said = (
        _lapse_read(tool, x),
        _not_left_out(x, names, values, tool.name in CUSTOMER_LISTS),
        _one_customer(tool, x, values),
        one_segment(tool, x, text, values),
        _no_segment(tool, x),
        _money_off(tool, x, text, values),
        _perk(tool, text),
        APOLOGY_NOTE if tool.name == "draft_offer" and _apology_asked(text) else "",
        _highest_first(tool, text),
        _no_period(tool, x),
        _not_compared(tool, x, text, values),
        _floors_left(tool, x, values),
        _no_lapse(tool, x, values),
        risk_bounds.unapplied(x.floors, names),
        _year_ahead(tool, text),
        _no_topic(tool, x, values),
        review_count_note(tool, x, values),
        _reviews_per_unit(tool, x, values),
        _how_often(tool, text, values),
        _buying_horizon(tool, x, values),
    )
    return " ".join(note for note in said if note)


def _buying_horizon(tool: ToolSignature, x: Extraction, values: Mapping[str, Any]) -> str:
    """A horizon asked of the likeliest buyers ("who will buy in the next 30 days"): their
    chance to buy is scored for the model's horizon alone (`${churn_days}`, filled in by
    Route.note), said so; the answer names it too."""
    if tool.name != "at_risk_customers" or values.get("by") != "purchase":
        return ""
    if x.horizon_days is None:
        return ""
    return "Chances to buy are scored for one horizon, the model's: the next ${churn_days} days."


def _how_often(tool: ToolSignature, text: str, values: Mapping[str, Any]) -> str:
    """How often customers buy, asked of the top customers ("which customers buy every
    week"): no list filters on it, so they are ranked by their orders, and said so."""
    if tool.name != "top_customers" or values.get("by") != "orders":
        return ""
    if not sales_words.HOW_OFTEN.search(text):
        return ""
    return (
        "Customers are not filtered by how often they order, so this ranks them by their "
        'number of orders, the most frequent first; "what\'s the median time between orders" '
        "gives the store's rhythm."
    )


def _not_left_out(
    x: Extraction, names: set[str], values: Mapping[str, Any], listed: bool = False
) -> str:
    """What the message asked to leave out that the answer still holds ("I can't leave out
    one segment ('loyal'), so this covers every segment."); a customer left out of a list of
    customers (`listed`) may be on it."""
    unfiltered = [(n, v) for n, v in x.excluded if _still_in(n, v, names, values, listed)]
    return " ".join(
        f"I can't leave out one {LEFT_OUT_WORDS.get(name, name)} ('{value}'), so "
        + (
            "the list may include them."
            if name == "customer_id" and listed
            else "the list may include customers who bought it too."
            if name == "category" and "category" in values
            else f"this covers every {LEFT_OUT_WORDS.get(name, name)}."
        )
        for name, value in dict(unfiltered).items()
    )


def _still_in(
    name: str, value: str, names: set[str], values: Mapping[str, Any], listed: bool = False
) -> bool:
    """True when what was left out is still in the answer. No tool leaves a customer out, so
    one left out ("top customers excluding 07592") is in any answer but the one about another
    customer; nor a category: one left out is in any answer not limited to another, and a
    list of another's buyers (`listed`: "who bought coffee but not tea") may hold its buyers;
    a segment or sentiment left out matters only to a tool that filters by it."""
    if name == "customer_id":
        return values.get(name) != value
    if name == "category":
        return "category" not in values or listed
    return name in names and name not in values


def _one_customer(tool: ToolSignature, x: Extraction, values: Mapping[str, Any]) -> str:
    """Which customer the answer is about when the message names several ("customers 42 and
    77"): the tools take one at a time."""
    used = values.get("customer_id")
    others = [c for c in x.customer_ids if c != used]
    if used is None or not others or "customer_id" not in tool.arg_names:
        return ""
    skipped = " or ".join(others)
    return f"This answer is about customer {used} only; ask about {skipped} on its own."


def _no_segment(tool: ToolSignature, x: Extraction) -> str:
    """A segment named to a tool that cannot be limited to one ("alerts for the lost
    segment"): the answer covers every segment, said so. Not for the segment list (it shows
    them all) nor a customer's profile (a customer is in one segment; naming it limits
    nothing)."""
    if x.segment is None or "segment" in tool.arg_names or tool.name in WHOLE_STORE:
        return ""
    return f"This cannot be limited to one segment ('{x.segment}'); it covers every segment."


def _money_off(tool: ToolSignature, x: Extraction, text: str, values: Mapping[str, Any]) -> str:
    """What an offer asked for as money off ("a $15 off offer") gets: offers take a percentage,
    so the policy's default, which only the tool knows (the route fills it in: Route.note)."""
    offer = "discount_pct" in tool.arg_names and "discount_pct" not in values
    if not offer or x.amount is None or not MONEY_OFF.search(text):
        return ""
    # The example is no conversion of the amount: what $15 is in percent depends on the order.
    return (
        "Offers take a percentage off, not an amount, so this one has the policy's default of "
        '${discount_pct}% off; ask for e.g. "a 10% offer" to choose.'
    )


def _perk(tool: ToolSignature, text: str) -> str:
    """A perk asked of an offer ("with 20% off and free shipping"): a placeholder, as the
    note depends on the offer made (perk_note), which only the tool knows."""
    asked = PERK.search(text)
    if "discount_pct" not in tool.arg_names or asked is None:
        return ""
    kind = next(name for name, value in asked.groupdict().items() if value)
    return "${" + PERK_FIELD + kind + "}"


def perk_note(kind: str, granted: Collection[str]) -> str:
    """The note on a perk of `kind` (PERK_NAMES) asked of an offer that carries the perks
    `granted` (the offer policy's): none when the perk is among them."""
    name, said = PERK_NAMES[kind]
    if name in granted:
        return ""
    saying = dict(PERK_NAMES.values())
    carried = " and ".join(saying.get(perk, perk) for perk in granted) or "none"
    return (
        f"An offer can't be given {said} as asked: it takes a percentage off and carries only "
        f"the perks the store's offer policy sets (here {carried}; an admin sets them with "
        "RETAIN_OFFER_PERKS)."
    )


def _highest_first(tool: ToolSignature, text: str) -> str:
    """What a list of customers asked from the bottom ("least likely to churn") gets: the
    highest first, said so."""
    by = tool.arg("by")
    if by is None or "churn_risk" not in by.choices or not LOWEST.search(text):
        return ""
    if from_the_top(text):  # "least likely to churn": the likeliest buyers, from the top
        return ""
    return "The list ranks customers from the highest down; it cannot start from the lowest."


def _no_period(tool: ToolSignature, x: Extraction) -> str:
    """A past period asked of a tool that has none ("best customers last year"): the answer is
    as of the latest data, said so. Not for "this quarter" (to date: also a horizon ahead) or
    "today", nor for a tool that reads "last month" as a horizon."""
    asked = [x.since, x.month, x.quarter, x.year]
    # "today" is often just now ("who should we call today?"), no period.
    dated = any(v is not None and not v.endswith("_start") and v != "today" for v in asked)
    if not dated or PERIOD & set(tool.arg_names) or "horizon_days" in tool.arg_names:
        return ""
    return "This answer cannot be limited to the period asked; it is as of the latest data."


def _not_compared(tool: ToolSignature, x: Extraction, text: str, values: Mapping[str, Any]) -> str:
    """A second period asked of a tool that sets none beside the first ("reviews in 1997 vs
    1998"): only sales totals are compared; the answer is for the period asked alone. So is
    it for a second period the sales totals cannot be set beside ("H1 1998 vs the first half
    of 1997"), whose change on the days just before would read as the comparison asked, and
    for customers ranked with no change asked ("top customers in 1998 vs 1997")."""
    other = x.compare_to or uncompared(text)
    if tool.name == "top_customers" and x.compare_to is not None and "compare_to" not in values:
        return (
            f"This answer is for the period asked alone, without {other}: customers are set "
            'beside another period by how their buying changed ("who spent less in 1998 than '
            f'in 1997"); ask that way to rank them by the change from {other}.'
        )
    if other is None or (x.compare_to is not None and "compare_to" in tool.arg_names):
        return ""
    if "compare_to" not in tool.arg_names:
        return (
            f"Only sales totals are set beside another period, so this answer leaves out "
            f"{other}; ask about it on its own."
        )
    return (
        f"This answer is for the period asked alone: sales are set beside a year, a quarter or "
        f"a month, not {other}, so any change it gives is on the days just before; ask about "
        f"{other} on its own to set the two side by side."
    )


def _no_topic(tool: ToolSignature, x: Extraction, values: Mapping[str, Any]) -> str:
    """A review topic asked of the sentiment summary that it does not count reviews by (a
    long phrase: review_topic.py): the answer covers the reviews it was given, not only those
    about the topic, said so, with the search that takes it. Not for a text to analyse, nor
    a topic as wide as the store ("about our products") or the categories asked."""
    topic = own_topic(x, values)
    if tool.name not in NO_TOPIC_TOOLS or topic is None or "about" in values:
        return ""
    return (
        f"The sentiment summary counts reviews by a few words they mention, so this covers all "
        f"the reviews asked about, not only those about '{topic}'; to read those, ask e.g. "
        f'"reviews about {topic}".'
    )


def _floors_left(tool: ToolSignature, x: Extraction, values: Mapping[str, Any]) -> str:
    """A bound asked that the answer does not apply: one no tool applies ("under $30 per
    order", "products with sales over $1,000"), a spend bound in another currency than the
    store's (no exchange rate is known), or any bound asked of a tool that takes none
    ("segments of customers who spent over $500")."""
    if x.unapplied_spend:
        return UNAPPLIED_SPEND[x.unapplied_spend]
    takes = set(BOUNDS) & set(tool.arg_names)
    spend = {"floor": x.min_revenue, "ceiling": x.max_revenue}
    if x.currency is not None and takes and any(v is not None for v in spend.values()):
        left = " and ".join(
            f"{word} of {x.currency}{value:,.2f}"
            for word, value in spend.items()
            if value is not None
        )
        verb = "is" if " and " not in left else "are"
        return (
            f"Spend is counted in the store's currency and no exchange rate is known, so the "
            f"{left} {verb} not applied; ask in the store's currency."
        )
    per_order = [getattr(x, name) for name in AVERAGE_ORDER]
    if any(v is not None for v in per_order) and not set(AVERAGE_ORDER) & set(tool.arg_names):
        return (
            "This answer cannot be limited by what customers spend per order; the top "
            'customers and at-risk lists can (e.g. "customers whose average order is over 50").'
        )
    if takes or all(getattr(x, name) is None for name in BOUNDS):
        return ""
    return (
        "This answer cannot be limited to customers over or under a spend or an order count; "
        'the top customers list can (e.g. "customers who spent over 1,000").'
    )


def _lapse_read(tool: ToolSignature, x: Extraction) -> str:
    """How the words for how long customers have not ordered were read ("since 1997" as no
    order after 1997-12-31, "1.5 years" as 547 days), or that a count was not read: said
    where the tool takes the lapse (elsewhere _no_lapse says it is not applied)."""
    return x.lapse.note if set(LAPSE) & set(tool.arg_names) else ""


def _no_lapse(tool: ToolSignature, x: Extraction, values: Mapping[str, Any]) -> str:
    """How long customers have not ordered, asked of a tool that cannot be limited to it
    ("customers' tea sales since March"): only the at-risk list takes it. Not for what
    stopped selling, whose period it is ("products not sold since March": args.py)."""
    if not x.lapse.asked or set(LAPSE) & set(tool.arg_names):
        return ""
    if values.get("trend") == "stopped" and PERIOD & set(values):
        return ""
    return (
        "This answer cannot be limited to customers who have not ordered for a while; the "
        'at-risk list can (e.g. "customers who haven\'t ordered in 90 days").'
    )


def _year_ahead(tool: ToolSignature, text: str) -> str:
    """A year, month or quarter asked of the forecast ("what will sales be in 1999?", "forecast
    for december 2025"): it runs from the day
    after the data ends for a number of days, so the answer is not that year's, said so; the
    days it covered are the result's (`${horizon_days}`, filled in by Route.note)."""
    if "horizon_days" not in tool.arg_names:
        return ""
    asked = YEAR_AHEAD.search(text)
    month = None if asked is not None else MONTH_AHEAD.search(text)
    if asked is None and month is None:
        return ""
    if asked is not None:
        span = asked.group("year") or asked.group("named")
    else:
        assert month is not None
        written = month.group("span")  # "1999-01" and "1998-q3" as written, Q upper case
        words = (word.capitalize() for word in written.split())
        span = written.upper() if written[0].isdigit() else " ".join(words)
    return (
        "The forecast runs from the day after the data ends for ${horizon_days} days; it does "
        f'not forecast {span} on its own. Ask for the days ahead instead (e.g. "sales in the '
        'next 365 days", at most 730).'
    )


def _apology_asked(text: str) -> bool:
    """True where an offer is asked to apologise, not told not to."""
    return bool(APOLOGY.search(text)) and not NO_APOLOGY.search(text)


def _reviews_per_unit(tool: ToolSignature, x: Extraction, values: Mapping[str, Any]) -> str:
    """Reviews asked per month or quarter ("which month had the most complaints"): no tool
    counts them so, so the answer covers the whole period asked, said so, with what can be
    asked instead."""
    if tool.name not in REVIEW_TOOLS or x.per_unit is None or values.get("per") == x.per_unit:
        return ""
    unit = x.per_unit
    if unit not in EXAMPLE_SPAN:  # weekdays: no one of them can be asked alone
        return (
            "Reviews are not counted by weekday, so this covers every review in the period asked."
        )
    return (
        f"Reviews are not counted {unit} by {unit}, so this covers every review in the period "
        f'asked; ask about one {unit} at a time (e.g. "complaints in {EXAMPLE_SPAN[unit]}").'
    )
