"""One loaded chat model shared by every request, behind a bounded queue.

A 2-core machine writes one draft at a time; letting requests pile up would only make every
one of them late. So one request streams, `queue_size` more may wait, and the next is told
to come back (Unavailable -> 503 with Retry-After) instead of hanging.

A caller with a cheaper answer of its own (the router, which can ask the user to rephrase) gives
a time limit, `within_s`: it waits no longer than that for the model to load (the load goes on
in the background for the next caller), for its turn, and for the model to finish, the reading of
the prompt before the first piece included (the reply is read in a thread, llm_pump.py); past it,
ModelBusy, an Unavailable the chat words as the model being busy, not the question unclear.
The model stays taken until it can be stopped, at its next piece, so that two
generations never share the cores. Without the limit, picking a tool for a follow-up waited minutes
behind drafts and a first load; with a limit checked only as pieces arrived, an unclear message
still waited 163 s while a busy model read its prompt.

A chat turn's drafting tool has a deadline of its own (RETAIN_DRAFT_TIMEOUT_S): the turn hands the
tool `model(deadline)`, whose every call passes the time left as `within_s`. A draft the turn has
given up on is stopped like the router's, instead of writing on for no reader while every later
draft and unclear message waits behind it.
"""

import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from typing import Any

from assistant.chat.llm_pump import PastDeadline, ReplyPump
from assistant.llm.base import ChatModel, Message
from commerce.errors import Unavailable


class ModelBusy(Unavailable):
    """The model could not answer within the caller's limit: loading, queue full, or another
    generation (a draft) holding it. Not a fault of the model, nor of the caller's question."""


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
        self._loading: Future[ChatModel] | None = None  # a load started for a time-limited call
        self.retry_after_s = retry_after_s

    @property
    def loaded(self) -> bool:
        return self._model is not None

    @property
    def waiting(self) -> int:
        """Requests inside the gate (streaming or queued)."""
        return self._waiting

    def model(self, deadline: float | None = None) -> ChatModel:
        """The shared model behind the gate: each `stream` call takes a turn. `deadline` (a
        time.monotonic() instant): each call is limited to the time left before it."""
        return _GatedModel(self, deadline)

    def _loaded(self) -> ChatModel:
        with self._load_lock:
            if self._model is None:
                self._model = self._load()
            return self._model

    def _loading_within(self, deadline: float) -> ChatModel:
        """The model, its load started in the background if it is not loaded, waited for until
        `deadline` (a load takes minutes on CPU; the next caller finds it done). A failed load
        raises here, and the next call tries again."""
        with self._count_lock:
            if self._loading is None:
                future: Future[ChatModel] = Future()
                threading.Thread(
                    target=self._load_into, args=(future,), name="load-chat-model", daemon=True
                ).start()
                self._loading = future
            loading = self._loading
        try:
            return loading.result(timeout=max(0.0, deadline - time.monotonic()))
        except FutureTimeout:
            raise ModelBusy("the writing model is still loading") from None

    def _load_into(self, future: "Future[ChatModel]") -> None:
        try:
            future.set_result(self._loaded())
        except BaseException as error:  # handed to the waiting caller
            with self._count_lock:
                self._loading = None
            future.set_exception(error)

    def stream(
        self, messages: Sequence[Message], within_s: float | None = None, **params: Any
    ) -> Iterator[str]:
        """The model's reply, one turn at a time. `within_s`: the caller's time limit, the wait
        included (see the module's docstring); None waits as long as it takes."""
        if within_s is not None and within_s <= 0:
            # A caller out of time gets no turn: a started generation holds the model until its
            # first piece, which comes only after the whole prompt is read.
            raise ModelBusy("no time was left for the writing model")
        deadline = None if within_s is None else time.monotonic() + within_s
        if not self._admitted.acquire(blocking=False):
            raise ModelBusy(
                f"the writing model is busy with other drafts; try again in {self.retry_after_s} s",
                retry_after_s=self.retry_after_s,
            )
        with self._count_lock:
            self._waiting += 1
        try:
            model = self._loaded() if deadline is None else self._loading_within(deadline)
            wait = -1.0 if deadline is None else max(0.0, deadline - time.monotonic())
            if not self._turn.acquire(timeout=wait):
                raise ModelBusy(f"the writing model stayed busy for {within_s:g} s")
        except BaseException:
            self._leave()
            raise
        # The pump holds the turn from here and gives it back when the model is free (_done).
        pump = ReplyPump(lambda: model.stream(messages, **params), self._done)
        try:
            yield from pump.pieces(deadline)
        except PastDeadline:
            raise ModelBusy(f"the writing model took over {within_s:g} s") from None

    def _done(self) -> None:
        self._turn.release()
        self._leave()

    def _leave(self) -> None:
        with self._count_lock:
            self._waiting -= 1
        self._admitted.release()


class _GatedModel:
    def __init__(self, gate: LLMGate, deadline: float | None) -> None:
        self._gate, self._deadline = gate, deadline
        self.name = "gated"
        # What answers behind this handle, one per server: a handle is made per request, so
        # what is kept per model (segment summaries) is kept per this.
        self.shared = gate

    def stream(self, messages: Sequence[Message], **params: Any) -> Iterator[str]:
        if self._deadline is not None:
            # Only what is left: the caller may have spent some of its time before writing,
            # and a retry comes after a whole first draft.
            left = self._deadline - time.monotonic()
            asked = params.get("within_s")
            params["within_s"] = left if asked is None else min(asked, left)
        return self._gate.stream(messages, **params)
