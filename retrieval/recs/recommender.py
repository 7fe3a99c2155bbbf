"""Recommendations for a customer: candidates, re-ranking, exclusions, cold start, reasons.

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

Signals newer than training (the store grown by events) are read without retraining:
`following(current)` serves the same model and product vectors over the current signals, so
what a customer bought or disliked yesterday is excluded and shapes their history.
"""

import copy
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import torch
from scipy import sparse

from commerce.errors import InvalidInput, NotFound
from retrieval.recs.candidates import CandidateIndex, queries_of
from retrieval.recs.catalogue import Catalogue, Recommendation
from retrieval.recs.examples import EventLog, Histories
from retrieval.recs.interactions import Interactions, SignalWeights
from retrieval.recs.model import ModelConfig, TwoTower
from retrieval.recs.train import trend_of

# Categories bought on a routine in the demo store (a grocery shop): offered again when bought.
DEFAULT_REPEATABLE = ("Coffee", "Tea", "Beverages", "Pet food", "Baby food")
OVERFETCH = 50  # candidates retrieved beyond k, so k remain after exclusions
BATCH = 1024


@dataclass(frozen=True)
class ExclusionRules:
    """What a customer is not offered again; categories compare without case."""

    repeatable_categories: tuple[str, ...] = DEFAULT_REPEATABLE
    exclude_disliked: bool = True

    def repeatable(self, categories: np.ndarray) -> np.ndarray:
        """(I,) bool: products whose category may be bought again."""
        allowed = {c.strip().lower() for c in self.repeatable_categories}
        return np.array([str(c).strip().lower() in allowed for c in categories], dtype=bool)


class Recommender:
    """Trained model + product index + the interactions it reads histories from."""

    def __init__(
        self,
        interactions: Interactions,
        model: TwoTower,
        config: ModelConfig,
        index: CandidateIndex | None,
        text_index: CandidateIndex,
        catalogue: Catalogue,
        as_of: float,
        rules: ExclusionRules | None = None,
        segments: Mapping[str, str] | None = None,
        weights: SignalWeights | None = None,
    ) -> None:
        self.model = model.eval()
        self.config = config
        self.weights = weights or SignalWeights()  # what the signals were read with
        # What sells at the serving day is fixed, so the trend term joins each product's bias
        # and the index scores exactly what the model would.
        trend = trend_of(EventLog.of(interactions), config)
        with torch.no_grad():
            day = np.array([as_of])
            features = torch.as_tensor(trend.features(np.arange(model.n_items), day))
            self.trend_now = model.trend_scores(features)[0].numpy()
        self.vectors = model.product_vectors(self.trend_now)
        self.index = index if index is not None else CandidateIndex.build(self.vectors)
        self.text_index = text_index
        self.catalogue = catalogue
        self.as_of = as_of
        self.rules = rules or ExclusionRules()
        self.segments = dict(segments or {})
        self._products = {str(p): i for i, p in enumerate(catalogue.product_ids)}
        self._repeatable = self.rules.repeatable(catalogue.categories)
        self._read(interactions)

    def following(self, current: Interactions) -> "Recommender":
        """This recommender reading `current` signals (the store as it is now, grown by events
        since training) with the same model, product vectors and catalogue: histories,
        exclusions and cold-start popularity follow the store without retraining. Signals on
        products the model does not know are left out (it cannot offer them). Histories are
        seen at the later of the training day and the newest signal."""
        served = copy.copy(self)
        served._read(current.on_items(self.catalogue.product_ids))
        if len(served.interactions.frame):
            served.as_of = max(self.as_of, float(served.interactions.frame["ts"].max()))
        return served

    def _read(self, interactions: Interactions) -> None:
        """Take histories, exclusions and popularity from these signals (coded on the
        catalogue's products)."""
        self.interactions = interactions
        self.log = EventLog.of(interactions)
        self._rows = {str(c): i for i, c in enumerate(interactions.users)}
        self._bought = interactions.matrix(purchases_only=True).tocsr()
        self._disliked = sparse.csr_matrix(
            (
                np.ones(len(interactions.disliked)),
                (interactions.disliked["user"], interactions.disliked["item"]),
            ),
            shape=(interactions.n_users, interactions.n_items),
        )
        # Per customer, what they may not be offered: bought and not repeatable, or disliked.
        once = self._bought.multiply(~self._repeatable[None, :]).tocsr()
        self._excluded = once + (self._disliked if self.rules.exclude_disliked else 0 * once)
        self._excluded.eliminate_zeros()
        self._popular: dict[str | None, tuple[np.ndarray, int]] = {}

    def recommend(
        self,
        customer_id: str,
        k: int = 10,
        *,
        purchase_probability: float | None = None,
        segment: str | None = None,
    ) -> list[Recommendation]:
        """The k products this customer is most likely to buy next, best first, with reasons.

        Unknown customer: NotFound. A customer without history gets what is popular in
        `segment` (or the segment they were given at build time; else the whole store).
        """
        probabilities = (
            None if purchase_probability is None else {customer_id: purchase_probability}
        )
        segments = None if segment is None else {customer_id: segment}
        return self.recommend_many([customer_id], k, probabilities, segments)[customer_id]

    def recommend_many(
        self,
        customer_ids: Sequence[str],
        k: int = 10,
        purchase_probabilities: Mapping[str, float] | None = None,
        segments: Mapping[str, str] | None = None,
        reasons: bool = True,
    ) -> dict[str, list[Recommendation]]:
        """`recommend` for many customers at once (batched through the model and the index)."""
        if k < 1:
            raise InvalidInput(f"k must be at least 1, got {k}")
        rows = self._customer_rows(customer_ids)
        probabilities = dict(purchase_probabilities or {})
        for customer, p in probabilities.items():
            if not 0.0 <= p <= 1.0:
                raise InvalidInput(f"purchase probability of {customer} must be in [0, 1], got {p}")
        active = np.diff(self.log.offsets)[rows] > 0
        result: dict[str, list[Recommendation]] = {}
        warm = np.flatnonzero(active)
        for start in range(0, len(warm), BATCH):
            chunk = warm[start : start + BATCH]
            ids = [str(customer_ids[int(i)]) for i in chunk]
            lists = self._personal(rows[chunk], k, reasons)
            for customer, found in zip(ids, lists, strict=True):
                result[customer] = _scaled(found, probabilities.get(customer))
        for i in np.flatnonzero(~active):
            customer = str(customer_ids[int(i)])
            segment = (segments or {}).get(customer) or self.segments.get(customer)
            found = self._popular_in(int(rows[i]), segment, k)
            result[customer] = _scaled(found, probabilities.get(customer))
        return result

    def similar_products(self, product_id: str, k: int = 10) -> list[Recommendation]:
        """Products bought by the customers who buy this one; by description when no one has."""
        if k < 1:
            raise InvalidInput(f"k must be at least 1, got {k}")
        item = self._products.get(str(product_id))
        if item is None:
            raise NotFound(f"product {product_id} is not in the catalogue the recommender knows")
        name = self.catalogue.title(item)
        if self.catalogue.buyers[item] == 0:
            scores, found = self.text_index.search(self.text_index.vector(item)[None, :], k + 1)
            reason = f"described like {name} (no purchases of it yet)"
        else:
            with torch.no_grad():
                vector = self.model.item_in(torch.tensor([item]))
                vector = vector + self.model.user(vector)
            query = queries_of(vector.numpy())
            scores, found = self.index.search(query, k + 1 + OVERFETCH)
            scores = _softmax_rows(scores, self._normalisers(vector.numpy()))
            reason = f"customers who bought {name} also buy this"
        picks = [
            (int(j), float(s))
            for j, s in zip(found[0], scores[0], strict=True)
            if j >= 0 and j != item and self.catalogue.listed[j]
        ][:k]
        return [self.catalogue.recommendation(j, s, [reason]) for j, s in picks]

    def _customer_rows(self, customer_ids: Sequence[str]) -> np.ndarray:
        rows = [self._rows.get(str(c), -1) for c in customer_ids]
        unknown = [str(c) for c, r in zip(customer_ids, rows, strict=True) if r < 0]
        if unknown:
            shown = ", ".join(unknown[:5]) + (" ..." if len(unknown) > 5 else "")
            raise NotFound(f"unknown customer id(s): {shown}")
        return np.array(rows, dtype=np.int64)

    def _personal(self, rows: np.ndarray, k: int, with_reasons: bool) -> list[list[Recommendation]]:
        """Model recommendations for customers with a history (one list per row)."""
        now = np.full(len(rows), self.as_of)
        histories = self.log.latest_histories(rows, now, self.config.history)
        tensors = _tensors(histories)
        with torch.no_grad():
            vectors = self.model.customers(*tensors)
            own = self.model.history_scores(vectors, *tensors).numpy()
        own = own + self.trend_now[np.minimum(histories.items, self.model.n_items - 1)]
        normalisers = self._normalisers(vectors.numpy(), histories, own)
        scores, found = self.index.search(queries_of(vectors.numpy()), k + OVERFETCH)
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
        if not with_reasons:
            return [
                [self.catalogue.recommendation(j, p, []) for j, p in found_] for found_ in lists
            ]
        return self._explained(rows, histories, tensors, lists)

    def popular(self, k: int = 10, segment: str | None = None) -> list[Recommendation]:
        """What is popular in `segment` (else across the store), for a customer the recommender
        has no signals of at all (not even in the store it follows): only what cannot be bought
        now is excluded."""
        return self._popular_in(-1, segment, k)

    def _allowed(self, row: int, items: np.ndarray) -> np.ndarray:
        """(N,) bool: which of these products the customer may be offered (row -1: a customer
        unknown here, for whom only what cannot be bought now is excluded)."""
        if row < 0:
            listed: np.ndarray = self.catalogue.listed[np.maximum(items, 0)]
            return listed
        start, end = self._excluded.indptr[row], self._excluded.indptr[row + 1]
        listed = self.catalogue.listed[np.maximum(items, 0)]
        allowed: np.ndarray = listed & ~np.isin(items, self._excluded.indices[start:end])
        return allowed

    def _normalisers(
        self,
        vectors: np.ndarray,
        histories: Histories | None = None,
        own: np.ndarray | None = None,
    ) -> np.ndarray:
        """log of the softmax denominator over every product, per customer (B,)."""
        logits = torch.as_tensor(queries_of(vectors)) @ torch.as_tensor(self.vectors).T  # (B, I)
        if histories is not None and own is not None:
            rows, slots = np.nonzero(histories.mask)
            logits[rows, histories.items[rows, slots]] = torch.as_tensor(own[rows, slots])
        result: np.ndarray = torch.logsumexp(logits, dim=1).numpy().astype(np.float64)
        return result

    def _explained(
        self,
        rows: np.ndarray,
        histories: Histories,
        tensors: tuple[torch.Tensor, torch.Tensor, torch.Tensor],
        lists: list[list[tuple[int, float]]],
    ) -> list[list[Recommendation]]:
        width = max((len(found) for found in lists), default=0)
        products = np.zeros((len(rows), max(width, 1)), dtype=np.int64)
        for b, found in enumerate(lists):
            products[b, : len(found)] = [j for j, _ in found]
        with torch.no_grad():
            parts = self.model.contributions(*tensors, torch.as_tensor(products)).numpy()
        parts = np.where(histories.mask[:, :, None], parts, -np.inf)
        strongest = parts.argmax(axis=1)  # (B, K): the history product that adds most
        sources = histories.items[np.arange(len(rows))[:, None], strongest]
        helps = np.take_along_axis(parts, strongest[:, None, :], axis=1)[:, 0] > 0
        explained = []
        for b, found in enumerate(lists):
            start, end = self._bought.indptr[rows[b]], self._bought.indptr[rows[b] + 1]
            bought = dict(
                zip(
                    self._bought.indices[start:end].tolist(),
                    self._bought.data[start:end].tolist(),
                    strict=True,
                )
            )
            slot_of = {int(histories.items[b, s]): s for s in np.flatnonzero(histories.mask[b])}
            recommendations = []
            for position, (item, probability) in enumerate(found):
                slot = slot_of.get(item)
                if slot is not None:
                    days = float(np.expm1(histories.features[b, slot, 3]))
                    reason = self._repeat_reason(item, bought.get(item, 0.0), days)
                elif helps[b, position]:
                    source = int(sources[b, position])
                    reason = self._because_reason(source, source in bought, item)
                else:  # nothing in the history speaks for it: it is there on popularity
                    reason = "popular with customers overall"
                reasons = [reason, f"bought by {int(self.catalogue.buyers[item]):,} customers"]
                recommendations.append(self.catalogue.recommendation(item, probability, reasons))
            explained.append(recommendations)
        return explained

    def _repeat_reason(self, item: int, times: float, days: float) -> str:
        if times == 0:
            return f"showed interest in it {days:.0f} days ago (viewed or reviewed, not bought)"
        category = self.catalogue.categories[item]
        again = f"; {category} is bought again" if category is not None else ""
        plural = "time" if round(times) == 1 else "times"
        return f"bought it {times:.0f} {plural}, last {days:.0f} days ago{again}"

    def _because_reason(self, source: int, bought: bool, item: int) -> str:
        name = self.catalogue.title(source)
        category = self.catalogue.categories[source]
        named = f"{name} ({category})" if category is not None else name
        verb = "bought" if bought else "viewed or reviewed"
        reason = f"{verb} {named}; customers who buy it also buy this"
        borrowed = int(self.catalogue.borrowed[item])
        if borrowed >= 0:
            reason += f" (new product, described like {self.catalogue.title(borrowed)})"
        return reason

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
            self.catalogue.recommendation(
                int(j),
                counts[j] / max(members, 1),
                [f"popular {where}: bought by {int(counts[j]):,} of {population}"],
            )
            for j in picks
        ]

    def _segment_popularity(self, segment: str | None) -> tuple[np.ndarray, int]:
        if segment not in self._popular:
            if segment is None:
                members = np.arange(self.interactions.n_users)
            else:
                ids = [c for c, s in self.segments.items() if s == segment]
                members = np.array([self._rows[c] for c in ids if c in self._rows], dtype=np.int64)
            bought = self._bought[members]
            buyers = np.asarray((bought > 0).sum(axis=0)).ravel().astype(np.float64)
            with_purchases = int((np.diff(bought.indptr) > 0).sum())
            self._popular[segment] = (buyers, with_purchases)
        return self._popular[segment]


def _tensors(histories: Histories) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
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
