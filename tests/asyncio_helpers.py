"""Running a coroutine from a plain (synchronous) test, whichever tests ran before it.

`asyncio.run()` refuses to start when the calling thread already has a running event loop, and
Playwright's sync API (the session-scoped browser in tests/e2e) leaves one running in the main
thread until the session ends. A test that calls `asyncio.run()` directly therefore passes or
fails depending on whether a browser test ran first. A thread of its own never has a loop, so
the coroutine runs there, on a fresh loop that is closed afterwards.
"""

import asyncio
import threading
from collections.abc import Coroutine
from typing import Any, TypeVar

T = TypeVar("T")

LIMIT_S = 30.0  # only a broken implementation takes this long


def run_on_fresh_loop(coroutine: Coroutine[Any, Any, T], limit_s: float = LIMIT_S) -> T:
    """Run `coroutine` to completion on a new event loop in a new thread and return its result.

    An exception the coroutine raises is raised here. After `limit_s` seconds the coroutine is
    cancelled (TimeoutError); should it block its loop so that cancelling cannot reach it, the
    test still fails after a short grace period instead of hanging the run.
    """
    outcome: list[T] = []
    failure: list[BaseException] = []

    def run() -> None:
        try:
            outcome.append(asyncio.run(asyncio.wait_for(coroutine, limit_s)))
        except BaseException as error:  # handed to the test's thread, which re-raises it
            failure.append(error)

    worker = threading.Thread(target=run, name="fresh-event-loop", daemon=True)
    worker.start()
    worker.join(limit_s + 5)
    if worker.is_alive():
        raise AssertionError(f"the coroutine still ran after {limit_s + 5:.0f} s")
    if failure:
        raise failure[0]
    return outcome[0]
