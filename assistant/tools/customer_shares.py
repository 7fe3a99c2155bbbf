"""How many customers top_customers' bounds keep, as a count and a share, when that is what was
asked ("what percentage of customers ordered only once?", "how many customers spent over
$100 in 1997?"): the argument that asks for it (`lead`, which the router reads) and the
sentence that then leads the answer, before the ranking.

The share's denominator is the customers who ordered in the period (of the segment, when one
is named; who bought the category or product, when one is): the customers the bounds were
applied to. Customers with no order in it have no spend or order count to bound, so counting
them would make "spent under $20" mean something else; the sentence names the denominator.

Asked of the customers just listed ("how many of them ordered more than 5 times?" after
"customers who spent over $500 in 1997"), the denominator is those within that list's bounds
(`share_of` names them; routing sets it): "404 of the 454 customers who ordered ... and spent
$500.01 or more (89.0%) placed 6 orders or more", not of everyone who ordered.
"""

from dataclasses import fields
from typing import Annotated, Any, Literal

from pydantic import Field

from assistant.tools.customer_totals import Bounds
from assistant.tools.format import count
from assistant.tools.top_customers_bounds import bounds, reached
from commerce.errors import InvalidInput

BOUND_NAMES = tuple(bound.name for bound in fields(Bounds))  # min_revenue, min_orders, ...

Lead = Annotated[
    Literal["list", "share"],
    Field(
        description="What the answer opens with: 'share' for how many customers are within "
        "the bounds and their share of those who ordered in the period ('what percentage of "
        "customers ordered only once?', 'how many customers spent over $100?'); 'list' for "
        "the ranking alone.",
    ),
]

ShareOf = Annotated[
    str | None,
    Field(
        min_length=1,
        max_length=60,
        description="With lead 'share': the bounds, by name and comma-separated, that made "
        "the customers the share is of ('min_revenue' for 'how many of them ordered more than "
        "5 times?' after 'customers who spent over $500'); the other bounds are counted within "
        "them. None: the share is of all who ordered in the period.",
    ),
]


def base_bounds(share_of: str | None, given: Bounds) -> Bounds | None:
    """The bounds `share_of` names, with their values in `given`: those the share is of; None
    for none named. InvalidInput for a name that is no bound, a bound not given, or every
    bound given (then nothing is counted within them)."""
    if share_of is None:
        return None
    names = [name.strip() for name in share_of.split(",")]
    unknown = [name for name in names if name not in BOUND_NAMES]
    if unknown:
        raise InvalidInput(
            f"share_of names {', '.join(repr(n) for n in unknown)}: it takes bounds by name, "
            f"comma-separated, of {', '.join(BOUND_NAMES)}"
        )
    unset = [name for name in names if getattr(given, name) is None]
    if unset:
        raise InvalidInput(
            f"share_of names {', '.join(unset)}, which {'is' if len(unset) == 1 else 'are'} "
            "not given: the share is of customers within bounds given"
        )
    if all(getattr(given, name) is None for name in BOUND_NAMES if name not in names):
        raise InvalidInput(
            "share_of names every bound given, so nothing is counted within them: leave it "
            "out for the share of all who ordered, or add the bound to count within them"
        )
    return Bounds(**{name: getattr(given, name) for name in names})


def names_of(given: Bounds) -> list[str]:
    """The names of the bounds `given` sets, in BOUND_NAMES' order."""
    return [name for name in BOUND_NAMES if getattr(given, name) is not None]


def share_of_customers(total: int, ordered: int) -> float | None:
    """Those within the bounds as a share of those who ordered, 4 places; None when nobody
    ordered (no share of nobody)."""
    return round(total / ordered, 4) if ordered else None


def share_words(total: int, ordered: int) -> str:
    """'54.8%', from the unrounded share; '<0.1%' for some that round to nothing (0.0% would
    read as nobody)."""
    share = total / ordered
    return "<0.1%" if total and share < 0.0005 else f"{share:.1%}"


def share_answer(
    symbol: str, result: dict[str, Any], where: str, bar: str, what: str | None, names: str
) -> str:
    """The count and share first ('12,926 of the 23,570 customers who ordered from 1997-01-01
    to 1997-12-31 (54.8%) placed exactly 1 order.'), then the top of them (`names`, ranked
    by `result["by"]`; "" for none). `where`: the period and segment; `bar`: the bounds as
    applied ("" for none: then the count alone); `what`: what customers are ranked by
    buying ("Tea"; None for all their orders)."""
    total, ordered, who = result["total"], result["ordered"], buyers_word(result)
    did = f"bought {what}" if what else "ordered"
    if not bar:
        return f"{count(ordered, who)} {did} {where}.{_top(names, result['by'])}"
    base = result.get("share_of")
    if base:  # of the last list: its bounds join who the share is of, the rest are counted
        within = {name: result[name] if name in base else None for name in BOUND_NAMES}
        outside = {name: None if name in base else result[name] for name in BOUND_NAMES}
        did_where = f"{did} {where} and {bounds(symbol, within, what)}"
        bar = bounds(symbol, outside, what)
        ordered = result["within_base"]
        if not ordered:
            return f"No {who} {bounds(symbol, within, what)} {where}, so none {bar}."
    else:
        did_where = f"{did} {where}"
    share = share_words(total, ordered)
    said = f"{total:,} of the {count(ordered, who)} who {did_where} ({share}) {bar}"
    if not total:
        return f"{said}: {reached(symbol, result, what)}."
    return f"{said}.{_top(names, result['by'])}"


def buyers_word(result: dict[str, Any]) -> str:
    """'customer', or 'new customer' / 'returning customer' for the period's new or returning
    customers only (top_customers' `buyers`)."""
    buyers = result.get("buyers", "all")
    return "customer" if buyers == "all" else f"{buyers} customer"


def _top(names: str, by: str) -> str:
    measure = {"revenue": "spend", "orders": "orders", "units": "units bought",
               "first_order": "first order"}[by]  # fmt: skip
    return f" The top by {measure}: {names}." if names else ""
