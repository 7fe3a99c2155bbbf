"""Why each product was recommended, in words a shop owner reads.

The customer vector is linear in the history, so a product's score splits into one part per
history product (TwoTower.contributions): the reason names the product that adds most. A
product the customer had is a re-order, told by how often and how lately; a product that no
history product speaks for is there on popularity. Every reason adds how many customers
bought the product.
"""

import numpy as np
import torch
from scipy import sparse

from retrieval.recs.catalogue import Catalogue, Recommendation
from retrieval.recs.examples import Histories
from retrieval.recs.model import TwoTower

Tensors = tuple[torch.Tensor, torch.Tensor, torch.Tensor]  # a batch of histories for the model


def explained(
    model: TwoTower,
    catalogue: Catalogue,
    bought: sparse.csr_matrix,
    rows: np.ndarray,
    histories: Histories,
    tensors: Tensors,
    lists: list[list[tuple[int, float]]],
) -> list[list[Recommendation]]:
    """The (product, probability) lists of these customers (`rows` of `bought`, what they
    bought how often), as recommendations with reasons."""
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
        times = dict(
            zip(
                bought.indices[start:end].tolist(),
                bought.data[start:end].tolist(),
                strict=True,
            )
        )
        slot_of = {int(histories.items[b, s]): s for s in np.flatnonzero(histories.mask[b])}
        recommendations = []
        for position, (item, probability) in enumerate(found):
            slot = slot_of.get(item)
            if slot is not None:
                days = float(np.expm1(histories.features[b, slot, 3]))
                reason = _repeat_reason(catalogue, item, times.get(item, 0.0), days)
            elif helps[b, position]:
                source = int(sources[b, position])
                reason = _because_reason(catalogue, source, source in times, item)
            else:  # nothing in the history speaks for it: it is there on popularity
                reason = "popular with customers overall"
            reasons = [reason, f"bought by {int(catalogue.buyers[item]):,} customers"]
            recommendations.append(catalogue.recommendation(item, probability, reasons))
        result.append(recommendations)
    return result


def _repeat_reason(catalogue: Catalogue, item: int, times: float, days: float) -> str:
    if times == 0:
        return f"showed interest in it {days:.0f} days ago (viewed or reviewed, not bought)"
    category = catalogue.categories[item]
    again = f"; {category} is bought again" if category is not None else ""
    plural = "time" if round(times) == 1 else "times"
    return f"bought it {times:.0f} {plural}, last {days:.0f} days ago{again}"


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
