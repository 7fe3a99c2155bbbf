"""Recommendations for a customer: candidates, re-ranking, exclusions, cold start.

    customer with a history ─▶ vector (model.py) ─▶ FAISS: best products by inner product
        + the customer's own products (their score has the repeat term: recency, frequency)
        ─▶ exclusions ─▶ probability over the catalogue x purchase probability ─▶ top k, reasons
    customer without one    ─▶ what most customers of their segment bought (else the store's)

A score is the model's probability that the customer's next purchase is this product; given
the customer's purchase probability (predictors: the chance they buy at all in the horizon) it
is multiplied in, so scores read as the chance of buying this product in the horizon and rank
customer-product pairs across customers (who to send which offer). One customer's order is
the model's.

Exclusions (ExclusionRules): a product the customer bought is not offered again unless its
category is repeatable (consumables: coffee runs out); a product they rated 1 or 2 stars never
is; a product no longer in the catalogue (bought once, now missing from `products`) neither.

A recommender pairs what a build made (TrainedParts: model, product vectors, catalogue, rules;
trained.py) with the signals it reads histories and exclusions from (StoreSignals; signals.py).
Signals newer than training (the store grown by events) are read without retraining:
`following(signals)` serves the same trained parts over them, so what a customer bought or
disliked yesterday is excluded and shapes their history. Reasons: reasons.py.
"""

from collections.abc import Mapping, Sequence

import numpy as np
import torch
from scipy import sparse

from commerce.errors import InvalidInput, NotFound
from retrieval.recs.candidates import queries_of
from retrieval.recs.catalogue import Recommendation
from retrieval.recs.examples import Histories
from retrieval.recs.interactions import Interactions
from retrieval.recs.reasons import Tensors, UnitsAndOrders, explained
from retrieval.recs.signals import StoreSignals
from retrieval.recs.trained import TrainedParts

OVERFETCH = 50  # candidates retrieved beyond k, so k remain after exclusions
BATCH = 1024


class Recommender:
    """Trained parts serving one version of the store's signals."""

    def __init__(self, trained: TrainedParts, signals: StoreSignals) -> None:
        self.trained = trained
        self.signals = signals
        # Histories are seen at the later of the training day and the newest signal.
        newest = signals.newest
        self.as_of = trained.as_of if newest is None else max(trained.as_of, newest)
        # Per customer, what they may not be offered: bought and not repeatable, or disliked.
        once = signals.bought.multiply(~trained.repeatable[None, :]).tocsr()
        disliked = signals.disliked if trained.rules.exclude_disliked else 0 * once
        self._excluded: sparse.csr_matrix = once + disliked
        self._excluded.eliminate_zeros()
        self._popular: dict[str | None, tuple[np.ndarray, int]] = {}

    @property
    def interactions(self) -> Interactions:
        """The signals served, coded on the catalogue's products."""
        return self.signals.interactions

    def following(self, signals: StoreSignals) -> "Recommender":
        """The same trained parts serving other signals (the store as it is now, grown by
        events since training: signals.read_signals): histories, exclusions and cold-start
        popularity follow the store without retraining."""
        return Recommender(self.trained, signals)

    def recommend(
        self,
        customer_id: str,
        k: int = 10,
        *,
        purchase_probability: float | None = None,
        segment: str | None = None,
        units_and_orders: UnitsAndOrders | None = None,
    ) -> list[Recommendation]:
        """The k products this customer is most likely to buy next, best first, with reasons.

        Unknown customer: NotFound. A customer without history gets what is popular in
        `segment` (or the segment they were given at build time; else the whole store).
        `units_and_orders`: the store's order lines counted, so a re-order's reason says in
        how many orders and units it was bought.
        """
        probabilities = (
            None if purchase_probability is None else {customer_id: purchase_probability}
        )
        segments = None if segment is None else {customer_id: segment}
        return self.recommend_many(
            [customer_id], k, probabilities, segments, units_and_orders=units_and_orders
        )[customer_id]

    def recommend_many(
        self,
        customer_ids: Sequence[str],
        k: int = 10,
        purchase_probabilities: Mapping[str, float] | None = None,
        segments: Mapping[str, str] | None = None,
        reasons: bool = True,
        units_and_orders: UnitsAndOrders | None = None,
    ) -> dict[str, list[Recommendation]]:
        """`recommend` for many customers at once (batched through the model and the index)."""
        if k < 1:
            raise InvalidInput(f"k must be at least 1, got {k}")
        rows = self._customer_rows(customer_ids)
        probabilities = dict(purchase_probabilities or {})
        for customer, p in probabilities.items():
            if not 0.0 <= p <= 1.0:
                raise InvalidInput(f"purchase probability of {customer} must be in [0, 1], got {p}")
        active = np.diff(self.signals.log.offsets)[rows] > 0
        result: dict[str, list[Recommendation]] = {}
        warm = np.flatnonzero(active)
        for start in range(0, len(warm), BATCH):
            chunk = warm[start : start + BATCH]
            ids = [str(customer_ids[int(i)]) for i in chunk]
            lists = self._personal(rows[chunk], k, reasons, units_and_orders)
            for customer, found in zip(ids, lists, strict=True):
                result[customer] = _scaled(found, probabilities.get(customer))
        for i in np.flatnonzero(~active):
            customer = str(customer_ids[int(i)])
            segment = (segments or {}).get(customer) or self.trained.segments.get(customer)
            found = self._popular_in(int(rows[i]), segment, k)
            result[customer] = _scaled(found, probabilities.get(customer))
        return result

    def similar_products(self, product_id: str, k: int = 10) -> list[Recommendation]:
        """Products bought by the customers who buy this one; by description when no one has."""
        if k < 1:
            raise InvalidInput(f"k must be at least 1, got {k}")
        trained = self.trained
        catalogue = trained.catalogue
        item = trained.products.get(str(product_id))
        if item is None:
            raise NotFound(f"product {product_id} is not in the catalogue the recommender knows")
        name = catalogue.title(item)
        if catalogue.buyers[item] == 0:
            text = trained.text_index
            scores, found = text.search(text.vector(item)[None, :], k + 1)
            reason = f"described like {name} (no purchases of it yet)"
        else:
            with torch.no_grad():
                vector = trained.model.item_in(torch.tensor([item]))
                vector = vector + trained.model.user(vector)
            query = queries_of(vector.numpy())
            scores, found = trained.index.search(query, k + 1 + OVERFETCH)
            scores = _softmax_rows(scores, self._normalisers(vector.numpy()))
            reason = f"customers who bought {name} also buy this"
        picks = [
            (int(j), float(s))
            for j, s in zip(found[0], scores[0], strict=True)
            if j >= 0 and j != item and catalogue.listed[j]
        ][:k]
        return [catalogue.recommendation(j, s, [reason]) for j, s in picks]

    def _customer_rows(self, customer_ids: Sequence[str]) -> np.ndarray:
        rows = [self.signals.rows.get(str(c), -1) for c in customer_ids]
        unknown = [str(c) for c, r in zip(customer_ids, rows, strict=True) if r < 0]
        if unknown:
            shown = ", ".join(unknown[:5]) + (" ..." if len(unknown) > 5 else "")
            raise NotFound(f"unknown customer id(s): {shown}")
        return np.array(rows, dtype=np.int64)

    def _personal(
        self,
        rows: np.ndarray,
        k: int,
        with_reasons: bool,
        units_and_orders: UnitsAndOrders | None,
    ) -> list[list[Recommendation]]:
        """Model recommendations for customers with a history (one list per row)."""
        trained = self.trained
        now = np.full(len(rows), self.as_of)
        histories = self.signals.log.latest_histories(rows, now, trained.config.history)
        tensors = _tensors(histories)
        with torch.no_grad():
            vectors = trained.model.customers(*tensors)
            own = trained.model.history_scores(vectors, *tensors).numpy()
        own = own + trained.trend_now[np.minimum(histories.items, trained.model.n_items - 1)]
        normalisers = self._normalisers(vectors.numpy(), histories, own)
        scores, found = trained.index.search(queries_of(vectors.numpy()), k + OVERFETCH)
        lists = []
        for b, row in enumerate(rows):
            slots = np.flatnonzero(histories.mask[b])
            # Own products first: np.unique keeps the first of duplicates, so a product the
            # customer had is scored with its repeat term, never by taste alone.
            items = np.concatenate([histories.items[b, slots], found[b]])
            values = np.concatenate([own[b, slots], scores[b]])
            items, first = np.unique(items, return_index=True)
            values = values[first]
            keep = (items >= 0) & self._allowed(int(row), items)
            items, values = items[keep], values[keep]
            best = np.lexsort((items, -values))[:k]
            probability = np.exp(values[best].astype(np.float64) - normalisers[b])
            lists.append(list(zip(items[best].tolist(), probability.tolist(), strict=True)))
        catalogue = trained.catalogue
        if not with_reasons:
            return [[catalogue.recommendation(j, p, []) for j, p in found_] for found_ in lists]
        bought, customers = self.signals.bought, self.interactions.users[rows].astype(str)
        return explained(
            trained.model,
            catalogue,
            bought,
            rows,
            histories,
            tensors,
            lists,
            customers.tolist(),
            units_and_orders,
        )

    def popular(self, k: int = 10, segment: str | None = None) -> list[Recommendation]:
        """What is popular in `segment` (else across the store), for a customer the recommender
        has no signals of at all (not even in the store it follows): only what cannot be bought
        now is excluded."""
        return self._popular_in(-1, segment, k)

    def _allowed(self, row: int, items: np.ndarray) -> np.ndarray:
        """(N,) bool: which of these products the customer may be offered (row -1: a customer
        unknown here, for whom only what cannot be bought now is excluded)."""
        if row < 0:
            listed: np.ndarray = self.trained.catalogue.listed[np.maximum(items, 0)]
            return listed
        start, end = self._excluded.indptr[row], self._excluded.indptr[row + 1]
        listed = self.trained.catalogue.listed[np.maximum(items, 0)]
        allowed: np.ndarray = listed & ~np.isin(items, self._excluded.indices[start:end])
        return allowed

    def _normalisers(
        self,
        vectors: np.ndarray,
        histories: Histories | None = None,
        own: np.ndarray | None = None,
    ) -> np.ndarray:
        """log of the softmax denominator over every product, per customer (B,)."""
        logits = torch.as_tensor(queries_of(vectors)) @ torch.as_tensor(self.trained.vectors).T
        if histories is not None and own is not None:
            rows, slots = np.nonzero(histories.mask)
            logits[rows, histories.items[rows, slots]] = torch.as_tensor(own[rows, slots])
        result: np.ndarray = torch.logsumexp(logits, dim=1).numpy().astype(np.float64)
        return result

    def _popular_in(self, row: int, segment: str | None, k: int) -> list[Recommendation]:
        """Cold start: the products most customers of the segment bought, share as score.

        Exclusions still apply: a customer with no purchases may have rated a product 1 star.
        """
        counts, members = self._segment_popularity(segment)
        if segment is not None and members == 0:
            counts, members = self._segment_popularity(None)
            where = f"across the store (segment '{segment}' has no purchases to go on)"
        else:
            where = "across the store" if segment is None else f"in segment '{segment}'"
        order = np.lexsort((np.arange(len(counts)), -counts))
        order = order[counts[order] > 0]
        picks = order[self._allowed(row, order)][:k]
        population = f"{members:,} customers with purchases"
        return [
            self.trained.catalogue.recommendation(
                int(j),
                counts[j] / max(members, 1),
                [f"popular {where}: bought by {int(counts[j]):,} of {population}"],
            )
            for j in picks
        ]

    def _segment_popularity(self, segment: str | None) -> tuple[np.ndarray, int]:
        if segment not in self._popular:
            rows = self.signals.rows
            if segment is None:
                members = np.arange(self.signals.interactions.n_users)
            else:
                ids = [c for c, s in self.trained.segments.items() if s == segment]
                members = np.array([rows[c] for c in ids if c in rows], dtype=np.int64)
            bought = self.signals.bought[members]
            buyers = np.asarray((bought > 0).sum(axis=0)).ravel().astype(np.float64)
            with_purchases = int((np.diff(bought.indptr) > 0).sum())
            self._popular[segment] = (buyers, with_purchases)
        return self._popular[segment]


def _tensors(histories: Histories) -> Tensors:
    return (
        torch.as_tensor(histories.items),
        torch.as_tensor(histories.features),
        torch.as_tensor(histories.mask),
    )


def _softmax_rows(scores: np.ndarray, normalisers: np.ndarray) -> np.ndarray:
    result: np.ndarray = np.exp(scores.astype(np.float64) - normalisers[:, None])
    return result


def _scaled(found: list[Recommendation], probability: float | None) -> list[Recommendation]:
    if probability is None:
        return found
    return [
        Recommendation(
            r.product_id,
            r.title,
            r.category,
            round(r.score * probability, 6),
            [*r.reasons, f"customer's purchase probability {probability:.0%} (score scaled by it)"],
        )
        for r in found
    ]
