"""Heartbeats for server-sent event streams: a comment line sent while a stream has nothing
else to send, so a proxy (nginx closes a response silent for 60 s by default) or a browser does
not drop it. Event-stream readers skip comment lines, so the events themselves are unchanged.
"""

import asyncio
import logging
from collections.abc import AsyncIterator, Generator

from starlette.concurrency import run_in_threadpool

HEARTBEAT_S = 15.0  # a comment line this often keeps proxies from closing an idle stream
HEARTBEAT = ": heartbeat\n\n"
log = logging.getLogger("retain.api")


async def with_heartbeats(
    chunks: Generator[str, None, None], every_s: float = HEARTBEAT_S
) -> AsyncIterator[str]:
    """`chunks` in order, and a heartbeat whenever none came for `every_s` seconds.

    Each chunk is read in a worker thread, one at a time, as the server reads a plain
    generator (so nothing is produced ahead of a slow client). When the stream ends early (the
    client left), `chunks` is closed once the read under way returns: it stops there, as a
    plain generator's turn does.
    """
    reading: asyncio.Future[str | None] | None = None
    try:
        while True:
            reading = asyncio.ensure_future(run_in_threadpool(_next_or_none, chunks))
            while not (await asyncio.wait({reading}, timeout=every_s))[0]:
                yield HEARTBEAT
            chunk = reading.result()
            if chunk is None:
                return
            yield chunk
    finally:
        if reading is None or reading.done():
            chunks.close()
        else:  # a generator cannot be closed while a thread runs it
            reading.add_done_callback(lambda _: _close_after(reading, chunks))


def _next_or_none(chunks: Generator[str, None, None]) -> str | None:
    # None, not StopIteration: a StopIteration cannot be raised into a future.
    return next(chunks, None)


def _close_after(reading: "asyncio.Future[str | None]", chunks: Generator[str, None, None]) -> None:
    chunks.close()
    failure = None if reading.cancelled() else reading.exception()
    if failure is not None:  # no one is left to read it
        log.error("a stream failed after its client left", exc_info=failure)
