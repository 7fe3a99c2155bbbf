"""HTTP load for the benches: clients on keep-alive connections, each sending its requests one
after another, with or without a pause to read and type between them (think time).

The client is plain asyncio HTTP/1.1, not httpx: at 50 connections httpx spent about 10 ms of
CPU per request on the same two cores as the server, so `/healthz` measured at 80 requests/s
and the bench timed its own client. This one costs a few hundred microseconds a request.
"""

import asyncio
import json
import random
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

# (method, path, JSON body or None) for the i-th request
RequestFn = Callable[[int], tuple[str, str, Any]]
CheckFn = Callable[[int, int, bytes], None]  # (i, status, body); raises when wrong


@dataclass(frozen=True)
class LoadResult:
    """Latencies of every request (ms) and the wall time of the whole run (s)."""

    latencies_ms: list[float]
    seconds: float

    @property
    def p50(self) -> float:
        return statistics.median(self.latencies_ms)

    @property
    def p95(self) -> float:
        return statistics.quantiles(self.latencies_ms, n=20)[18]

    @property
    def per_second(self) -> float:
        return len(self.latencies_ms) / self.seconds


class _Closed(ConnectionError):
    """The server had closed the connection before the request: nothing of it was answered."""


def run_load(
    host: str,
    port: int,
    headers: dict[str, str],
    clients: int,
    requests: int,
    request: RequestFn,
    check: CheckFn,
    think_s: tuple[float, float] | None = None,
    seed: int = 0,
) -> LoadResult:
    """`requests` requests in all from `clients` connections. With `think_s=(low, high)` each
    client pauses a uniform random time in that range before each request, as a person
    does between questions; without it they send back to back (the server's saturation)."""
    todo = iter(range(requests))
    latencies: list[float] = []
    draw = random.Random(seed)
    head = "".join(f"{name}: {value}\r\n" for name, value in headers.items())

    async def client() -> None:
        reader, writer = await asyncio.open_connection(host, port)
        try:
            for i in todo:
                if think_s is not None:
                    await asyncio.sleep(draw.uniform(*think_s))
                method, path, body = request(i)
                began = time.perf_counter()
                try:
                    status, payload = await _exchange(reader, writer, method, path, head, body)
                except _Closed:
                    # The server closes a connection idle longer than its keep-alive (5 s);
                    # a browser reconnects and sends again, and so the time includes that.
                    writer.close()
                    reader, writer = await asyncio.open_connection(host, port)
                    status, payload = await _exchange(reader, writer, method, path, head, body)
                latencies.append((time.perf_counter() - began) * 1000)
                check(i, status, payload)
        finally:
            writer.close()

    async def everyone() -> LoadResult:
        began = time.perf_counter()
        await asyncio.gather(*(client() for _ in range(clients)))
        return LoadResult(latencies, time.perf_counter() - began)

    return asyncio.run(everyone())


async def _exchange(
    reader: asyncio.StreamReader,
    writer: asyncio.StreamWriter,
    method: str,
    path: str,
    head: str,
    body: Any,
) -> tuple[int, bytes]:
    payload = b"" if body is None else json.dumps(body).encode()
    writer.write(
        f"{method} {path} HTTP/1.1\r\nHost: bench\r\n{head}Content-Type: application/json\r\n"
        f"Content-Length: {len(payload)}\r\n\r\n".encode()
        + payload
    )
    try:
        await writer.drain()
        status_line = await reader.readline()
    except ConnectionResetError:
        raise _Closed from None
    if not status_line:
        raise _Closed
    length = 0
    while (line := await reader.readline()) not in (b"\r\n", b""):
        name, _, value = line.decode("latin-1").partition(":")
        if name.lower() == "content-length":
            length = int(value)
        elif name.lower() == "transfer-encoding":
            raise ValueError("chunked responses are not expected from these endpoints")
    return int(status_line.split()[1]), await reader.readexactly(length)
