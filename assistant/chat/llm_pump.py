"""A model's reply read in a thread of its own (the pump), so that a caller's deadline holds
while the model writes nothing.

A model reads the whole prompt before its first piece (prefill: on 2 busy cores it alone took
minutes), and a deadline checked as pieces arrive is not checked then. So the pump reads the
reply into a queue, and the caller waits on the queue no longer than its deadline.

A model cannot be stopped mid-step, so a caller that leaves early does not free it: the pump keeps
the model until its next piece, closes the reply there (closing stops the generation) and only
then calls `done`, which gives the model to the next caller. Handing it over sooner would run two
generations at once on cores that cannot afford one.
"""

import queue
import threading
import time
from collections.abc import Callable, Iterator


class PastDeadline(Exception):
    """The reply was not finished by the caller's deadline (the pump goes on until it can stop)."""


class ReplyPump:
    """Reads `open_reply()` in a thread; `done` is called there once the model is free again,
    whether the reply ended, failed or was abandoned."""

    def __init__(self, open_reply: Callable[[], Iterator[str]], done: Callable[[], None]) -> None:
        self._open_reply, self._done = open_reply, done
        self._pieces: queue.Queue[str | BaseException | None] = queue.Queue()  # None: the end
        self._abandoned = threading.Event()
        try:
            threading.Thread(target=self._pump, name="read-reply", daemon=True).start()
        except BaseException:
            done()  # no thread will
            raise

    def pieces(self, deadline: float | None) -> Iterator[str]:
        """The reply's pieces as they come, until `deadline` (time.monotonic); past it,
        PastDeadline. Leaving early, by either, tells the pump to stop at the next piece."""
        try:
            while True:
                wait = None if deadline is None else deadline - time.monotonic()
                if wait is not None and wait <= 0:
                    raise PastDeadline  # checked first: a fast model always has a piece waiting
                try:
                    piece = self._pieces.get(timeout=wait)
                except queue.Empty:
                    raise PastDeadline from None
                if piece is None:
                    return
                if isinstance(piece, BaseException):
                    raise piece
                yield piece
        finally:
            self._abandoned.set()  # a no-op once the reply has ended

    def _pump(self) -> None:
        outcome: BaseException | None = None
        try:
            reply = self._open_reply()
            try:
                for piece in reply:
                    if self._abandoned.is_set():
                        break
                    self._pieces.put(piece)
            finally:
                close = getattr(reply, "close", None)
                if close is not None:
                    close()  # stops the generation, which would hold the model
        except BaseException as error:  # raised to the caller, if it is still reading
            outcome = error
        finally:
            try:
                self._done()  # before the end is told: a caller's next turn finds the model free
            finally:
                self._pieces.put(outcome)
