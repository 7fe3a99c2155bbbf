"""Training examples: a customer's history up to an order, and what that order held.

A cut is a purchase basket of one customer. Its history is every signal before the basket,
one row per distinct product with what the model reads about it:

    FEATURES   log1p(weight)         all signals on the product, weighted (SignalWeights)
               log1p(purchases)      how often it was bought
               purchases / baskets   the share of the customer's orders that held it
               log1p(days since)     days from the last signal on it to the cut
               log1p(orders since)   the customer's orders since it was last bought

and its targets are the distinct products bought in the basket (and the `window - 1` baskets
after it). Histories keep the `history` most recent products. The same function serves
training (cuts inside the log) and scoring (a cut after the last signal, at a given day), so
what the model reads at serving time is what it learned from.

Built batch-wise with numpy (no per-customer Python loop): events of every example in a batch
are gathered, grouped by (example, product) with one sort, and reduced.
"""

from dataclasses import dataclass

import numpy as np

from retrieval.recs.interactions import Interactions

FEATURES = 5


@dataclass
class Histories:
    """A padded batch of histories: (B, H) products, (B, H, FEATURES) what is known of each."""

    items: np.ndarray  # (B, H) int64, `pad` where empty
    features: np.ndarray  # (B, H, FEATURES) float32
    mask: np.ndarray  # (B, H) bool, True where a product is
    now: np.ndarray  # (B,) the day each history is seen at (the cut's, or the scoring day)


@dataclass
class EventLog:
    """Interactions laid out per user for cutting: arrays in (user, ts, basket) order."""

    offsets: np.ndarray  # (U + 1,) where each user's events start
    item: np.ndarray
    ts: np.ndarray
    weight: np.ndarray
    purchase: np.ndarray
    baskets_before: np.ndarray  # per event: the user's purchase baskets that started earlier
    cut_offsets: np.ndarray  # (U + 1,) into `cuts`
    cuts: np.ndarray  # event positions where a user's purchase baskets start (after the first)
    baskets: np.ndarray  # (U,) purchase baskets of each user
    n_items: int

    @classmethod
    def of(cls, interactions: Interactions) -> "EventLog":
        frame = interactions.frame
        user = frame["user"].to_numpy()
        offsets = np.searchsorted(user, np.arange(interactions.n_users + 1))
        purchase = frame["purchase"].to_numpy()
        basket = frame["basket"].to_numpy()
        position = np.arange(len(frame))
        # A purchase basket starts at a purchase whose basket differs from the user's previous
        # purchase (events are sorted by user, day, basket, so a basket's lines are adjacent).
        bought = position[purchase]
        new = np.ones(len(bought), dtype=bool)
        new[1:] = (basket[bought][1:] != basket[bought][:-1]) | (
            user[bought][1:] != user[bought][:-1]
        )
        starts = bought[new]
        started = np.zeros(len(frame), dtype=np.int64)
        started[starts] = 1
        running = np.cumsum(started)
        first = offsets[user]  # each event's user's first position
        ordinal = running - (running[first] - started[first])  # baskets started so far
        # A purchase belongs to the basket that started last (ordinal - 1); any other signal
        # comes after `ordinal` baskets. Either way: the baskets completed before it.
        baskets_before = ordinal - purchase
        cuts = starts[baskets_before[starts] > 0]  # the first basket has no history to learn from
        cut_offsets = np.searchsorted(user[cuts], np.arange(interactions.n_users + 1))
        return cls(
            offsets=offsets,
            item=frame["item"].to_numpy(np.int64),
            ts=frame["ts"].to_numpy(np.float64),
            weight=frame["weight"].to_numpy(np.float32),
            purchase=purchase,
            baskets_before=baskets_before,
            cut_offsets=cut_offsets,
            cuts=cuts,
            baskets=np.bincount(user[starts], minlength=interactions.n_users),
            n_items=interactions.n_items,
        )

    def histories(
        self,
        users: np.ndarray,
        ends: np.ndarray,
        now: np.ndarray,
        baskets: np.ndarray,
        history: int,
    ) -> Histories:
        """Histories of events [start of user, end), seen at day `now` after `baskets` orders.

        (B, <= history) products each, the most recent first.
        """
        starts = self.offsets[users]
        lengths = np.maximum(ends - starts, 0)
        example = np.repeat(np.arange(len(users)), lengths)
        position = _ranges(starts, lengths)
        key = example * self.n_items + self.item[position]
        order = np.argsort(key, kind="stable")  # keeps time order inside each product
        key, position = key[order], position[order]
        group = np.flatnonzero(np.r_[True, key[1:] != key[:-1]])
        last = np.r_[group[1:], len(key)] - 1
        at_last = position[last]
        ex = key[group] // self.n_items
        weight = np.add.reduceat(self.weight[position], group) if len(key) else np.zeros(0)
        bought = self.purchase[position].astype(np.float32)
        purchases = np.add.reduceat(bought, group) if len(key) else np.zeros(0)
        last_bought = _last_purchase(self.baskets_before[position], bought, group)
        baskets = np.maximum(baskets, 1).astype(np.float32)
        # Most recent first, so truncation keeps the newest `history` products of each example.
        recent = np.lexsort((-at_last, ex))
        rank = np.arange(len(recent)) - np.searchsorted(ex[recent], ex[recent])
        keep = recent[rank < history]
        slot = rank[rank < history]
        width = max(1, int(slot.max()) + 1) if len(slot) else 1
        items = np.full((len(users), width), self.n_items, dtype=np.int64)
        features = np.zeros((len(users), width, FEATURES), dtype=np.float32)
        mask = np.zeros((len(users), width), dtype=bool)
        rows = ex[keep]
        items[rows, slot] = key[group][keep] % self.n_items
        mask[rows, slot] = True
        since_orders = np.where(purchases[keep] > 0, baskets[rows] - last_bought[keep], -1.0)
        features[rows, slot] = np.stack(
            [
                np.log1p(weight[keep]),
                np.log1p(purchases[keep]),
                purchases[keep] / baskets[rows],
                np.log1p(np.maximum(now[rows] - self.ts[at_last[keep]], 0.0)),
                np.log1p(np.maximum(since_orders, 0.0)) - (since_orders < 0),
            ],
            axis=1,
        )
        return Histories(items, features, mask, np.asarray(now, dtype=np.float64))

    def training_histories(self, cuts: np.ndarray, history: int) -> Histories:
        """Histories just before these cut positions, seen on the day of the cut's basket."""
        users = np.searchsorted(self.offsets, cuts, side="right") - 1
        return self.histories(users, cuts, self.ts[cuts], self.baskets_before[cuts], history)

    def latest_histories(self, users: np.ndarray, now: np.ndarray, history: int) -> Histories:
        """Histories of everything these users did, seen at day `now` (scoring, serving)."""
        return self.histories(users, self.offsets[users + 1], now, self.baskets[users], history)

    def targets(
        self, cuts: np.ndarray, window: int, limit: int, stop: np.ndarray | None = None
    ) -> np.ndarray:
        """Distinct products bought in the cut's basket and the `window - 1` after, (B, P).

        Never from baskets at or after `stop` (per cut: a basket ordinal held out for
        validation). Padded with -1; at most `limit` per example (the first ones bought).
        """
        users = np.searchsorted(self.offsets, cuts, side="right") - 1
        first = self.baskets_before[cuts]
        last = first + window if stop is None else np.minimum(first + window, stop)
        rows: list[np.ndarray] = []
        for user, cut, end_basket in zip(users, cuts, last, strict=True):
            span = slice(cut, self.offsets[user + 1])
            inside = self.purchase[span] & (self.baskets_before[span] < end_basket)
            rows.append(np.unique(self.item[span][inside])[:limit])
        width = max(1, max((len(r) for r in rows), default=1))
        padded = np.full((len(cuts), width), -1, dtype=np.int64)
        for i, row in enumerate(rows):
            padded[i, : len(row)] = row
        return padded


def _ranges(starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """Concatenated np.arange(start, start + length) for each pair, without a Python loop."""
    total = int(lengths.sum())
    if total == 0:
        return np.zeros(0, dtype=np.int64)
    offsets = np.repeat(starts - np.cumsum(np.r_[0, lengths[:-1]]), lengths)
    positions: np.ndarray = np.arange(total, dtype=np.int64) + offsets
    return positions


def _last_purchase(basket: np.ndarray, bought: np.ndarray, group: np.ndarray) -> np.ndarray:
    """Per group: the basket ordinal of its last purchase (-1 when never bought)."""
    if len(basket) == 0:
        return np.zeros(0, dtype=np.float32)
    marked = np.where(bought > 0, basket, -1).astype(np.float32)
    latest: np.ndarray = np.maximum.reduceat(marked, group)
    return latest
