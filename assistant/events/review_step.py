"""Step 3 of applying events (apply.py): the new reviews join the review index, with their
sentiment. Moved here from apply.py, which keeps the order of the steps and what to do when
one fails; this file keeps what the review step needs between applications (the sentiment
head, the index it saved last).
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from assistant.events.batch import REVIEW_COLUMNS
from commerce.errors import RetainError
from commerce.workspace import Store, Workspace
from retrieval.artifact import ARTIFACT
from retrieval.build import open_review_index, reviews_folder
from retrieval.embedder import Embedder
from retrieval.reviews import ReviewIndex
from retrieval.sentiment import SentimentHead, analyse, review_label

logger = logging.getLogger("retain.events")


@dataclass
class ReviewStep:
    """Adds a batch's new reviews to one workspace's review index."""

    workspace: Workspace
    embedder: Callable[[], Embedder]
    _head: SentimentHead | None = field(default=None, init=False)
    _index: tuple[tuple[int, int] | None, ReviewIndex] | None = field(default=None, init=False)

    def index_reviews(self, rows: pd.DataFrame | None, store: Store) -> pd.DataFrame:
        """Add the new reviews to the review index (when the workspace has a usable one) and
        return them with their sentiment."""
        if rows is None or rows.empty:
            return pd.DataFrame(columns=REVIEW_COLUMNS)
        embedder = self.embedder()
        head = self._head = self._head or SentimentHead.load()
        index = self._open_index(store)
        if index is not None:
            self._index = None  # until saved: a failure below leaves the index half-changed
            try:
                index.add(rows, embedder, head)
                index.store_version = store.version
                meta = index.metadata.set_index("review_id").loc[rows["review_id"]]
                indexed = rows.assign(
                    sentiment=meta["sentiment_score"].to_numpy(dtype=float),
                    sentiment_label=meta["sentiment_label"].to_numpy(),
                )[REVIEW_COLUMNS]
                # Saved last: an application that fails after this could not put it back.
                folder = reviews_folder(self.workspace)
                index.save(folder)
                self._index = (_stamp(folder / ARTIFACT), index)
                return indexed
            except RetainError as error:  # e.g. vectors of another embedder: rebuild needed
                logger.warning("new reviews not indexed: %s", error)
        found = analyse(rows["text"].tolist(), embedder, head)
        return rows.assign(
            sentiment=[s.score for s in found],
            sentiment_label=[
                review_label(s.score, rating, head.neutral_band)
                for s, rating in zip(found, rows["rating"].astype("float64"), strict=True)
            ],
        )[REVIEW_COLUMNS]

    def _open_index(self, store: Store) -> ReviewIndex | None:
        """The review index: the one this step saved last when nobody rewrote it since
        (loading it costs more than the rest of a small application), else from disk."""
        stamp = _stamp(reviews_folder(self.workspace) / ARTIFACT)
        if self._index is not None and self._index[0] == stamp:
            cached = self._index[1]
            if store.derives_from(cached.store_version):
                return cached
        try:
            return open_review_index(self.workspace)
        except RetainError as error:
            logger.info("no usable review index for new reviews: %s", error)
            return None


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return (stat.st_mtime_ns, stat.st_size)
