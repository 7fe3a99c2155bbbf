"""store_metrics' answer in words, from its result: the figure asked first, then the others of
the period (the new and returning customers only when asked: they lead or are left out), then
(when a second period was given) how many of the earlier period's customers ordered in the
later one too; or why there is nothing to report.

Every number comes from the result, which the tool computed (store_figures.py).
"""

from collections.abc import Callable
from typing import Any

from assistant.tools.format import count, money

# Each figure as the answer says it, and (said when it leads) what it counts that the
# period's totals, which follow it, do not say; the ratios of the totals need nothing more.
Said = Callable[[dict[str, Any], str], tuple[str, str]]


def _per_customer(f: dict[str, Any], symbol: str) -> tuple[str, str]:
    return f"revenue per customer {money(f['revenue_per_customer'], symbol)}", ""


def _orders_per_customer(f: dict[str, Any], symbol: str) -> tuple[str, str]:
    return f"orders per customer {f['orders_per_customer']:,.2f}", ""


def _order_value(f: dict[str, Any], symbol: str) -> tuple[str, str]:
    return f"average order value {money(f['average_order_value'], symbol)}", ""


def _repeat(f: dict[str, Any], symbol: str) -> tuple[str, str]:
    return (
        f"repeat-purchase rate {f['repeat_rate']:.1%}",
        f"{f['repeat_customers']:,} of {count(f['customers'], 'customer')} ordered on two or "
        "more days",
    )


def _top(f: dict[str, Any], symbol: str) -> tuple[str, str]:
    share = "no revenue" if f["top_share"] is None else f"{f['top_share']:.1%} of revenue"
    return (
        f"the top {f['top_pct']}% of customers by spend brought {share}",
        f"{f['top_customers']:,} customers, {money(f['top_revenue'], symbol)} of "
        f"{money(f['revenue'], symbol)}",
    )


RATES = frozenset({"repeat_rate", "top_share"})  # shares whose change is said in points
# In the order the figures follow the one asked.
SAID: dict[str, Said] = {
    "revenue_per_customer": _per_customer,
    "orders_per_customer": _orders_per_customer,
    "average_order_value": _order_value,
    "repeat_rate": _repeat,
    "top_share": _top,
}


def answer(symbol: str, result: dict[str, Any], where: str) -> str:
    """The figures in words, the asked one first (`where`: the period and whose orders)."""
    f, asked, again = result["figures"], result["figure"], result["retention"]
    if not f["customers"]:
        span = f"The store's orders run from {result['orders_from']} to {result['orders_to']}."
        said = f"No orders {where}. {span}"
        return f"{said} {_retention(again)}" if again else said
    totals = (
        f"{count(f['customers'], 'customer')} placed {count(f['orders'], 'order')} worth "
        f"{money(f['revenue'], symbol)}"
    )
    rest = [say(f, symbol)[0] for name, say in SAID.items() if name != asked]
    if asked in SAID:
        figure, basis = SAID[asked](f, symbol)
        opening = f"{_capital(figure)} {where}" + (f": {basis}." if basis else ".")
        tail = f" {_capital(totals)}; {'; '.join(rest)}."
    elif asked == "new_customers":
        opening = f"{_capital(where)}, {_newcomers(f)}"
        tail = f" {_capital(totals)}; {'; '.join(rest)}."
    elif asked == "days_between_orders":
        opening = f"{_between_orders(f)} {where}."
        tail = f" {_capital(totals)}; {'; '.join(rest)}."
    elif asked == "days_to_second_order":
        opening = _second_order(f, where, result["orders_to"])
        tail = f" {_capital(totals)}; {'; '.join(rest)}."
    else:
        opening = f"{_capital(where)}, {totals}."
        tail = f" {_capital('; '.join(rest))}."
    if again is None:
        return opening + tail
    if asked in ("retention", "overview"):  # "how many bought in both": that count first
        return f"{_retention(again)} {opening}{tail}"
    return f"{opening}{_against(result, symbol)}{tail} {_retention(again)}"


def _against(result: dict[str, Any], symbol: str) -> str:
    """The figure asked, of the compared period too, and how the first one differs: " From
    1997-01-01 to 1997-12-31: revenue per customer $80.21, so 1998-01-01 to 1998-06-30's is
    2.3% higher."; "" when there is none to set beside it."""
    asked, compared = result["figure"], result.get("compared")
    if not compared or not compared["figures"]["customers"]:
        return ""
    mine, theirs = result["figures"], compared["figures"]
    if asked == "new_customers":
        key, said = "new_customers", f"{theirs['new_customers']:,} were new"
    elif asked == "days_between_orders":
        key, said = "median_days_between_orders", _between_orders(theirs).lower()
    elif asked == "days_to_second_order":
        key = "median_days_to_second_order"
        days = theirs[key]
        said = (
            "no new customer ordered again"
            if days is None
            else (f"median time to a second order {days:,.1f} days")
        )
    elif asked in SAID:
        key = asked
        said = SAID[asked](theirs, symbol)[0]
    else:
        return ""
    period = f"From {compared['from']} to {compared['to']}"
    before, now = theirs.get(key), mine.get(key)
    if not isinstance(before, int | float) or not isinstance(now, int | float) or not before:
        return f" {period}: {said}."
    mine_period = f"{result['from']} to {result['to']}"
    direction = "higher" if now >= before else "lower"
    if key in RATES:  # a rate's change in points: 30% to 33% is 3 points, not 10% higher
        points = abs(now - before) * 100
        return (
            f" {period}: {said}, so {mine_period}'s is {points:.1f} percentage points {direction}."
        )
    change = (now - before) / before
    return f" {period}: {said}, so {mine_period}'s is {abs(change):.1%} {direction}."


def _between_orders(f: dict[str, Any]) -> str:
    """'Median time between a customer's orders: 41.0 days (average 63.2, over 12,345
    returns)', or that nobody came back within the period."""
    if f["median_days_between_orders"] is None:
        return "No customer ordered on two days"
    return (
        f"Median time between a customer's orders: {f['median_days_between_orders']:,.1f} days "
        f"(average {f['average_days_between_orders']:,.1f}, over {count(f['returns'], 'return')} "
        f"by {count(f['repeat_customers'], 'repeat customer')})"
    )


def _second_order(f: dict[str, Any], where: str, last_day: str) -> str:
    """'Of the 23,570 customers whose first order fell from ... to ..., 9,166 (38.9%) ordered
    again by 1998-06-30; median time to that second order: 61.0 days (average 105.2). A first
    order late in the period has had less time to be followed.' or why there is none."""
    new = f["new_customers"]
    if not new:
        return f"No customer's first order fell {where}, so none can have ordered a second time."
    who = f"Of the {count(new, 'customer')} whose first order fell {where}"
    if not f["second_orders"]:
        return f"{who}, none ordered again by {last_day}."
    return (
        f"{who}, {f['second_orders']:,} ({f['second_order_rate']:.1%}) ordered again by "
        f"{last_day}; median time to that second order: "
        f"{f['median_days_to_second_order']:,.1f} days (average "
        f"{f['average_days_to_second_order']:,.1f}). A first order late in the period has had "
        "less time to be followed."
    )


def _newcomers(f: dict[str, Any]) -> str:
    """How many of the period's customers were new to the store and how many had ordered
    before it."""
    back = f["returning_customers"]
    return (
        f"{f['new_customers']:,} of the {count(f['customers'], 'customer')} who ordered "
        f"({f['new_share']:.1%}) were new (first order in the period); "
        f"{back:,} {'was' if back == 1 else 'were'} returning (first order before it)."
    )


def _retention(again: dict[str, Any]) -> str:
    """How many of the earlier period's customers ordered in the later one too."""
    earlier = f"from {again['earlier_from']} to {again['earlier_to']}"
    later = f"from {again['later_from']} to {again['later_to']}"
    if not again["earlier_customers"]:
        return f"Nobody ordered {earlier}, so nobody could order again {later}."
    return (
        f"Of the {count(again['earlier_customers'], 'customer')} who ordered {earlier}, "
        f"{again['both']:,} ({again['retention_rate']:.1%}) ordered again {later}, when "
        f"{count(again['later_customers'], 'customer')} ordered in all."
    )


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]
