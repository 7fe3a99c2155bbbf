"""top_products' answer in words, from its result: what was sold in the period (the store's
orders, a segment's, or one category's order lines), the first products or categories, and
the first one's numbers with its change; or why there is nothing to rank. One product asked
is said on its own: what it sold, its share and its change.

The opening total carries its own change on the days just before (`previous`), and the first
row's change is worded as that row's ("its revenue up 12% ..."): a bare "revenue up 314%"
after a product's figures was read as the store's.

Every number comes from the result, which the tool computed, except the first row's share,
passed unrounded so that it is rounded once. A share is of `period_revenue` (the order lines'
revenue). Where that is the total the answer opens with but for unit prices rounded to the
cent (lines_agreement.py), the share is "of the period's revenue", one figure; where it is not
(orders without lines or unlike them, a category's totals), the share names its total, and
why, so the two are never read as one.
"""

from typing import Any

import pandas as pd

from assistant.tools.format import count, day, listing, money, pct, revenue_share
from assistant.tools.paging import past_end, span
from assistant.tools.periods import Period, period_words
from assistant.tools.product_sales import Measure, SalesLines
from assistant.tools.top_customers_answer import orders_span

MEASURE_WORDS = {"revenue": "revenue", "units": "units sold", "orders": "orders",
                 "customers": "customers who bought"}  # fmt: skip


def sold(
    symbol: str,
    result: dict[str, Any],
    when: Period,
    dated: bool,
    previous: dict[str, Any] | None = None,
) -> str:
    """'From 1997-01-01 to 1997-12-31 the store sold $1,234.00 in 56 orders (average order
    value $22.04) to 7 customers' (a segment's: 'the 12 customers in 'champions' bought ...
    (7 of them ordered)'; a category's or a product's, without the average: 'sold $80.00 of
    Coffee in ...', 'sold $12.00 of product P1 in ...'); with `previous` (the same totals of
    the days just before), the revenue's change from them beside it: 'sold $1,234.00 (up 12%
    on the 365 days before) in ...'."""
    totals, period = result["totals"], period_words(when, dated)
    named = result.get("category") or (
        f"product {result['product_id']}" if result.get("product_id") else None
    )
    of = f" of {named}" if named else ""
    change = "" if previous is None else f" ({_revenue_change(previous)})"
    amount = f"{money(totals['revenue'], symbol)}{of}{change} in {count(totals['orders'], 'order')}"
    if not of and totals["orders"]:
        # Not for a category or product: its revenue is only its lines of the orders holding one.
        aov = money(totals["revenue"] / totals["orders"], symbol)
        amount += f" (average order value {aov})"
    if result["segment"] is None:
        said = f"the store sold {amount} to {count(totals['customers'], 'customer')}"
    else:
        members = count(result["customers"], "customer")
        did = "bought it" if of else "ordered"
        said = (
            f"the {members} in '{result['segment']}' bought {amount} "
            f"({totals['customers']:,} of them {did})"
        )
    return f"{period[:1].upper()}{period[1:]} {said}"


def answer(
    symbol: str,
    result: dict[str, Any],
    when: Period,
    dated: bool,
    sales: SalesLines,
    members: "frozenset[str] | None",
    first_share: float,
) -> str:
    """The period's totals, then the ranking in words: the first rows, and the first one's
    numbers (`first_share`: its unrounded share) with its change; or why there is nothing to
    rank (and, for a period outside the store's orders, the days they span)."""
    rows, days, by = result["rows"], result["days"], result["by"]
    noun = "product" if result["per"] == "product" else "category"
    plural = "products" if noun == "product" else "categories"
    who = ""
    if result["segment"]:
        who = f" among the {count(result['customers'], 'customer')} in '{result['segment']}'"
    where = f" in {result['category']}" if result["category"] else ""
    scope = f"{period_words(when, dated)}{who}{where}"
    if not rows and result["offset"] and result["total"]:
        return past_end(result["offset"], result["total"], noun, f" sold {scope}")
    if not rows:
        hint = _last_bought(sales, members, result["categories"], result["category"])
        return f"Nothing sold {scope}.{hint}{orders_span(result)}"
    names = [label(row) for row in rows]
    side_by_side = noun == "category" and len(result.get("categories") or ()) > 1
    if side_by_side:  # "tea vs coffee sales": each category asked with its figure
        names = [f"{label(row)} ({_figure(symbol, row, by)})" for row in rows]
    opened = sold(symbol, result, when, dated, result.get("previous"))
    head = f"{opened}; top {plural} by {MEASURE_WORDS[by]}{where}"
    if result.get("order") == "least":  # from the bottom, of those that sold at all
        sold_at_all = f"{result['total']:,} that sold" if result["total"] > 1 else "one that sold"
        head = (
            f"{opened}; least-selling {plural} by {MEASURE_WORDS[by]}{where} (of the {sold_at_all})"
        )
    if result["offset"]:
        head += f", {span(result['offset'], len(rows), result['total'], noun)}"
    first = rows[0]
    facts = (
        f"{label(first)}: {money(first['revenue'], symbol)} "
        f"({_in_category(symbol, result, first)}"
        f"{revenue_share(first['revenue'], first_share)} of {_base(symbol, result, who)}), "
        f"{count(first['units'], 'unit')}, {count(first['orders'], 'order')}, "
        f"{first['customers']:,} {'customer' if first['customers'] == 1 else 'customers'}"
    )
    # Set beside another period, the totals' change is that one's: a row's change on the
    # days just before would read as a second answer to the same question.
    change = "" if "compared" in result else _change(first, by, days, when, "its ")
    shown = listing(names, limit=len(names) if side_by_side else 3)
    return f"{head}: {shown}. {facts}{change}.{_unsold(result) if side_by_side else ''}"


def product_answer(
    symbol: str,
    result: dict[str, Any],
    when: Period,
    dated: bool,
    sales: SalesLines,
    members: "frozenset[str] | None",
    share: float,
) -> str:
    """'Product P1 (Earl Grey, Tea) sold 217 units for $3,025.77 in 185 orders to 176
    customers from 1998-01-01 to 1998-06-30 (0.6% of the period's revenue); units sold down 17%
    on the 181 days before.' (`share`: its unrounded share); or that it sold nothing, and when
    it last did."""
    pid, title = result["product_id"], result["product_title"]
    # A title that holds the id ("Grocery product B001VNP1T0") would say it twice.
    shown_title = None if title and pid in title else title
    named = [n for n in (shown_title, result["product_category"]) if n]
    product = f"Product {pid}" + (f" ({', '.join(named)})" if named else "")
    period, totals = period_words(when, dated), result["totals"]
    whom = ""
    if result["segment"]:
        whom = f" of the {count(result['customers'], 'customer')} in '{result['segment']}'"
    if not result["rows"]:
        lines = sales.lines[sales.lines["product_id"] == result["product_id"]]
        if members is not None:
            lines = lines[lines["customer_id"].isin(members)]
        if lines.empty:
            return f"{product} sold nothing {period}{whom}, nor ever before."
        last = pd.Timestamp(lines["day"].max())
        reach = (sales.last_day - last).days + 1
        return (
            f"{product} sold nothing {period}{whom}. Its last sale was on {day(last)}: ask "
            f"for the last {count(reach, 'day')} or more."
        )
    row = result["rows"][0]
    change = "" if "compared" in result else _change(row, result["by"], result["days"], when)
    buyers = totals["customers"]
    to = f"{buyers:,}{whom}" if whom else count(buyers, "customer")
    them = " to them" if whom else ""
    return (
        f"{product} sold {count(totals['units'], 'unit')} for {money(totals['revenue'], symbol)} "
        f"in {count(totals['orders'], 'order')} to {to} {period} "
        f"({revenue_share(row['revenue'], share)} of {_base(symbol, result, them)}){change}."
    )


def _figure(symbol: str, row: dict[str, Any], by: Measure) -> str:
    """A row's measure ranked by, in words: "$37,360.09", "2,580 units"."""
    return money(row["revenue"], symbol) if by == "revenue" else count(row[by], by.rstrip("s"))


def _unsold(result: dict[str, Any]) -> str:
    """The categories asked side by side that sold nothing in the period (" Snacks sold
    nothing in the period."), which no row shows; "" when each sold."""
    if result["offset"]:
        return ""
    shown = {row["category"] for row in result["rows"]}
    unsold = [name for name in result["categories"] if name not in shown]
    if not unsold or result["total"] > len(result["rows"]):
        return ""
    return f" {listing(unsold, limit=len(unsold))} sold nothing in the period."


def _in_category(symbol: str, result: dict[str, Any], first: dict[str, Any]) -> str:
    """With a category, the first row's share of that category's sales first ("6.2% of
    Tea's $37,360.09 and "): what a question about one category sets a product against. Both
    are its order lines' revenue, so the share is of like with like."""
    category, totals = result["category"], result["totals"]
    if category is None or not totals["revenue"]:
        return ""
    share = revenue_share(first["revenue"], first["revenue"] / totals["revenue"])
    return f"{share} of {category}'s {money(totals['revenue'], symbol)} and "


def _base(symbol: str, result: dict[str, Any], whose: str) -> str:
    """What a share is of (`whose`: the segment's customers, said after it): "the period's
    revenue" when the order lines' revenue is the total the answer opened with, but for unit
    prices rounded to the cent; else the lines' revenue named with its amount and, when the
    answer opened with the orders' total, why the two differ (beside a category's or a
    product's own total, naming it is enough)."""
    lines, opened = result["period_revenue"], result["totals"]["revenue"]
    without, unlike = result.get("orders_without_lines"), result.get("orders_unlike_lines")
    if result["category"] is None and (lines == opened or without == unlike == 0):
        return f"the period's revenue{whose}"
    named = f"the {money(lines, symbol)} all products sold for in the period{whose}"
    reasons = []
    if without:
        reasons.append(f"{count(without, 'order')} {'has' if without == 1 else 'have'} no lines")
    if unlike:
        reasons.append(
            "1 order's amount is not its lines' sum"
            if unlike == 1
            else f"{unlike:,} orders' amounts are not their lines' sum"
        )
    return f"{named}, since {' and '.join(reasons)}" if reasons else named


def _revenue_change(previous: dict[str, Any]) -> str:
    """The opening total's change from the days just before: "up 12% on the 30 days
    before"."""
    period_before = f"the {count(previous['days'], 'day')} before"
    change = previous["change"]["revenue"]
    return f"nothing sold in {period_before}" if change is None else _moved(change, period_before)


def _change(row: dict[str, Any], by: Measure, days: int, when: Period, whose: str = "") -> str:
    """'; revenue up 12% on the 90 days before' (`whose`: "its " where the totals said
    first could be read as what moved), or why there is no change to give."""
    if when.before_start is None:
        return f"; the store's orders do not reach back another {count(days, 'day')} to compare"
    period_before = f"the {count(days, 'day')} before"
    if row["change"] is None:
        return f"; {'it sold none' if whose else 'none'} in {period_before}"
    return f"; {whose}{MEASURE_WORDS[by]} {_moved(row['change'], period_before)}"


def _moved(change: float, period_before: str) -> str:
    """ "up 12% on the 30 days before"; one decimal under 1% ("up 0%" reads as no change)."""
    if change == 0:
        return f"unchanged from {period_before}"
    size = pct(abs(change)) if abs(change) >= 0.01 else f"{abs(change):.1%}"
    return f"{'up' if change > 0 else 'down'} {size} on {period_before}"


def _last_bought(
    sales: SalesLines,
    members: "frozenset[str] | None",
    chosen: list[str] | None,
    category: str | None,
) -> str:
    """For a segment or categories (`chosen`, said as `category`) that sold nothing in the
    period: when the same lines (its members' purchases, of the categories) last sold, and the
    period that would reach them."""
    if members is None and category is None:
        return ""
    lines = sales.lines
    if members is not None:
        lines = lines[lines["customer_id"].isin(members)]
    if chosen:
        in_chosen = sales.products["category"].reindex(lines["product_id"]).isin(chosen)
        lines = lines[in_chosen.to_numpy()]
    if lines.empty and members is None:
        return f" {category} has never sold."
    if lines.empty:
        return (
            f" They never bought {category}." if category else " They have no order lines at all."
        )
    what = "purchase" if category is None else f"{category} purchase"
    last = pd.Timestamp(lines["day"].max())
    # "The last N days" count back from the store's last order day, whatever period was asked.
    reach = (sales.last_day - last).days + 1
    whose = f"Their last {what}" if members is not None else f"The last {what}"
    return f" {whose} was on {day(last)}: ask for the last {count(reach, 'day')} or more."


def label(row: dict[str, Any]) -> str:
    """A product as people read it (its title, with the id when the title lacks it), or a
    category's name."""
    if "product_id" not in row:
        return str(row["category"])
    title, pid = row.get("title"), str(row["product_id"])
    if not title:
        return pid
    return str(title) if pid in str(title) else f"{title} ({pid})"
