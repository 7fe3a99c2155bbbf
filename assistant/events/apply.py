"""Applying pending events: grow the store, score the affected customers again, index the new
reviews, then mark the events applied. One application at a time per workspace (a file lock,
so a `retain events replay` and a server on the same workspace take turns).

Crash safety comes from the order of the steps and from every step being safe to repeat (the
numbers are docs/events.md's):

       read pending events from the log          (they stay pending until step 4)
    1. grow the store by their rows              (rows already in the store are dropped)
    2. score the affected customers again        (rows replaced, never appended twice)
    3. add new reviews to the review index       (reviews already indexed are skipped;
                                                  review_step.py)
    4. mark the events applied                   (one transaction, with the batch's record:
                                                  the listeners are owed it, handoff.py)

A process that dies anywhere before 4 leaves the events pending; the next start applies them
again and steps 1-3 add nothing twice. The events an application took are noted (`attempt`, a
token that also names the store version it started from), so the retry takes exactly those,
and re-scoring starts again from the scores the first try started from (kept beside the new
ones): the listeners still see what the events changed. One that dies after 4, before the
listeners finished, leaves the batch owed to them: the next start rebuilds it from its record
(and the scores files it keeps) and tells them then (service.py).

An error in steps 1-3 is not a crash: it is the events' (an amount scoring cannot take, a bug
one of them finds), and trying them again would fail again and hold up every later event. The
store is put back to the version the application started from (and the model's scores with
it), and the events are tried again in halves, at once: the first half now, the rest released
for the next application, until the one that fails is alone. It is marked failed with the
error; the others are applied. Only an error of the machine rather than of the events (an
OSError such as a full disk, the app database, Unavailable) leaves them pending, as a crash
does, to be tried again.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from assistant.events import handoff, log
from assistant.events.batch import REVIEW_COLUMNS, AppliedBatch
from assistant.events.context import StoreIds
from assistant.events.review_step import ReviewStep
from assistant.events.rollback import MACHINE_ERRORS, Changes, attempt_token, base_of
from assistant.persistence.db import AppDatabase
from assistant.persistence.tables import utc_now
from commerce.errors import RetainError, Unavailable
from commerce.events import check_events
from commerce.workspace import Workspace
from predictors.artifacts import load_predictor
from predictors.pipeline import latest_model, scores_folder
from predictors.predictor import Predictor
from predictors.rescore import BEFORE_FILE, rescore
from retrieval.embedder import Embedder

logger = logging.getLogger("retain.events")
Step = Callable[[str], None]  # called after each step by name: tests inject crashes here


@dataclass(frozen=True)
class Scored:
    """What scoring again did: the whole scores tables before and after, and the files they
    were read from or written to (None: no scores), kept for the listeners (handoff.py)."""

    before: pd.DataFrame
    after: pd.DataFrame
    customers: list[str]
    full: bool
    before_file: Path | None
    after_file: Path | None


@dataclass
class Applier:
    """Applies the log's pending events to one workspace (see the module docstring)."""

    workspace: Workspace
    db: AppDatabase
    embedder: Callable[[], Embedder]
    rescore_all_days: float = 1.0
    device: str = "cpu"
    after_step: Step = field(default=lambda step: None)
    ids: StoreIds = field(init=False)
    reviews: ReviewStep = field(init=False)
    _model: tuple[Any, Predictor, dict[str, Any], Path] | None = field(default=None, init=False)

    def __post_init__(self) -> None:
        self.ids = StoreIds(self.workspace)
        self.reviews = ReviewStep(self.workspace, self.embedder)

    def apply_pending(self, limit: int) -> AppliedBatch | None:
        """Apply up to `limit` pending events, oldest first; None when none were pending.

        A batch is returned whenever events were pending: applied ones, or the one event that
        failed on its own (`failed`) when an error cut the application down to it."""
        with self.workspace.lock():
            logged = log.pending(self.db, limit)
            if not logged:
                return None
            attempt = logged[0].attempt
            retry = attempt is not None
            if attempt is not None:  # an application that did not finish: the same events again
                logged = [e for e in logged if e.attempt == attempt]
            else:
                attempt = self._claim(logged)
            while True:
                changes = Changes()
                try:
                    return self._apply(logged, attempt, retry, changes)
                except MACHINE_ERRORS:
                    raise
                except Exception as error:
                    changes.undo(self.workspace)
                    if len(logged) == 1:
                        return self._fail(logged[0], attempt, error)
                    logger.warning(
                        "applying %d events failed (%s: %s); trying the first %d alone",
                        len(logged), type(error).__name__, error, len(logged) // 2,
                        exc_info=error,
                    )  # fmt: skip
                    rest = logged[len(logged) // 2 :]
                    logged = logged[: len(logged) // 2]
                    log.claim(self.db, [e.event_id for e in rest], None)
                    attempt, retry = self._claim(logged), False

    def _claim(self, logged: list[log.LoggedEvent]) -> str:
        attempt = attempt_token(self.workspace.store().version)
        log.claim(self.db, [e.event_id for e in logged], attempt)
        return attempt

    def _apply(
        self, logged: list[log.LoggedEvent], attempt: str, retry: bool, changes: Changes
    ) -> AppliedBatch:
        store = self.workspace.store()
        changes.base = store.version
        if retry and store.manifest.parent and store.manifest.parent == base_of(attempt):
            changes.base = store.manifest.parent  # the first try grew the store, then died
        own = self._own_keys(logged) if retry else set()
        checked = check_events([e.payload for e in logged], self.ids.for_apply(store, own))
        failed = {r.event_id or logged[r.index].event_id: r.reason for r in checked.rejected}
        for index in checked.repeats:  # cannot happen: the log holds each id once
            failed[logged[index].event_id] = "the same event id twice in the log"
        applied = [e["event_id"] for e in checked.accepted]

        grown = self.workspace.grow(checked.tables, parent=store.version)
        self.after_step("stored")
        scored = self._rescore(checked.customers, attempt, changes)
        self.after_step("scored")
        reviews = self.reviews.index_reviews(checked.tables.get("reviews"), grown)
        self.after_step("indexed")
        batch = AppliedBatch(
            store_version=grown.version,
            previous_version=changes.base,
            event_ids=applied,
            customers=scored.customers,
            scores_before=scored.before,
            scores_after=scored.after,
            reviews=reviews,
            full_rescore=scored.full,
            applied_at=utc_now(),
            failed=failed,
            handoff=attempt,
        )
        self._mark(batch, applied, scored.before_file, scored.after_file)
        self.after_step("marked")
        return batch

    def _mark(
        self, batch: AppliedBatch, applied: list[str], before: Path | None, after: Path | None
    ) -> None:
        """Step 4: mark the events applied, and the batch owed to the listeners."""
        assert batch.handoff is not None
        files = handoff.keep(self.workspace, batch.handoff, before, after)
        row = handoff.record(batch.handoff, batch, files)
        log.mark_applied(
            self.db, applied, batch.store_version, batch.failed, at=batch.applied_at, batch=row
        )

    def _own_keys(self, logged: list[log.LoggedEvent]) -> set[tuple[str, str]]:
        """The order and review ids of these events that no applied event holds: a first try
        that died may have stored them, and they are not refused as already in the store."""
        keys = {key for e in logged if (key := log.key_of(e.payload)) is not None}
        return keys - log.key_holders(self.db, keys, applied=True).keys()

    # ---- failures -----------------------------------------------------------------------

    def _fail(self, event: log.LoggedEvent, attempt: str, error: Exception) -> AppliedBatch:
        """Mark an event that fails on its own as failed, naming the error."""
        reason = f"{log.APPLY_FAILED}: {type(error).__name__}: {error}"
        logger.error("event %s failed: %s", event.event_id, reason, exc_info=error)
        store = self.workspace.store()
        scores, path = self._shown_scores()
        batch = AppliedBatch(
            store_version=store.version,
            previous_version=store.version,
            event_ids=[],
            customers=[],
            scores_before=scores,
            scores_after=scores,
            reviews=pd.DataFrame(columns=REVIEW_COLUMNS),
            full_rescore=False,
            applied_at=utc_now(),
            failed={event.event_id: reason},
            handoff=attempt,
        )
        self._mark(batch, [], path, path)
        return batch

    # ---- scores -------------------------------------------------------------------------

    def _rescore(self, customers: list[str], attempt: str, changes: Changes) -> Scored:
        current, path = self._shown_scores()
        unchanged = Scored(current, current, [], False, path, path)
        model = self._load_model()
        if model is None or not customers:
            return unchanged
        predictor, document, folder = model
        try:
            done = rescore(
                self.workspace, predictor, document, folder, customers, self.rescore_all_days,
                application=attempt,
            )  # fmt: skip
        except RetainError as error:  # a model of another store: scores wait for `retain train`
            logger.warning("events applied without scoring: %s", error)
            return unchanged
        if done.before is None:  # the model's first scores of this store: against those served
            return Scored(current, done.after, done.customers, done.full, path, done.path)
        changes.scores = (folder.name, done.before)
        kept = done.path.parent / BEFORE_FILE  # what it started from (predictors/rescore.py)
        return Scored(done.before, done.after, done.customers, done.full, kept, done.path)

    def _shown_scores(self) -> tuple[pd.DataFrame, Path | None]:
        """The scores served now (an empty table without a customer_id column when none), and
        their file."""
        folder = scores_folder(self.workspace)
        if folder is None:
            return pd.DataFrame(columns=["customer_id"]), None
        path = folder / "scores.parquet"
        return pd.read_parquet(path), path

    def _load_model(self) -> tuple[Predictor, dict[str, Any], Path] | None:
        try:
            folder = latest_model(self.workspace)
        except RetainError:
            return None
        stamp = (folder, (folder / "predictor.json").stat().st_mtime_ns)
        if self._model is None or self._model[0] != stamp:
            try:
                predictor, document = load_predictor(folder, self.device)
            except RetainError as error:  # a model of an older format: scores wait for training
                logger.warning("events applied without scoring: %s", error)
                return None
            except Exception as error:  # half-written by a `retain train` still running, ...
                # ... or memory short: the model's fault, not the events'. They wait.
                raise Unavailable(f"the model in {folder} cannot be loaded now: {error}") from error
            self._model = (stamp, predictor, document, folder)
        _, predictor, document, folder = self._model
        return predictor, document, folder
