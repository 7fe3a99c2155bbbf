"""The events service: submissions are checked and logged at once; a worker thread applies what
is pending (everything waiting, up to a cap, in one go) and tells the listeners.

    submit(events, principal) -> Receipt      check, log (idempotent by event id), wake the worker
    apply_pending() -> AppliedBatch | None    one application, then the listeners
    drain() -> list[AppliedBatch]             apply until nothing is pending (replay, start-up)
    retell() -> int                           the batches owed to the listeners, told again
    start() / stop()                          the background worker, for the app's lifetime

Each application's batch stays owed to the listeners (a record written with its mark,
handoff.py) until every one of them returned without raising. A listener that raises is logged
and the next one runs; the batch stays owed, and is rebuilt and told again, oldest first,
before the next application and at the next start (the worker's first step, and every drain:
`retain events replay`). So a process that dies between marking the events and the alerts
being stored loses no alert, and a listener must be safe to call twice with one batch (the
alert store raises an alert once by its dedupe key).
"""

import logging
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any, Protocol

from assistant.events import handoff, log
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
            self._retell()  # owed batches first: the listeners hear of batches in order
            if self.readers is not None:
                self.readers.hold()
            try:
                batch = self.applier.apply_pending(self.settings.events_apply_max)
            finally:
                if self.readers is not None:
                    self.readers.refresh()  # before the listeners: they read the new version
            if batch is not None:
                logger.info("events applied", extra=batch.summary())
                self._hand_over(batch)
        return batch

    def settled(self) -> bool:
        """True when nothing is pending and no application (or its listeners) is running."""
        waiting = log.log_status(self.db)["pending"]  # first: an application marks, then tells
        return waiting == 0 and not self._apply_lock.locked()

    def drain(self) -> list[AppliedBatch]:
        """Tell the listeners the batches they are owed, then apply until nothing is pending."""
        self.retell()
        batches = []
        while (batch := self.apply_pending()) is not None:
            batches.append(batch)
        return batches

    def retell(self) -> int:
        """Rebuild the batches the listeners did not finish with (the process died after the
        events were marked applied, a listener raised) and tell them again, oldest first; one
        that cannot be rebuilt is logged and dropped. Stops at the first batch a listener
        fails again (it and the later ones wait for the next application or start). Returns
        how many were told."""
        with self._apply_lock:
            return self._retell()

    def _retell(self) -> int:
        if not self.listeners:  # nobody to tell here: another process with listeners will
            return 0
        with self.workspace.lock():  # no application is between keeping files and marking
            owed = handoff.owed(self.db)
            handoff.sweep(self.workspace, {row.application for row in owed})
        told = 0
        for row in owed:
            try:
                batch = handoff.rebuild(self.workspace, row)
            except FileNotFoundError as error:  # its files are gone: it can never be told
                handoff.drop(self.db, self.workspace, row, handoff.unbuildable(error))
                continue
            except (OSError, MemoryError):  # the machine's (no file handles left): try later
                raise
            except Exception as error:  # a file it cannot read: no better the next time
                handoff.drop(self.db, self.workspace, row, handoff.unbuildable(error))
                continue
            logger.info("telling the listeners again", extra=batch.summary())
            if not self._hand_over(batch):
                break
            told += 1
        return told

    def status(self) -> dict[str, Any]:
        """Pending, applied and failed counts, the last application, the worker's state, and
        how many applied batches the listeners (alerts) still have to hear of."""
        running = self._thread is not None and self._thread.is_alive()
        owed = handoff.owed_count(self.db)
        return log.log_status(self.db) | {
            "worker": running,
            "last_error": self.last_error,
            "listeners_owed": owed,
        }

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
        retold = False
        while not self._stop.is_set():
            self._wake.wait(self.settings.events_poll_s)
            self._wake.clear()
            if self._stop.is_set():
                break
            try:
                if not retold:  # at start, before anything new is applied
                    self.retell()
                    retold = True
                while not self._stop.is_set() and self.apply_pending() is not None:
                    pass
                self.last_error = None
            except Exception as error:  # the machine's (full disk, database): they stay pending
                self.last_error = f"{type(error).__name__}: {error}"
                logger.exception("applying events failed; they stay pending")
                time.sleep(min(self.settings.events_poll_s, 5.0))

    def _hand_over(self, batch: AppliedBatch) -> bool:
        """Tell the listeners; when none failed, the batch is no longer owed. True then."""
        if not self._tell(batch):
            if batch.handoff is not None:
                handoff.failed(self.db, self.workspace, batch.handoff)
            return False
        if batch.handoff is not None:
            try:
                handoff.told(self.db, self.workspace, batch.handoff)
            except Exception:  # still owed: told again later, which raises nothing new
                logger.exception("a told batch could not be marked told",
                                 extra={"application": batch.handoff})  # fmt: skip
        return True

    def _tell(self, batch: AppliedBatch) -> bool:
        """Call every listener (one that raises does not stop the others); True when none
        raised."""
        finished = True
        for listener in list(self.listeners):
            try:
                listener(batch)
            except Exception:
                finished = False
                logger.exception(
                    "an events listener failed; the batch stays owed and is told again",
                    extra={"listener": repr(listener), "store_version": batch.store_version,
                           "application": batch.handoff},
                )  # fmt: skip
        return finished
