"""top_customers' answer in words, from its result: the period and whose orders, what they
are ranked by buying, the bounds applied and how many customers pass them (the bounds' words
are top_customers_bounds.py's), the first customers, and the first one's numbers; or why
there is nobody to rank. When how many was asked, the count and share lead instead
(customer_shares.py).

Every number comes from the result, which the tool computed.
"""

from typing import Any

from assistant.tools.categories import either_of
from assistant.tools.customer_shares import buyers_word, share_answer
from assistant.tools.format import chance, count, day, listing, money, revenue_share
from assistant.tools.paging import past_end, span
from assistant.tools.periods import Asked, Period, period_words
from assistant.tools.top_customers_bounds import bounds, left_out, reached
from predictors.segment_facts import empty_segment

NO_LINES_TO_RANK = (
    "This store has no order lines (order_items), so customers cannot be ranked by what they "
    "bought of one category or product; ask without one to rank them by all their orders."
)
MEASURE_WORDS = {
    "revenue": "spend",
    "orders": "orders",
    "units": "units bought",
    "first_order": "first order",
    "largest_order": "largest single order",
    "average_order": "average order",
}
# Who the period's new and returning customers are, said after the answer that keeps them.
BUYERS_MEANT = {
    "new": " New customers: their first order ever was in the period.",
    "returning": " Returning customers: they had ordered before the period.",
}


def scope(when: Period, asked: Asked, name: str | None, members: "frozenset[str] | None") -> str:
    """The period and whose orders, as the answer says them."""
    period = period_words(when, asked.dated) if asked.given() else f"to {day(when.end)}"
    who = f" among the {count(len(members), 'customer')} in '{name}'" if members is not None else ""
    return period + who


def bought_what(result: dict[str, Any]) -> str | None:
    """What the customers are ranked by buying ("Tea", "Tea or Coffee": what they bought of
    either, "product B000EYLDYE", "Teapot (product P2)" when asked by name); None when they
    are ranked by all their orders. A product asked with its category is the product: the
    numbers are its lines alone."""
    if result["product_id"] is not None and result.get("product_title"):
        return f"{result['product_title']} (product {result['product_id']})"
    if result["product_id"] is not None:
        return f"product {result['product_id']}"
    if result.get("categories"):
        return either_of(result["categories"])
    if result["category"] is not None:
        return str(result["category"])
    return None


def answer(symbol: str, result: dict[str, Any], where: str, first_share: float) -> str:
    """The ranking in words (`where`: scope(); `first_share`: the first customer's share of
    `period_revenue`, unrounded, so that it is rounded once); or why there is nobody to rank.
    Of the period's new or returning customers only, what those are is said last."""
    return _ranking(symbol, result, where, first_share) + BUYERS_MEANT.get(result["buyers"], "")


def _ranking(symbol: str, result: dict[str, Any], where: str, first_share: float) -> str:
    rows, total, what = result["rows"], result["total"], bought_what(result)
    who = buyers_word(result)
    bar = bounds(symbol, result, what)
    did = f"bought {what}" if what else "ordered"
    if not rows and result["offset"] and total:
        who_did = f" who {bar}" if bar else f" who {did}"
        return past_end(result["offset"], total, who, f"{who_did} {where}")
    if not rows and result["segment"] and not result["segment_size"]:
        return f"No customers to rank: {empty_segment(result['segment'])}."
    if not result["ordered"]:
        nothing = f"Nobody bought {what}" if what else "No orders"
        if result["buyers"] != "all":
            nothing = f"No {who}s {did}"
        latest = result.get("latest_first_order")
        if result["buyers"] == "new" and latest and latest < result["from"]:
            return f"{nothing} {where}: the store's latest first order was on {latest}."
        return f"{nothing} {where}.{orders_span(result)}"
    if result["lead"] == "share":  # how many, asked: the count and share, then the top
        names = listing([_named(symbol, row, result["by"]) for row in rows])
        return share_answer(symbol, result, where, bar, what, names)
    if not total:
        most = reached(symbol, result, what)
        return f"No {who} {bar} {where}: {most} (of {_who(result, did)}).{left_out(result, what)}"
    names = listing([_named(symbol, row, result["by"]) for row in rows])
    if bar:
        head = f"{count(total, who)} {bar} {where} (of {_who(result, did)})"
        shown = (
            span(result["offset"], len(rows), total, who)
            if result["offset"]
            else (f"the {'newest' if result['by'] == 'first_order' else 'top'} {len(rows):,}")
        )
        head += f"; {shown}"
    else:
        of = f" of {what}" if what else ""
        top = "Newest" if result["by"] == "first_order" else "Top"
        head = f"{top} {who}s{of} by {MEASURE_WORDS[result['by']]} {where}"
        if result["offset"]:
            head += f", {span(result['offset'], len(rows), total, who)}"
        elif not result["segment"] or total < result["segment_size"]:
            head += f" (of {_who(result, did)})"
    facts = _facts(symbol, rows[0], result, first_share)
    return f"{head}: {names}. {facts}.{left_out(result, what)}"


def _who(result: dict[str, Any], did: str) -> str:
    return f"{count(result['ordered'], buyers_word(result))} who {did}"


def _named(symbol: str, row: dict[str, Any], by: str) -> str:
    """'c1 ($50.00)', 'c1 (2)' by orders, 'c1 (3 units)' by units, 'c1 (first order
    2024-03-28)' by first order, 'c1 ($420.00 order)' by largest order, 'c1 ($25.00 an
    order)' by average order."""
    if by == "revenue":
        shown = money(row["revenue"], symbol)
    elif by == "orders":
        shown = f"{row['orders']:,}"
    elif by == "first_order":
        shown = f"first order {row['first_order']}"
    elif by == "largest_order":
        shown = f"{money(row['largest_order'], symbol)} order"
    elif by == "average_order":
        shown = f"{money(row['average_order'], symbol)} an order"
    else:
        shown = count(row["units"], "unit")
    return f"{row['customer_id']} ({shown})"


def _facts(symbol: str, first: dict[str, Any], result: dict[str, Any], share: float) -> str:
    """The first customer's numbers (`share`: theirs of `period_revenue`, unrounded), and their
    scores now when scored."""
    what, of_revenue = bought_what(result), revenue_share(first["revenue"], share)
    whose = "the segment's" if result["segment"] else "all"
    if what:
        facts = (
            f"{first['customer_id']} spent {money(first['revenue'], symbol)} on {what} in "
            f"{count(first['orders'], 'order')} ({count(first['units'], 'unit')}; "
            f"{of_revenue} of {whose} {what} revenue in the period)"
        )
    else:
        facts = (
            f"{first['customer_id']} spent {money(first['revenue'], symbol)} on "
            f"{count(first['orders'], 'order')} ({of_revenue} of {whose} revenue in "
            "the period)"
        )
    per_order = (result["min_average_order"], result["max_average_order"])
    if result["by"] == "average_order" or per_order != (None, None):
        facts += f", averaging {money(first['average_order'], symbol)} an order"
    if result["by"] == "largest_order":
        facts += f", the largest {money(first['largest_order'], symbol)}"
    facts += f", the last on {first['last_order']}"
    if result["by"] == "first_order" or result["buyers"] != "all":
        facts += f", their first order ever on {first['first_order']}"
    if first["churn_risk"] is not None:
        facts += (
            f"; churn risk now {chance(first['churn_risk'])}, predicted value "
            f"{money(first['clv'], symbol)}"
        )
    return facts


def orders_span(result: dict[str, Any]) -> str:
    """For a period outside the orders: the days they span, so the next question can hit."""
    first, last = result["orders_from"], result["orders_to"]
    if result["from"] > last or result["to"] < first:
        return f" The store's orders run from {first} to {last}."
    return ""
