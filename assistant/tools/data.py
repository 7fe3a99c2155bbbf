"""The store's data as the tools read it: loaded lazily, once, and shared by every request.

StoreData names the parts (history, segments, scores, indexes, the model, per-customer lookups)
and how each loads; part_cache.py keeps them, per store version, and says when each loads again
(and how the events worker's `hold` and `refresh` hand a new version over).
"""

import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any, Literal

import pandas as pd

from assistant.drafting import catalogue
from assistant.tools.customer_lookup import Customers
from assistant.tools.decisions import NO_SCORES
from assistant.tools.indexes import customer_index
from assistant.tools.lookups import CustomerReviews, ScoreTable, SegmentIndex, product_rows
from assistant.tools.part_cache import PartCache
from assistant.tools.part_cache import index_folder as index_folder
from assistant.tools.purchases import Purchases
from commerce.errors import NotFound, RetainError
from predictors.artifacts import load_predictor
from predictors.history import History, from_store
from predictors.pipeline import latest_model, latest_scores
from predictors.predictor import Predictor
from predictors.segment_facts import customer_segments, segment_table
from retrieval.build import open_review_index
from retrieval.customers import CustomerIndex
from retrieval.recs.build import open_recommender
from retrieval.recs.recommender import Recommender
from retrieval.recs.signals import read_signals
from retrieval.reviews import REVIEW_COLUMNS, ReviewIndex

READINESS = ("store", "customers", "segments", "scores", "review_index", "customer_index", "model")


@dataclass(frozen=True)
class LoadedModel:
    """The latest trained predictor with its document (predictor.json) and folder."""

    predictor: Predictor
    document: dict[str, Any]
    folder: Path
    created_at: str | None


class StoreData(PartCache):
    """Thread-safe, lazily loaded views of one workspace, cached per store version."""

    def history(self) -> History:
        return self._get("history", ("store",), lambda: from_store(self.store()))

    def customers(self) -> Customers:
        """Known ids, contacts and orders per customer."""
        return self._get("customers", ("store",), lambda: Customers(self.store()))

    def purchases(self) -> Purchases:
        """What each customer bought, read from the order lines when a profile first asks."""
        return self._get("purchases", ("store",), lambda: Purchases(self.store()))

    def segment_frame(self) -> pd.DataFrame:
        """predictors.segment_facts.customer_segments at the store's last day."""

        def load() -> pd.DataFrame:
            history = self.history()
            return customer_segments(history, history.last_day)

        return self._get("segment_frame", ("store",), load)

    def segments(self) -> SegmentIndex:
        return self._get("segments", ("store",), lambda: SegmentIndex(self.segment_frame()))

    def scores(self) -> ScoreTable | None:
        """The latest scores of the current store, or None when it was never scored."""
        return self._get("scores", ("store", "scores"), self._load_scores)

    def require_scores(self) -> ScoreTable:
        scores = self.scores()
        if scores is None:
            raise NotFound(NO_SCORES)
        return scores

    def segment_rows(self, by: Literal["segment", "cluster"]) -> list[dict[str, Any]]:
        """predictors.segment_facts.segment_table for RFM segments or behaviour clusters."""

        def load() -> list[dict[str, Any]]:
            scores = self.scores()
            frame = None if scores is None else scores.frame
            return segment_table(self.segment_frame(), frame, self.history(), by=by)

        return self._get(f"segment_rows:{by}", ("store", "scores"), load)

    def review_index(self) -> ReviewIndex:
        """The review index; NotFound or InvalidInput (stale) saying to run `retain index build`."""
        return self._get("review_index", ("store", "review_index"), self._open_review_index)

    def reviews(self) -> CustomerReviews:
        """Reviews per customer: from the review index (with sentiment) when it is current,
        else from the store's table (no sentiment), else none."""
        return self._get("reviews", ("store", "review_index"), self._load_reviews)

    def customer_index(self) -> CustomerIndex:
        return self._get(
            "customer_index",
            ("store", "customer_index"),
            lambda: customer_index(self.workspace, self.history()),
        )

    def model(self) -> LoadedModel:
        """The latest trained model (NotFound saying to run `retain train` when none)."""
        return self._get("model", ("model",), self._load_model)

    def recommender(self) -> Recommender:
        """The trained recommender reading the current store's signals: what a customer
        bought or rated 1-2 stars by events since training is excluded, and their newer orders
        shape their picks (Recommender.following). The signals are read once per store
        version: the rows events appended to the version served before are added to its
        signals (read_signals: about 0.1 s on the demo store), other changes read the store
        whole (about 0.3 s). The model and indexes are loaded once per build."""

        def load() -> Recommender:
            built = self._trained_recommender()
            parts = built.trained
            served = self._parts.peek("recommender")  # of the version before, if any
            since = None
            if served is not None and isinstance(served.value, Recommender):
                since = served.value.signals if served.value.trained is parts else None
            signals = read_signals(self.store(), parts.catalogue.product_ids, parts.weights, since)
            return built.following(signals)

        found: Recommender = self._get("recommender", ("store", "recommender"), load)
        return found

    def _trained_recommender(self) -> Recommender:
        """The saved recommender as trained. Loaded once per build, not per store version:
        events grow the store every few seconds and a recommender of an ancestor version still
        serves (open_recommender refuses one of another store, with the command that rebuilds
        it)."""
        repeatable = self.settings.recs_repeatable_categories
        found: Recommender = self._get(
            "trained_recommender",
            ("store_root", "recommender"),
            lambda: open_recommender(
                self.workspace,
                repeatable_categories=None if repeatable is None else tuple(repeatable),
            ),
        )
        return found

    def products(self) -> list[dict[str, Any]]:
        """Products with their order counts, most ordered first ([] without a products table)."""
        return self._get("products", ("store",), lambda: product_rows(self.store()))

    def catalogue(self) -> dict[str, str]:
        """Product id -> title, for checking drafts; {} without a products table."""
        return self._get("catalogue", ("store",), lambda: catalogue(self.workspace))

    def warm(self, forecast_days: tuple[int, ...] = ()) -> dict[str, str]:
        """Load every part now (the server calls this at start-up) and say how each went:
        "ok" or the message of why it is missing. `forecast_days` also computes those
        horizons' forecasts (4-6 s each on the demo store: bench/forecast.py)."""
        from assistant.tools.forecasting import cached_forecast  # the tool module uses this one

        steps: dict[str, Callable[[], object]] = {
            "store": self.store,
            "customers": self.customers,
            "segments": lambda: (self.segments(), self.segment_rows("segment")),
            "clusters": lambda: self.segment_rows("cluster"),
            "scores": self.require_scores,
            "reviews": self.reviews,
            "review_index": self.review_index,
            "customer_index": self.customer_index,
            "model": self.model,
        }
        for days in forecast_days:
            steps[f"forecast_{days}d"] = partial(cached_forecast, self, days)
        status = {}
        for name, step in steps.items():
            try:
                step()
                status[name] = "ok"
            except RetainError as error:
                status[name] = str(error)
        return status

    def readiness(self) -> dict[str, bool]:
        """Which parts are loaded and usable now, for a readiness probe (loads nothing)."""
        ready = {}
        for name in READINESS:
            part = self._parts.peek(name)
            ready[name] = part is not None and part.error is None and part.value is not None
        return ready

    # ---- loaders ------------------------------------------------------------------------

    def _load_scores(self) -> ScoreTable | None:
        frame = latest_scores(self.workspace)
        return None if frame is None else ScoreTable(frame)

    def _open_review_index(self) -> ReviewIndex:
        return open_review_index(self.workspace)

    def _load_reviews(self) -> CustomerReviews:
        try:
            return CustomerReviews(self.review_index().metadata)
        except RetainError:
            store = self.store()
            if not store.has("reviews"):
                return CustomerReviews.empty()
            return CustomerReviews(store.table("reviews", REVIEW_COLUMNS))

    def _load_model(self) -> LoadedModel:
        folder = latest_model(self.workspace)
        predictor, document = load_predictor(folder, self.settings.device)
        marker = folder / "artifact.json"
        created = json.loads(marker.read_text()).get("created_at") if marker.is_file() else None
        return LoadedModel(predictor, document, folder, created)
