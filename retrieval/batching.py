"""An Embedder for a server: concurrent callers share one forward pass, and recent texts are
remembered.

Each chat message costs one short MiniLM embedding. Embedded one at a time, fifty concurrent
messages queue behind each other for a forward pass each; embedded together they cost little
more than one. There is no batching thread and no waiting for company: the first caller to find
the model idle embeds everything pending at that moment (its own texts and whoever queued while
the previous pass ran), hands the others their rows, and goes. A lone caller pays nothing extra.

The router embeds messages with their ids and names taken out ("tell me about customer <id>"),
so the same few hundred phrasings come back all day: an LRU cache of their vectors answers those
without the model.
"""

import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from commerce.errors import InvalidInput
from retrieval.embedder import Embedder

CACHE_SIZE = 4096  # vectors kept (384 floats each: 6 MB)
MAX_BATCH = 64  # texts in one shared pass; a larger call (an index build) goes straight through


@dataclass
class _Request:
    texts: list[str]
    vectors: np.ndarray | None = None
    error: BaseException | None = None
    done: threading.Event = field(default_factory=threading.Event)


class BatchingEmbedder:
    """Wraps an Embedder; thread-safe; results are the wrapped embedder's, row for row."""

    def __init__(
        self, inner: Embedder, cache_size: int = CACHE_SIZE, max_batch: int = MAX_BATCH
    ) -> None:
        if cache_size < 0 or max_batch < 1:
            raise InvalidInput(
                f"cache_size must be ≥ 0 and max_batch ≥ 1, got {cache_size} and {max_batch}"
            )
        self.inner = inner
        self.cache_size, self.max_batch = cache_size, max_batch
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._pending: list[_Request] = []
        self._lock = threading.Lock()
        self._idle = threading.Condition(self._lock)  # notified when a pass ends
        self._running = False
        self.passes = 0  # forward passes run through the shared queue (the bench reads it)
        self.hits = 0

    @property
    def dimension(self) -> int:
        return self.inner.dimension

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """float32 (len(texts), dimension), L2-normalised rows, in input order."""
        vectors = np.zeros((len(texts), self.dimension), dtype=np.float32)
        missing: dict[str, list[int]] = {}
        with self._lock:
            for row, text in enumerate(texts):
                cached = self._cache.get(text)
                if cached is None:
                    missing.setdefault(text, []).append(row)
                else:
                    self._cache.move_to_end(text)
                    vectors[row] = cached
                    self.hits += 1
        if not missing:
            return vectors
        unique = list(missing)
        found = self.inner.embed(unique) if len(unique) > self.max_batch else self._shared(unique)
        self._remember(unique, found)
        for text, vector in zip(unique, found, strict=True):
            vectors[missing[text]] = vector
        return vectors

    def _shared(self, texts: list[str]) -> np.ndarray:
        """Queue `texts`; run the pending passes while the model is idle, else wait for them."""
        request = _Request(texts)
        with self._lock:
            self._pending.append(request)
        while not request.done.is_set():
            with self._idle:
                while self._running and not request.done.is_set():
                    self._idle.wait()  # our texts may be in this pass, or we run the next
                if request.done.is_set():
                    break
                batch = self._take()
                self._running = True
            try:
                self._run(batch)
            finally:
                with self._idle:
                    self._running = False
                    self._idle.notify_all()
        if request.error is not None:
            raise request.error
        assert request.vectors is not None
        return request.vectors

    def _take(self) -> list[_Request]:
        """Pending requests up to MAX_BATCH texts (always at least one request)."""
        taken: list[_Request] = []
        size = 0
        while self._pending and (not taken or size + len(self._pending[0].texts) <= self.max_batch):
            request = self._pending.pop(0)
            taken.append(request)
            size += len(request.texts)
        return taken

    def _run(self, batch: list[_Request]) -> None:
        texts = [text for request in batch for text in request.texts]
        try:
            vectors = self.inner.embed(texts)
        except BaseException as error:  # every waiter learns of it, not only the runner
            for request in batch:
                request.error = error
                request.done.set()
            raise
        self.passes += 1
        start = 0
        for request in batch:
            request.vectors = vectors[start : start + len(request.texts)]
            start += len(request.texts)
            request.done.set()

    def _remember(self, texts: list[str], vectors: np.ndarray) -> None:
        if self.cache_size == 0:
            return
        with self._lock:
            for text, vector in zip(texts, vectors, strict=True):
                self._cache[text] = vector
                self._cache.move_to_end(text)
            while len(self._cache) > self.cache_size:
                self._cache.popitem(last=False)
