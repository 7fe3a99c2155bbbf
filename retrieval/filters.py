"""Which indexed reviews a search may return: customers (or a segment's customers), products,
sentiment, rating range, date range and words the text mentions, applied to the index's
metadata.

Segments do not exist yet (a later issue): a segment filter is the set of its customer ids,
passed as `customer_ids`, so "reviews of at-risk customers" is `customer_ids=at_risk_ids`.
"""

import re
from collections.abc import Collection
from dataclasses import dataclass

import numpy as np
import pandas as pd

from commerce.errors import InvalidInput
from retrieval.sentiment import LABELS, Label


@dataclass(frozen=True)
class ReviewFilter:
    """Conditions a review must meet, all of them; None means no condition.

    Ratings are 1-5; a review without a rating never passes a rating condition. Dates are
    inclusive: `until` 2024-03-31 keeps reviews written any time that day.
    """

    customer_ids: Collection[str] | None = None
    product_ids: Collection[str] | None = None
    sentiment: Label | None = None
    min_rating: float | None = None
    max_rating: float | None = None
    since: pd.Timestamp | None = None
    until: pd.Timestamp | None = None
    # Words the text must mention, every one, in any case, as a whole word or its plural:
    # "earl grey" keeps "Earl Grey teas" and not "pearl" or "greyhound".
    mentions: tuple[str, ...] | None = None

    def __post_init__(self) -> None:
        if self.sentiment is not None and self.sentiment not in LABELS:
            raise InvalidInput(f"sentiment '{self.sentiment}' is not one of {', '.join(LABELS)}")
        low, high = self.min_rating, self.max_rating
        if low is not None and high is not None and low > high:
            raise InvalidInput(f"rating range {low} to {high} is empty (min above max)")
        if self.since is not None and self.until is not None and self.since > self.until:
            raise InvalidInput(
                f"date range {self.since:%Y-%m-%d} to {self.until:%Y-%m-%d} is empty"
            )

    @property
    def is_empty(self) -> bool:
        """True when the filter lets every review through."""
        return all(value is None for value in vars(self).values())


def matching_rows(metadata: pd.DataFrame, where: ReviewFilter) -> np.ndarray:
    """Positions (= vector ids) of the metadata rows that pass the filter, ascending."""
    keep = np.ones(len(metadata), dtype=bool)
    if where.customer_ids is not None:
        keep &= metadata["customer_id"].isin(set(where.customer_ids)).to_numpy()
    if where.product_ids is not None:
        keep &= metadata["product_id"].isin(set(where.product_ids)).to_numpy()
    if where.sentiment is not None:
        keep &= (metadata["sentiment_label"] == where.sentiment).to_numpy()
    rating = metadata["rating"].to_numpy(dtype=np.float64)
    if where.min_rating is not None:
        keep &= rating >= where.min_rating  # NaN compares False: unrated reviews drop out
    if where.max_rating is not None:
        keep &= rating <= where.max_rating
    if where.since is not None:
        keep &= (metadata["ts"] >= where.since).to_numpy()
    if where.until is not None:
        end = where.until.normalize() + pd.Timedelta(days=1)
        keep &= (metadata["ts"] < end).to_numpy()
    for word in where.mentions or ():
        if not keep.any():
            break
        said = re.compile(rf"\b{re.escape(word)}(?:s|es)?\b", re.IGNORECASE)
        texts = metadata["text"].to_numpy(dtype=object)
        keep[keep] = [said.search(str(text)) is not None for text in texts[keep]]
    return np.flatnonzero(keep)
