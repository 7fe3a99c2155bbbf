"""A chosen tool's arguments: what the message said, completed from the conversation.

Explicit values always win. Required arguments the message leaves out come from memory (a
profile question, then "draft an offer" means that customer); optional ones only when the
message points back ("her reviews"), so "reviews about tea" stays store-wide; neither when
the message names a target of its own that no finder read ("everyone", "cluster 2"). A value the
message leaves out ("except loyal ones") is never an argument, whatever the conversation
held: the tools cannot filter one out, so the answer covers them all and `reason` says so.
`reason` also notes the other things asked that a tool cannot do as asked (arg_notes.py).
Another list asked of the customers just listed ("which of them are likely to churn?") keeps
their bounds on spend and orders (their_bounds.py); "how many of them ..." counts within them
(ranked_again.share_of), and so does the same count in another period ("and in 1998?").
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from assistant.routing import (
    figures_asked,
    lost_customers,
    newcomers,
    predictions_asked,
    profile_parts,
    ranked_again,
    review_rankings,
    sales_order,
    sales_words,
    their_bounds,
    trends,
)
from assistant.routing.arg_notes import AVERAGE_ORDER, BOUNDS, LAPSE, PERIOD, notes
from assistant.routing.compared_categories import compared
from assistant.routing.compared_periods import YEAR_EARLIER
from assistant.routing.complaint_counts import without_review_count
from assistant.routing.extract import Extraction
from assistant.routing.followup import is_bare, points_back, points_to_product, refines
from assistant.routing.lapses import Lapse
from assistant.routing.memory import Memory
from assistant.routing.quantities import BACK
from assistant.routing.review_topic import summed_topic
from assistant.routing.segment_notes import named_segments
from assistant.routing.shares import asks_list, asks_share
from assistant.routing.signatures import ToolSignature
from assistant.routing.targets import unread_reason

LOOKS_BACK = re.compile(rf"\b(?:{BACK}|recent|ago|this)\b")
SUBJECTS = ("customer_id", "segment", "product_id")
YEARLESS = re.compile(r"\d{1,2}|[qQ][1-4]")
DATED = re.compile(r"(?P<year>\d{4})-(?:\d{1,2}|[qQ][1-4])")  # "1997-03", "1997-Q1"
# The tools whose `category` takes several, separated by commas ("tea or coffee": the sales and
# review tools take what either holds, the forecast sets them side by side): all that take one.
SEVERAL_CATEGORIES = frozenset(
    {"forecast_demand", "top_products", "top_customers", "search_reviews", "review_sentiment"}
)
# The tools that set several categories side by side (per category) when they are compared.
SIDE_BY_SIDE = frozenset({"top_products"})
# What a period's growth is measured against, by how the period was asked.
GROWTH_AGAINST = {"month": "month before", "quarter": "quarter before", "year": YEAR_EARLIER}
ARG_WORDS = {"customer_id": "a customer id", "segment": "a segment", "budget": "a budget amount"}


@dataclass(frozen=True)
class Arguments:
    """A tool's arguments, the required ones still missing, and a sentence saying which."""

    values: dict[str, Any]
    missing: tuple[str, ...] = ()
    reason: str = ""


def explicit(tool: ToolSignature, x: Extraction, text: str, memory: Memory) -> dict[str, Any]:
    """The arguments of `tool` the message itself gives (list positions read from memory)."""
    names = set(tool.arg_names)
    found: dict[str, Any] = {}
    customer, product = x.customer_id, x.product_id
    if x.position is not None and customer is None and product is None:
        # A place in the last list: its customer, else (a list of products) its product.
        customer = memory.listed(x.position)
        product = None if customer is not None else memory.listed_product(x.position)
    if customer is not None and "customer_id" in names:
        found["customer_id"] = customer
    if x.alert_id is not None and "alert_id" in names:
        found["alert_id"] = x.alert_id
    if product is not None and "product_id" in names:
        found["product_id"] = product
    segment = _segment(tool, x, text)
    if segment is not None and "segment" in names:
        found["segment"] = segment
    if x.count is not None:
        for name in ("limit", "k"):
            if name in names:
                found[name] = x.count
    if x.offset is not None and "offset" in names:
        found["offset"] = x.offset
    for name in ("min_rating", "max_rating"):
        if getattr(x, name) is not None and name in names:
            found[name] = getattr(x, name)
    if x.amount is not None and "budget" in names:
        found["budget"] = x.amount
        if x.currency is not None and "currency" in names:
            found["currency"] = x.currency
    # A spend bound in another currency than the store's is not applied: no rate is known.
    for name in BOUNDS:
        value = getattr(x, name)
        if value is not None and name in names and (x.currency is None or "orders" in name):
            found[name] = value
    for name in AVERAGE_ORDER:  # "average order over $50"
        if getattr(x, name) is not None and name in names:
            found[name] = getattr(x, name)
    for name in LAPSE:
        if getattr(x.lapse, name) is not None and name in names:
            found[name] = getattr(x.lapse, name)
    for name, value in vars(x.floors).items():  # "churn risk above 90%" (risk_bounds.py)
        if value is not None and name in names:
            found[name] = value
    if x.percent is not None:
        for name in ("discount_pct", "max_discount_pct"):
            if name in names:
                found[name] = x.percent
    # "until" alone ("before March 1998") ends the whole history; beside since, it ends since's.
    calendar = {"since": x.since, "until": x.until, "month": x.month, "quarter": x.quarter,
                "year": x.year}  # fmt: skip
    dated = next((k for k, v in calendar.items() if v is not None and k in names), None)
    if dated is not None:  # a period by the calendar: no `days` beside it
        found[dated] = calendar[dated]
        if dated == "since" and x.until is not None and "until" in names:
            found["until"] = x.until
        if dated in ("month", "quarter") and x.year is not None and "year" in names:
            found["year"] = x.year  # "Q1 of last year": the year Q1 is in
    elif x.horizon_days is not None:
        if "horizon_days" in names:  # ahead, for a forecast
            found["horizon_days"] = x.horizon_days
        # Back, for sales or reviews, only where the message looks back: "complaints about
        # 2 day shipping" asks about a topic, "reviews of the last 2 days" about a period.
        if "days" in names and LOOKS_BACK.search(text):
            found["days"] = x.horizon_days
    if x.compare_to is not None and "compare_to" in names:
        found["compare_to"] = x.compare_to
    periods = x.compare_to is not None
    moved = trends.trend(text, periods) if "trend" in names and not x.product_ids else None
    # "and declining?" after a trend: the other direction of the same ranking
    ranks = trends.ranked(text) or (bool(memory.args.get("trend")) and refines(text))
    ranks = ranks or tool.name == "top_customers"  # customers are what it ranks, said or not
    ranks = ranks or moved == "stopped"  # what stopped is a ranking, never the totals
    if moved is not None and x.per_unit is None and ranks:
        found["trend"] = moved  # "which products are declining"
        if trends.of_categories(text) or len(x.categories) > 1:  # "tea or coffee": each
            found["per"] = "category"
    elif moved is not None and "compare_to" in names and "compare_to" not in found:
        # "is revenue growing?": the totals against the days before; "q2 1998 growth" against
        # the quarter before it; "growth in 1998" (a year the orders may end inside) against
        # the same days a year earlier.
        found["compare_to"] = next(
            (against for unit, against in GROWTH_AGAINST.items() if unit in found), "before"
        )
        if found.get("since") == "year_start":  # this year to date: the same days last year
            found["compare_to"] = YEAR_EARLIER
    if x.not_ordered and tool.name == "top_customers":
        found["trend"] = "stopped"  # "customers who ordered in 1997 but not in 1998"
    lost = lost_customers.asked(text) and bool(PERIOD & set(found))
    if lost and tool.name == "top_customers" and "trend" not in found:
        # "how many customers did we lose last quarter": who ordered the quarter before and
        # not in it
        found["trend"] = "stopped"
        found.setdefault("compare_to", lost_customers.against(found))
    if x.returned and tool.name == "top_customers":
        found["trend"] = "returned"  # "customers who ordered in 1997 and in 1998"
    elif tool.name == "top_customers" and "trend" not in found and trends.CAME_BACK.search(text):
        found["trend"] = "returned"  # "who are the customers that came back": of late
    if found.get("trend") == "stopped" and tool.name == "top_products":
        found |= stopped_since(x.lapse, found)
    if tool.name == "top_customers" and "trend" not in found:
        # Customers are set beside another period only as a change of what they did ("who
        # spent less in 1998 than in 1997"); the note says the other period was left out.
        found.pop("compare_to", None)
    end = sales_order.order(text, memory.args.get("order")) if "order" in names else None
    if end is not None and "trend" not in found:  # "worst sellers": the ranking's bottom
        found["order"] = end
    by = tool.arg("by")
    if by is not None and x.by_category and "category" in by.choices:
        found["by"] = "category"
    elif by is not None and x.by_cluster and "cluster" in by.choices:
        found["by"] = "cluster"
    elif by is not None and x.measure in by.choices:
        found["by"] = x.measure
    elif by is not None and x.ranking in by.choices:
        found["by"] = x.ranking
    often = sales_words.HOW_OFTEN.search(text) and tool.name == "top_customers"
    if often and by is not None and "by" not in found:
        found["by"] = "orders"  # "which customers buy every week": the most frequent first
    per = tool.arg("per")
    by_unit = per is not None and x.per_unit in per.choices  # "best month in 1997"
    if by_unit:
        found["per"] = x.per_unit
        counted = sales_words.counted_measure(text)  # "how many orders per week"
        if by is not None and "by" not in found and counted in by.choices:
            found["by"] = counted
    several = bool(x.categories) and tool.name in SEVERAL_CATEGORIES
    joined = ", ".join(x.categories)  # "tea or coffee": both, as "Tea, Coffee"
    # "tea vs coffee sales", "which category sold more, tea or coffee?": side by side; not
    # "tea and coffee sales in 1998 vs 1997", which sets the years against each other.
    against = x.per_category or (compared(text) and x.compare_to is None)
    if several and tool.name in SIDE_BY_SIDE and not by_unit and against:
        found["per"], found["category"] = "category", joined
    elif x.per_category and "per" in names and not by_unit:
        found["per"] = "category"
    elif several:
        found["category"] = joined
    elif x.category is not None and "category" in names:
        found["category"] = x.category
    if tool.name == "review_sentiment":
        found |= review_rankings.ranked(text, found)
        if "min_reviews" in found and found.get("k") == found["min_reviews"]:
            found.pop("k")  # "with at least 2 reviews" is no page of 2
        found = without_review_count(text, found)
    if x.product_name is not None and "product_id" not in found:
        # A tool without product names takes the words as a category, which it names when
        # the store has none of them.
        named = "product_name" if "product_name" in names else "category"
        if named in names and named not in found:
            found[named] = x.product_name
    if x.channel is not None and "channel" in names:
        found["channel"] = x.channel
    if x.sentiment is not None and "sentiment" in names:
        found["sentiment"] = x.sentiment
    if x.alert_state is not None and "state" in names:
        found["state"] = x.alert_state
    if x.topic is not None and "query" in names:
        found["query"] = x.topic
    elif "about" in names and (about := summed_topic(x, found)) is not None:
        found["about"] = about  # "sentiment of earl grey reviews": those that mention it
    if x.quoted is not None and "text" in names:
        found["text"] = x.quoted
    if tool.name == "store_metrics":  # the figure it opens with (figures_asked.py)
        found = figures_asked.with_figure(text, x, found)
    if tool.name == "top_customers":  # the newest, or a period's new customers (newcomers.py)
        found = newcomers.asked(text, x, found)
    lead = tool.arg("lead")
    if tool.name == "at_risk_customers" and figures_asked.asks_total_at_risk(text):
        found["lead"] = "total"  # "what is the total value at risk": the sum first
    elif tool.name == "at_risk_customers" and predictions_asked.asks_worth(text, x):
        found["lead"] = "value"  # "what are our customers worth": the sum first
        found.setdefault("by", "clv")  # then who holds most of it
    elif lead is not None and "share" in lead.choices and "trend" not in found:
        # "how many customers ...": the figure first (shares.py); a trend's answer opens with
        # how many moved, and takes no share beside it
        if asks_share(text):
            found["lead"] = "share"
        elif memory.args.get("lead") == "share" and asks_list(text):
            found["lead"] = "list"  # "who are they?" after a figure: the list, not it again
    return found


def stopped_since(lapse: Lapse, found: Mapping[str, Any]) -> dict[str, Any]:
    """The period of a lapse asked of products ("not sold since march", "what stopped selling
    this quarter", "products not sold in the last 90 days"): the days in which they did not
    sell, for trend stopped; {} when a period is given or the lapse has no such form."""
    if PERIOD & set(found):
        return {}
    if lapse.no_order_since is not None and lapse.no_order_since not in ("today", "yesterday"):
        return {"since": lapse.no_order_since}
    if lapse.quiet_days is not None:
        return {"days": lapse.quiet_days}
    return {}


def _segment(tool: ToolSignature, x: Extraction, text: str) -> str | None:
    named = named_segments(tool, x, text)
    return named[0] if named else None


def build(
    tool: ToolSignature,
    x: Extraction,
    text: str,
    memory: Memory,
    carried: Mapping[str, Any] | None = None,
) -> Arguments:
    """The arguments for `tool`, completed from memory, and what is still missing. `carried`
    are the last call's arguments when the message repeats it with a change ("same for
    champions"): the message's own values replace them."""
    given = explicit(tool, x, text, memory)
    if tool.name == "customer_profile":  # "their orders?": what the answer opens with, read
        given |= profile_parts.asked_part(text)  # here: no change of the call ("her reviews")
    kept = dict(carried or {})
    # "any reviews?" after a profile asks about that customer as "her reviews?" does: a bare
    # follow-up ("any ...", "and ...", filler alone) points back to the one customer or
    # product talked of.
    bare = memory.subject in ("customer", "product") and is_bare(x.remainder)
    back = points_back(text) or bare
    # A target of its own ("everyone", "cluster 2") that no finder read: the conversation's
    # customer or segment is not the one asked about ("everyone in that segment" points back).
    own = x.unread is not None and not back
    if own:
        kept = {k: v for k, v in kept.items() if k not in SUBJECTS}
    if PERIOD & set(given):  # a new period replaces the last one whole: "now since January"
        # but for the year a month or quarter without one is in: "in 1997", then "and Q2?"
        in_year = "year" not in given and _without_year(given.get("month") or given.get("quarter"))
        if in_year:  # "Q1 1997", then "and Q2?": Q2 of 1997, as "in 1997" then "and Q2?" is
            given = _dated_as(given, kept.get("month") or kept.get("quarter"))
        kept = {k: v for k, v in kept.items() if k not in PERIOD or (k == "year" and in_year)}
    # Set beside another period ("... year over year") the totals are compared, which a
    # ranking of what moved is not: one replaces the other ("and growing?" keeps the trend).
    if "compare_to" in given:
        kept.pop("trend", None)
    if "trend" in given:
        kept.pop("compare_to", None)
    if "text" in given:  # "score this text: ...": the text alone, whatever was asked before
        kept = {}
    # "which of them are likely to churn?": the customers just listed, within their bounds.
    theirs = their_bounds.of_them(tool, memory, given) if back and not own else {}
    values = {**theirs, **kept, **given}
    names = set(tool.arg_names)
    has_subject = any(n in values for n in SUBJECTS)
    needs_subject = bool(tool.one_of) or bool(set(tool.required) & set(SUBJECTS))
    if not own:
        if not has_subject and (back or needs_subject):
            product = points_to_product(text) or (bare and memory.subject == "product")
            values |= _from_memory(tool, memory, back, product)
        if "customer_id" in tool.required and "customer_id" not in values and memory.customer_id:
            values["customer_id"] = memory.customer_id
        if "segment" in tool.required and "segment" not in values and memory.segment:
            values["segment"] = memory.segment
    values = {k: v for k, v in values.items() if k in names and (k, v) not in x.excluded}
    replaced = ""  # a bound of "them" the message replaces: the share is of everyone, said
    if "share_of" in names:
        # "How many of them ...": of the last list. The last call's own is not carried: it
        # said who "they" were then ("how many customers ..." next counts everyone).
        if values.get("share_of") == memory.args.get("share_of"):
            values.pop("share_of", None)
        base = ranked_again.share_of(text, carried or {}, given)
        if base is None:  # "and in 1998?": the same count, of the same bounds, then
            base = ranked_again.share_in_new_period(carried or {}, given)
        if base is not None and memory.tool == tool.name:
            values["share_of"] = base
        if memory.tool == tool.name:
            replaced = ranked_again.replaced_note(text, carried or {}, given)
    missing = tuple(n for n in tool.required if n not in values)
    needs = f"{tool.name} needs {_words(missing, 'and')}"
    if tool.one_of and not any(n in values for n in tool.one_of):
        missing += tuple(n for n in tool.one_of if n not in missing)
        needs = f"{tool.name} needs {_words(tool.one_of, 'or')}"
    if missing and own and x.unread is not None:
        needs = f"{needs}. {unread_reason(x.unread, tool.name)}"
    if missing:
        return Arguments(values, missing, needs)
    said = (
        notes(tool, x, text, values),
        their_bounds.to_date_note(tool, memory, theirs, values),
        replaced,
    )
    return Arguments(values, reason=" ".join(note for note in said if note))


def _dated_as(given: dict[str, Any], last: object) -> dict[str, Any]:
    """`given`'s month or quarter written without its year, in the year of the `last` one
    when that had one ("1997-Q1"); `given` as it is otherwise."""
    found = DATED.fullmatch(last) if isinstance(last, str) else None
    if found is None:
        return given
    year = found.group("year")
    return {
        k: f"{year}-{v.upper() if k == 'quarter' else v.zfill(2)}"
        if k in ("month", "quarter") and _without_year(v)
        else v
        for k, v in given.items()
    }


def _without_year(value: object) -> bool:
    """True for a month or quarter as written without its year ("03", "Q2"), not "last"."""
    return isinstance(value, str) and bool(YEARLESS.fullmatch(value))


def _words(names: tuple[str, ...], joiner: str) -> str:
    return f" {joiner} ".join(ARG_WORDS.get(name, name) for name in names)


def _from_memory(tool: ToolSignature, memory: Memory, back: bool, product: bool) -> dict[str, Any]:
    """The subject of the last turn, as an argument `tool` takes."""
    names = set(tool.arg_names)
    last_segment = memory.args.get("segment") or (
        memory.segment if memory.subject == "segment" else None
    )
    if product and memory.product_id and "product_id" in names and memory.subject == "product":
        return {"product_id": memory.product_id}
    if memory.subject == "customer" and memory.customer_id and "customer_id" in names:
        return {"customer_id": memory.customer_id}
    if memory.subject in ("segment", "customers") and last_segment and "segment" in names:
        return {"segment": last_segment}
    if memory.customer_id and "customer_id" in names:
        return {"customer_id": memory.customer_id}
    if back and memory.product_id and "product_id" in names:
        return {"product_id": memory.product_id}
    return {}
