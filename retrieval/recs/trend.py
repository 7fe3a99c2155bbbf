"""What is selling now: each product's purchases in the weeks before a given day.

A product's bias says how popular it is over the whole log; what sells this month can differ
(a new film, a seasonal tea). The model reads log1p(purchases in the last `window` days) for
each of a few windows and learns how much each counts. Counts come from a cumulative
product x week table, so any (product, day) pair is two lookups; the week a day falls in is
left out (it holds the very basket being predicted).

Only meaningful where days are on one calendar for everyone: Instacart's days count from each
user's first order, so its evaluation turns trends off (no windows).
"""

import numpy as np

MAX_BUCKETS = 600  # weeks kept in the table (11 years); a longer log uses longer buckets


class Trend:
    """Recent purchases of products, (..., windows) features for any days."""

    def __init__(
        self,
        items: np.ndarray,
        days: np.ndarray,
        n_items: int,
        windows: tuple[int, ...],
        bucket_days: float = 7.0,
    ) -> None:
        self.windows = windows
        self.n_items = n_items
        start = float(days.min()) if len(days) else 0.0
        span = (float(days.max()) - start) if len(days) else 0.0
        self.start = start
        self.bucket_days = max(bucket_days, span / MAX_BUCKETS)
        buckets = int(span // self.bucket_days) + 2
        counts = np.zeros((buckets, n_items), dtype=np.int32)
        if windows and len(days):
            np.add.at(counts, (self._bucket(days), items), 1)
        # cumulative[b, j]: purchases of j in buckets before b. Bucket-major, so the products
        # looked up for one day sit in one row (a batch reads a few rows, not scattered cells).
        self.cumulative = np.zeros((buckets + 1, n_items), dtype=np.int32)
        np.cumsum(counts, axis=0, out=self.cumulative[1:])

    @property
    def size(self) -> int:
        return len(self.windows)

    def features(self, items: np.ndarray, now: np.ndarray) -> np.ndarray:
        """(B, N, windows) log1p purchases of items (B, N) or (N,) before each day now (B,)."""
        now = np.asarray(now, dtype=np.float64).reshape(-1)
        items = np.broadcast_to(items, (len(now), *np.shape(items)[-1:]))
        end = np.clip(self._bucket(now), 0, self.cumulative.shape[0] - 1)[:, None]
        result = np.zeros((*items.shape, self.size), dtype=np.float32)
        flat = self.cumulative.reshape(-1)  # flat indices: np.take beats 2-d fancy indexing
        upto = np.take(flat, end * self.n_items + items)
        for w, window in enumerate(self.windows):
            begin = np.maximum(end - max(1, round(window / self.bucket_days)), 0)
            counts = (upto - np.take(flat, begin * self.n_items + items)).astype(np.float32)
            result[..., w] = np.log1p(counts)
        return result

    def _bucket(self, days: np.ndarray) -> np.ndarray:
        bucket: np.ndarray = ((days - self.start) // self.bucket_days).astype(np.int64)
        return bucket
