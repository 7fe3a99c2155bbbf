"""bought_with's answer in words, from its result: the products the buyers of one product
favour, and the first one's counts ("bought by 26 of the 2,075 customers who bought X
(1.3%), against 0.3% of all 23,570 customers: 5.0x as often"); or why nothing is ranked (too
few buyers, nothing bought clearly more often, a page past the end, several products of
that name).

Shares and the lift are worked out here from the result's counts, not from its rounded
shares, so each figure is rounded once.
"""

from typing import Any

from assistant.tools.format import count, listing
from assistant.tools.paging import past_end, span
from assistant.tools.periods import Period, period_words
from assistant.tools.product_names import NamedProduct, candidates_listed


def answer(result: dict[str, Any], when: Period, dated: bool) -> str:
    """The ranking in words, or why there is none (module docstring)."""
    product, buyers, customers = _named(result), result["buyers"], result["customers"]
    period = period_words(when, dated)
    if buyers == 0:
        return f"Nobody bought {product} {period}.{_orders_span(result)}"
    if buyers < result["min_buyers"]:
        return (
            f"Only {count(buyers, 'customer')} bought {product} {period}: too few to tell what "
            f"its buyers favour (at least {result['min_buyers']:,} are needed). Ask about a "
            "longer period or a product more customers bought."
        )
    rows, total, offset = result["rows"], result["total"], result["offset"]
    whose = f"the {count(buyers, 'customer')} who bought {product} {period}"
    if not total:
        return (
            f"No other product was bought by at least {result['min_together']:,} of {whose} "
            f"more often than by the period's {count(customers, 'customer')} overall, so "
            "nothing stands out to offer with it."
        )
    if not rows:
        return past_end(offset, total, "product", f" bought more often by {whose}")
    page = f" ({span(offset, len(rows), total, 'product')})" if offset else ""
    names = listing([_label(row) for row in rows])
    first = rows[0]
    return (
        f"{whose[:1].upper()}{whose[1:]} bought these more often than the store's customers "
        f"overall{page}: {names}. {_label(first)}: {_counts(first, buyers, customers)}. "
        f"Ranked by that ratio (lift), among products at least {result['min_together']:,} of "
        "them bought."
    )


def candidates_answer(named: NamedProduct) -> str:
    """Several products for one name: the first few with their ids, and how to ask for one."""
    assert named.candidates is not None
    shown = candidates_listed(named)
    listed = "; ".join(_label(c) for c in shown)
    more = len(named.candidates) - len(shown)
    rest = f"; and {more:,} more" if more else ""
    return (
        f"{len(named.candidates):,} products match '{named.name}': {listed}{rest}. Ask again "
        f'with one product\'s id (e.g. "what do people buy with {shown[0]["product_id"]}") or '
        "more of its name."
    )


def _counts(row: dict[str, Any], buyers: int, customers: int) -> str:
    """'bought by 26 of them (1.3%), against 0.3% of all 23,570 customers of the period (59):
    5.0x as often'."""
    of_buyers = row["together"] / buyers
    of_all = row["buyers"] / customers
    return (
        f"bought by {row['together']:,} of them ({_share(of_buyers)}), against "
        f"{_share(of_all)} of all {count(customers, 'customer')} of the period "
        f"({row['buyers']:,}): {of_buyers / of_all:.1f}x as often"
    )


def _share(share: float) -> str:
    """A share with one decimal; "<0.1%" for one that rounds to nothing but is not."""
    return "<0.1%" if 0 < share < 0.0005 else f"{share:.1%}"


def _named(result: dict[str, Any]) -> str:
    """The product asked about, as a row's product is written."""
    return _label({"product_id": result["product_id"], "title": result["product_title"]})


def _label(row: dict[str, Any]) -> str:
    """A product as people read it: 'Teapot (P2)'; its id alone without a title, and its
    title alone when that holds the id (the demo's 'Tea product B000EYLDYE')."""
    title, product_id = row.get("title"), str(row["product_id"])
    if not title:
        return product_id
    return str(title) if product_id in str(title) else f"{title} ({product_id})"


def _orders_span(result: dict[str, Any]) -> str:
    """For a period outside the orders: the days they span, so the next question can hit."""
    if result["from"] > result["orders_to"] or result["to"] < result["orders_from"]:
        return f" The store's orders run from {result['orders_from']} to {result['orders_to']}."
    return ""
