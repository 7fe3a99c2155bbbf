"""The store's data as the tools read it: loaded lazily, once, and shared by every request.

Each part (history, segments, scores, indexes, the model, per-customer lookups) is loaded on
first use and kept until what it was built from changes: the `store` link pointing at another
version, new scores, a new model, a rebuilt index. A change is noticed by a few stat calls per
request, and only the parts that depend on it load again. The parts are kept in a Memo
(assistant/tools/memo.py) without a size limit: each loads under its own lock, so a slow one
(a forecast) never holds up a fast one (a profile), and concurrent first requests load a part
once. Failures (no scores, no index) are remembered too, until the artifact appears.

While the events worker grows the store it holds the data (`hold`), and requests keep getting
the parts already loaded, of the version before; `refresh` then loads the new version's parts
in the worker's thread and hands them over. A chat never waits seconds for a reload because
events arrived: the events worker pays for it, between two versions that both exist.
"""

import json
import logging
import os
import threading
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any, Literal, TypeVar, cast

import pandas as pd

from assistant.drafting import catalogue
from assistant.settings import Settings
from assistant.tools.decisions import NO_SCORES
from assistant.tools.indexes import customer_index
from assistant.tools.lookups import (
    CustomerReviews,
    Customers,
    ScoreTable,
    SegmentIndex,
    product_rows,
)
from assistant.tools.memo import Memo
from commerce.errors import NotFound, RetainError
from commerce.workspace import Store, Workspace
from predictors.artifacts import load_predictor
from predictors.history import History, from_store
from predictors.pipeline import latest_model, latest_scores
from predictors.predictor import Predictor
from predictors.segment_facts import customer_segments, segment_table
from retrieval.artifact import ARTIFACT
from retrieval.build import open_review_index
from retrieval.customers import CustomerIndex
from retrieval.recs.build import open_recommender
from retrieval.recs.recommender import Recommender
from retrieval.recs.signals import read_signals
from retrieval.reviews import REVIEW_COLUMNS, ReviewIndex

T = TypeVar("T")
log = logging.getLogger(__name__)
Dependency = Literal[
    "store", "store_root", "scores", "model", "review_index", "customer_index", "recommender"
]
READINESS = ("store", "customers", "segments", "scores", "review_index", "customer_index", "model")
MEMO_SIZE = 256  # computed answers (plans, forecasts, themes) kept per workspace


@dataclass(frozen=True)
class LoadedModel:
    """The latest trained predictor with its document (predictor.json) and folder."""

    predictor: Predictor
    document: dict[str, Any]
    folder: Path
    created_at: str | None


class StoreData:
    """Thread-safe, lazily loaded views of one workspace, cached per store version."""

    def __init__(self, workspace: Workspace, settings: Settings) -> None:
        self.workspace = workspace
        self.settings = settings
        # The parts are never dropped; `_loaders` says how to load each again (for refresh).
        self._parts = Memo(None, self._serving_held)
        self._loaders: dict[str, tuple[tuple[Dependency, ...], Callable[[], Any]]] = {}
        self._memo = Memo(MEMO_SIZE, self._serving_held)
        self._held = False
        self._refreshing = threading.local()  # set in the thread that runs refresh()

    # ---- what each part depends on ------------------------------------------------------

    def _signature(self, dependencies: tuple[Dependency, ...]) -> tuple[Hashable, ...]:
        home = self.workspace.home
        keys: list[Hashable] = []
        for dependency in dependencies:
            if dependency == "store":
                keys.append(self._store_target())
            elif dependency == "store_root":  # the ingested store that events grow
                manifest = self.store().manifest
                keys.append(manifest.lineage[0] if manifest.lineage else manifest.store_version)
            elif dependency in ("scores", "model"):
                keys.append(_folder_key(home / ("scores" if dependency == "scores" else "models")))
            elif dependency in ("review_index", "customer_index"):
                keys.append(_file_key(index_folder(self.workspace, dependency) / ARTIFACT))
            elif dependency == "recommender":
                keys.append(_file_key(home / "index" / "products" / ARTIFACT))
        return tuple(keys)

    def _store_target(self) -> str:
        try:
            return os.readlink(self.workspace.store_link)
        except OSError:  # no store (NotFound says what to run), or a folder, not a link
            return str(self.workspace.store().path)

    def _get(self, name: str, on: tuple[Dependency, ...], load: Callable[[], T]) -> T:
        self._loaders[name] = (on, load)
        return cast(T, self._parts.get(name, self._signature(on), None, load))

    def hold(self) -> None:
        """Keep answering from the parts loaded now, whatever changes in the workspace, until
        `refresh` (the events worker calls this before it grows the store)."""
        self._held = True

    def refresh(self) -> None:
        """Load every part loaded so far again if the workspace moved on, in this thread,
        then answer from the new parts; ends `hold`."""
        self._refreshing.active = True
        try:
            for name, (on, load) in list(self._loaders.items()):
                if self._parts.peek(name) is None:
                    continue  # its loader crashed (not a RetainError): the next request retries
                try:
                    self._get(name, on, load)
                except RetainError:
                    pass  # kept as the part's answer, raised to whoever asks for it
                except Exception:
                    # A crash (a bug, a corrupt file) must not stop the other parts refreshing
                    # or the events worker telling its listeners; the part's old answer stays
                    # until a request loads it again and meets the crash itself.
                    log.exception("reloading %s for the new store version failed", name)
        finally:
            self._refreshing.active = False
            self._held = False

    def _serving_held(self) -> bool:
        return self._held and not getattr(self._refreshing, "active", False)

    def memo(
        self,
        key: str,
        on: tuple[Dependency, ...],
        compute: Callable[[], T],
        *,
        stale_while: tuple[Dependency, ...] = (),
    ) -> T:
        """A computed answer (a plan, a forecast) kept until what it depends on changes
        (assistant/tools/memo.py). `stale_while`: when `on` moved on but these did not, the
        answer kept is returned at once and the new one computed in the background. Events
        grow the store every few seconds; a forecast of the version a few events before is
        worth more than a ten-second wait on every question."""
        basis = self._signature(stale_while) if stale_while else None
        return cast(T, self._memo.get(key, self._signature(on), basis, compute))

    def close(self) -> None:
        """Stop background computations that have not started (at shutdown)."""
        self._memo.close()

    # ---- the parts ----------------------------------------------------------------------

    def store(self) -> Store:
        """The current store (NotFound with what to run when there is none)."""
        # The link is read inside the loader, so refresh() loading it again reads it anew.
        return self._get(
            "store", ("store",), lambda: Store(self.workspace.home / self._store_target())
        )

    def history(self) -> History:
        return self._get("history", ("store",), lambda: from_store(self.store()))

    def customers(self) -> Customers:
        """Known ids, contacts and orders per customer."""
        return self._get("customers", ("store",), lambda: Customers(self.store()))

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


def index_folder(workspace: Workspace, index: Literal["review_index", "customer_index"]) -> Path:
    """Where an index lives (retrieval.build's folders, named here without creating them)."""
    return workspace.home / "index" / ("reviews" if index == "review_index" else "customers")


def _file_key(path: Path) -> Hashable:
    try:
        stat = path.stat()
    except OSError:
        return None
    return (stat.st_mtime_ns, stat.st_size)


def _folder_key(folder: Path) -> Hashable:
    """The artifact.json of each subfolder, by name and modification: new or rewritten scores
    or models change it."""
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return ()
    return tuple((e.name, _file_key(Path(e.path) / ARTIFACT)) for e in entries)
