"""Why each product was recommended, in words a shop owner reads.

The customer vector is linear in the history, so a product's score splits into one part per
history product (TwoTower.contributions): the reason names the product that adds most. A
product the customer had is a re-order, told by how lately and, given the store's order lines
(UnitsAndOrders), in how many orders and units, the counts the customer's profile gives; the
signals cannot say them (a purchase signal is one order line, weighed). A product that no
history product speaks for is there on popularity. Every reason adds how many customers bought
the product.
"""

from collections.abc import Callable, Sequence

import numpy as np
import torch
from scipy import sparse

from commerce.wording import count
from retrieval.recs.catalogue import Catalogue, Recommendation
from retrieval.recs.examples import Histories
from retrieval.recs.model import TwoTower

Tensors = tuple[torch.Tensor, torch.Tensor, torch.Tensor]  # a batch of histories for the model
# (customer id, product id) -> (units, orders) in the store's order lines; None: none bought.
UnitsAndOrders = Callable[[str, str], tuple[int, int] | None]


def explained(
    model: TwoTower,
    catalogue: Catalogue,
    bought: sparse.csr_matrix,
    rows: np.ndarray,
    histories: Histories,
    tensors: Tensors,
    lists: list[list[tuple[int, float]]],
    customers: Sequence[str],
    units_and_orders: UnitsAndOrders | None = None,
) -> list[list[Recommendation]]:
    """The (product, probability) lists of these `customers` (`rows` of `bought`, what they
    bought), as recommendations with reasons; a re-order is counted by `units_and_orders`."""
    width = max((len(found) for found in lists), default=0)
    products = np.zeros((len(rows), max(width, 1)), dtype=np.int64)
    for b, found in enumerate(lists):
        products[b, : len(found)] = [j for j, _ in found]
    with torch.no_grad():
        parts = model.contributions(*tensors, torch.as_tensor(products)).numpy()
    parts = np.where(histories.mask[:, :, None], parts, -np.inf)
    strongest = parts.argmax(axis=1)  # (B, K): the history product that adds most
    sources = histories.items[np.arange(len(rows))[:, None], strongest]
    helps = np.take_along_axis(parts, strongest[:, None, :], axis=1)[:, 0] > 0
    result = []
    for b, found in enumerate(lists):
        start, end = bought.indptr[rows[b]], bought.indptr[rows[b] + 1]
        had = set(bought.indices[start:end].tolist())  # the products they bought
        slot_of = {int(histories.items[b, s]): s for s in np.flatnonzero(histories.mask[b])}
        recommendations = []
        for position, (item, probability) in enumerate(found):
            slot = slot_of.get(item)
            if slot is not None:
                days = float(np.expm1(histories.features[b, slot, 3]))
                counts = None
                if units_and_orders is not None and item in had:
                    counts = units_and_orders(customers[b], str(catalogue.product_ids[item]))
                reason = _repeat_reason(catalogue, item, item in had, counts, days)
            elif helps[b, position]:
                source = int(sources[b, position])
                reason = _because_reason(catalogue, source, source in had, item)
            else:  # nothing in the history speaks for it: it is there on popularity
                reason = "popular with customers overall"
            reasons = [reason, f"bought by {int(catalogue.buyers[item]):,} customers"]
            recommendations.append(catalogue.recommendation(item, probability, reasons))
        result.append(recommendations)
    return result


def _repeat_reason(
    catalogue: Catalogue, item: int, bought: bool, counts: tuple[int, int] | None, days: float
) -> str:
    """A product the customer had: bought (in how many orders and units, when counted) or
    only viewed or reviewed."""
    if not bought:
        return f"showed interest in it {days:.0f} days ago (viewed or reviewed, not bought)"
    category = catalogue.categories[item]
    again = f"; {category} is bought again" if category is not None else ""
    how_often = "before"
    if counts is not None:
        units, orders = counts
        how_often = f"in {count(orders, 'order')} ({count(units, 'unit')})"
    return f"bought it {how_often}, last {days:.0f} days ago{again}"


def _because_reason(catalogue: Catalogue, source: int, bought: bool, item: int) -> str:
    name = catalogue.title(source)
    category = catalogue.categories[source]
    named = f"{name} ({category})" if category is not None else name
    verb = "bought" if bought else "viewed or reviewed"
    reason = f"{verb} {named}; customers who buy it also buy this"
    borrowed = int(catalogue.borrowed[item])
    if borrowed >= 0:
        reason += f" (new product, described like {catalogue.title(borrowed)})"
    return reason
