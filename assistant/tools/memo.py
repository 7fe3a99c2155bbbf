"""Answers (the store's loaded parts; plans, forecasts, themes) kept until what they were
computed from changes.

An answer is kept under a key with the `signature` of what it depends on (the store version,
the model, ...); a request with another signature computes it again, under the key's own lock,
so concurrent requests compute it once. Two exceptions keep a slow answer (a forecast takes
a few seconds, more on a busy machine) off the request's time:
- while the store data is held (the events worker is growing the store), the answer kept is
  returned whatever its signature;
- with a `basis` (what must not change: the store's root, the model), an answer of the same
  basis is returned at once while the new one is computed in the background, by one thread
  for all keys, so a burst of questions after an event costs one computation at a time.
"""

import copy
import logging
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from commerce.errors import RetainError

log = logging.getLogger(__name__)


@dataclass
class Answer:
    signature: Hashable
    # What may not change for the answer to be served while a newer one is computed; a fresh
    # object (equal to nothing) when it may never be.
    basis: Hashable = field(default_factory=object)
    value: Any = None
    error: RetainError | None = None

    def result(self) -> Any:
        if self.error is not None:
            # A fresh exception per raise: one instance raised in many threads would gather
            # all their tracebacks.
            raise copy.copy(self.error)
        return self.value


class Memo:
    """At most `size` answers (None: no limit), the least recently used dropped first.
    Thread-safe."""

    def __init__(self, size: int | None, held: Callable[[], bool]) -> None:
        self.size = size
        self._held = held  # is the store data held (answers then come from the version before)
        self._answers: OrderedDict[str, Answer] = OrderedDict()
        self._locks: dict[str, threading.Lock] = {}
        self._guard = threading.Lock()
        self._behind: set[str] = set()  # keys queued or being computed in the background
        self._failed: dict[str, Hashable] = {}  # key -> signature whose background run failed
        self._background = ThreadPoolExecutor(max_workers=1, thread_name_prefix="memo")

    def get(
        self, key: str, signature: Hashable, basis: Hashable | None, compute: Callable[[], Any]
    ) -> Any:
        """The answer for `signature`, computed now if need be; see the module docstring for
        when an older one is returned instead (`basis` None: never)."""
        kept = self._answers.get(key)
        if kept is not None and kept.signature != signature and kept.error is None:
            if self._held():
                return self._served(key, kept)
            if basis is not None and kept.basis == basis:
                self._compute_behind(key, kept, signature, basis, compute)
                return self._served(key, kept)
        if kept is None or kept.signature != signature:
            with self._lock(key):
                kept = self._answers.get(key)
                if kept is None or kept.signature != signature:
                    kept = self._computed(signature, basis, compute)
                    self._keep(key, kept)
        return self._served(key, kept)

    def peek(self, key: str) -> Answer | None:
        """The answer kept under `key`, whatever its signature (computes nothing)."""
        return self._answers.get(key)

    def close(self) -> None:
        """Drop background work not started yet (at shutdown); a running one finishes."""
        self._background.shutdown(wait=False, cancel_futures=True)

    def _computed(
        self, signature: Hashable, basis: Hashable | None, compute: Callable[[], Any]
    ) -> Answer:
        held = self._held()
        answer = Answer(signature)
        try:
            answer.value = compute()
        except RetainError as error:
            # No scores yet, no model: an answer too, raised to whoever asks, until what it
            # depends on changes.
            answer.error = error
        if basis is not None:
            answer.basis = basis
        if held:
            # Computed from the held data, not from what the signature names: kept as an
            # answer of an older version (and of no basis, the model may have changed too),
            # so the first request after the refresh computes it again.
            answer.signature, answer.basis = object(), object()
        return answer

    def _compute_behind(
        self,
        key: str,
        seen: Answer,
        signature: Hashable,
        basis: Hashable,
        compute: Callable[[], Any],
    ) -> None:
        with self._guard:
            if key in self._behind or self._failed.get(key) == signature:
                return
            self._behind.add(key)

        def run() -> None:
            try:
                with self._lock(key):
                    if self._answers.get(key) is not seen:
                        return  # answered meanwhile (or dropped): the next request decides
                    self._keep(key, self._computed(signature, basis, compute))
            except Exception:
                # Not a RetainError (those are answers): a bug or no memory. The answer before
                # keeps being served; this signature is not tried again in the background.
                log.exception("computing %s in the background failed", key)
                with self._guard:
                    self._failed[key] = signature
            finally:
                with self._guard:
                    self._behind.discard(key)

        try:
            self._background.submit(run)
        except RuntimeError:  # shut down: the server is stopping
            with self._guard:
                self._behind.discard(key)

    def _lock(self, key: str) -> threading.Lock:
        with self._guard:
            return self._locks.setdefault(key, threading.Lock())

    def _served(self, key: str, answer: Answer) -> Any:
        if self.size is not None:  # unbounded: no order to keep (the store's parts, per request)
            with self._guard:
                if self._answers.get(key) is answer:
                    self._answers.move_to_end(key)
        return answer.result()

    def _keep(self, key: str, answer: Answer) -> None:
        with self._guard:
            self._answers[key] = answer
            self._answers.move_to_end(key)
            while self.size is not None and len(self._answers) > self.size:
                dropped, _ = self._answers.popitem(last=False)
                lock = self._locks.get(dropped)
                if lock is not None and not lock.locked():  # one in use stays the key's lock
                    del self._locks[dropped]
