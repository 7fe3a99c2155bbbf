"""One loaded chat model shared by every request, behind a bounded queue.

A 2-core machine writes one draft at a time; letting requests pile up would only make every
one of them late. So one request streams, `queue_size` more may wait, and the next is told
to come back (Unavailable -> 503 with Retry-After) instead of hanging.
"""

import threading
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from assistant.llm.base import ChatModel, Message
from commerce.errors import Unavailable


class LLMGate:
    """Loads the model once (lazily) and admits one stream at a time, `queue_size` waiting."""

    def __init__(
        self, load: Callable[[], ChatModel], queue_size: int, retry_after_s: int = 30
    ) -> None:
        self._load = load
        self._model: ChatModel | None = None
        self._load_lock = threading.Lock()
        self._turn = threading.Lock()
        self._admitted = threading.BoundedSemaphore(queue_size + 1)
        self._waiting = 0
        self._count_lock = threading.Lock()
        self.retry_after_s = retry_after_s

    @property
    def loaded(self) -> bool:
        return self._model is not None

    @property
    def waiting(self) -> int:
        """Requests inside the gate (streaming or queued)."""
        return self._waiting

    def model(self) -> ChatModel:
        """The shared model behind the gate: each `stream` call takes a turn."""
        return _GatedModel(self)

    def _loaded(self) -> ChatModel:
        with self._load_lock:
            if self._model is None:
                self._model = self._load()
            return self._model

    def stream(self, messages: Sequence[Message], **params: Any) -> Iterator[str]:
        if not self._admitted.acquire(blocking=False):
            raise Unavailable(
                f"the writing model is busy with other drafts; try again in {self.retry_after_s} s",
                retry_after_s=self.retry_after_s,
            )
        with self._count_lock:
            self._waiting += 1
        try:
            with self._turn:
                yield from self._loaded().stream(messages, **params)
        finally:
            with self._count_lock:
                self._waiting -= 1
            self._admitted.release()


class _GatedModel:
    def __init__(self, gate: LLMGate) -> None:
        self._gate = gate
        self.name = "gated"

    def stream(self, messages: Sequence[Message], **params: Any) -> Iterator[str]:
        return self._gate.stream(messages, **params)
