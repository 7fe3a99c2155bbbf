"""The events service: submissions are checked and logged at once; a worker thread applies what
is pending (everything waiting, up to a cap, in one go) and tells the listeners.

    submit(events, principal) -> Receipt      check, log (idempotent by event id), wake the worker
    apply_pending() -> AppliedBatch | None    one application, then the listeners
    drain() -> list[AppliedBatch]             apply until nothing is pending (replay, start-up)
    start() / stop()                          the background worker, for the app's lifetime

A listener that raises is logged and the next one runs: the events are applied and marked by
then, so a listener can never lose them (and must not rely on being called again for them).
"""

import logging
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any, Protocol

from assistant.events import log
from assistant.events.apply import Applier
from assistant.events.batch import AppliedBatch, Receipt
from assistant.persistence.db import AppDatabase
from assistant.persistence.keys import Principal
from assistant.settings import Settings
from commerce.errors import InvalidInput
from commerce.events import CheckedEvents, Rejection, check_events, event_id_of
from commerce.workspace import Workspace
from retrieval.embedder import Embedder

logger = logging.getLogger("retain.events")
Listener = Callable[[AppliedBatch], None]


class BatchTooLarge(InvalidInput):
    """More events in one batch than RETAIN_EVENTS_MAX_BATCH."""

    status_code = 413


class Readers(Protocol):
    """What serves the store to requests (assistant.tools.data.StoreData): held while an
    application changes the store, refreshed after it, so requests never wait for a reload."""

    def hold(self) -> None: ...

    def refresh(self) -> None: ...


class EventService:
    """Events in (submit), the store grown and re-scored (apply), listeners told."""

    def __init__(
        self,
        settings: Settings,
        db: AppDatabase,
        embedder: Callable[[], Embedder],
        workspace: Workspace | None = None,
        readers: Readers | None = None,
    ) -> None:
        self.settings = settings
        self.readers = readers
        self.db = db
        self.workspace = workspace or Workspace(settings.home)
        self.applier = Applier(
            self.workspace,
            db,
            embedder,
            rescore_all_days=settings.rescore_all_days,
            device=settings.device,
        )
        self.listeners: list[Listener] = []
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._apply_lock = threading.Lock()  # one application at a time in this process
        self._submit_lock = threading.Lock()
        self.last_error: str | None = None

    def submit(self, events: Sequence[object], principal: Principal | str) -> Receipt:
        """Check a batch and log its good events for applying; the bad ones come back in the
        receipt with their place and reason (the good ones are kept: docs/events.md)."""
        limit = self.settings.events_max_batch
        if len(events) > limit:
            raise BatchTooLarge(
                f"a batch holds at most {limit:,} events (RETAIN_EVENTS_MAX_BATCH); this one "
                f"has {len(events):,}: send it in parts"
            )
        # An event id logged before is a duplicate whatever it carries now: checked no further.
        ids = [event_id_of(event) for event in events]
        seen = log.known_ids(self.db, [i for i in ids if i is not None])
        fresh = [n for n, event_id in enumerate(ids) if event_id not in seen]
        checked = check_events([events[n] for n in fresh], self.applier.ids.for_submit())
        source = principal if isinstance(principal, str) else f"key:{principal.name}"
        with self._submit_lock:  # no other thread logs the same order id between check and log
            accepted, taken = self._unheld(checked)
            stored, received = log.store_events(self.db, accepted, source)
        self._wake.set()
        rejected = sorted(
            (replace(r, index=fresh[r.index]) for r in [*checked.rejected, *taken]),
            key=lambda r: r.index,
        )
        return Receipt(
            accepted=len(stored),
            duplicates=len(events)
            - len(fresh)
            + len(checked.repeats)
            + len(accepted)
            - len(stored),
            rejected=rejected,
            accepted_ids=stored,
            received_at=received,
        )

    def _unheld(self, checked: CheckedEvents) -> tuple[list[dict[str, Any]], list[Rejection]]:
        """The accepted events whose order or review id no pending event holds, and refusals
        for the others: two events with one order id would both be logged, and the later one
        could only fail when applied (the store keeps one order per id)."""
        keys = {n: key for n, e in enumerate(checked.accepted) if (key := log.key_of(e))}
        holders = log.key_holders(self.db, list(keys.values()), applied=False)
        accepted, taken = [], []
        for n, event in enumerate(checked.accepted):
            key = keys.get(n)
            # Its own holder: the same event resent while the first request was being logged;
            # store_events counts it as the duplicate it is.
            if key is None or holders.get(key, event["event_id"]) == event["event_id"]:
                accepted.append(event)
                continue
            reason = (
                f"{key[0]} {key[1]!r} is already used by event {holders[key]!r}, which waits "
                "to be applied"
            )
            taken.append(Rejection(checked.indexes[n], str(event["event_id"]), reason))
        return accepted, taken

    def apply_pending(self) -> AppliedBatch | None:
        """Apply what is pending (up to RETAIN_EVENTS_APPLY_MAX events) and tell the listeners;
        None when nothing was pending."""
        with self._apply_lock:  # held while the listeners run: they see batches in order
            if not log.pending(self.db, 1):
                # Nothing to apply: no hold either. An answer computed while the data is held
                # counts as one of an older version, so idle polls must not hold it.
                return None
            if self.readers is not None:
                self.readers.hold()
            try:
                batch = self.applier.apply_pending(self.settings.events_apply_max)
            finally:
                if self.readers is not None:
                    self.readers.refresh()  # before the listeners: they read the new version
            if batch is not None:
                logger.info("events applied", extra=batch.summary())
                self._tell(batch)
        return batch

    def settled(self) -> bool:
        """True when nothing is pending and no application (or its listeners) is running."""
        waiting = log.log_status(self.db)["pending"]  # first: an application marks, then tells
        return waiting == 0 and not self._apply_lock.locked()

    def drain(self) -> list[AppliedBatch]:
        """Apply until nothing is pending."""
        batches = []
        while (batch := self.apply_pending()) is not None:
            batches.append(batch)
        return batches

    def status(self) -> dict[str, Any]:
        """Pending, applied and failed counts, the last application, the worker's state."""
        running = self._thread is not None and self._thread.is_alive()
        return log.log_status(self.db) | {"worker": running, "last_error": self.last_error}

    def start(self) -> None:
        """Run the worker thread (applies pending events as they come and every poll)."""
        if self._thread is not None and self._thread.is_alive():
            return
        self._stop.clear()
        self._wake.set()  # whatever a previous run left pending goes first
        self._thread = threading.Thread(target=self._work, name="events-worker", daemon=True)
        self._thread.start()

    def stop(self, timeout_s: float = 30.0) -> None:
        """Stop the worker after the application in progress, if any."""
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout_s)
            self._thread = None

    def _work(self) -> None:
        while not self._stop.is_set():
            self._wake.wait(self.settings.events_poll_s)
            self._wake.clear()
            if self._stop.is_set():
                break
            try:
                while not self._stop.is_set() and self.apply_pending() is not None:
                    pass
                self.last_error = None
            except Exception as error:  # the machine's (full disk, database): they stay pending
                self.last_error = f"{type(error).__name__}: {error}"
                logger.exception("applying events failed; they stay pending")
                time.sleep(min(self.settings.events_poll_s, 5.0))

    def _tell(self, batch: AppliedBatch) -> None:
        for listener in list(self.listeners):
            try:
                listener(batch)
            except Exception:
                logger.exception("an events listener failed", extra={"listener": repr(listener)})
