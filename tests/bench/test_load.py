"""The bench's HTTP load client against a real uvicorn server: every request answered and
timed, connections the server closed while a client was thinking are reopened."""

import socket
import threading
import time
from collections.abc import Iterator

import pytest
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from bench.load import run_load

SEEN: list[str] = []


async def echo(request: Request) -> JSONResponse:
    body = await request.json()
    SEEN.append(body["n"])
    return JSONResponse({"n": body["n"], "auth": request.headers.get("authorization")})


@pytest.fixture
def port() -> Iterator[int]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        free: int = probe.getsockname()[1]
    app = Starlette(routes=[Route("/echo", echo, methods=["POST"])])
    # A keep-alive of 1 s: clients that think longer find their connection closed.
    config = uvicorn.Config(app, port=free, log_level="warning", timeout_keep_alive=1)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.01)
    yield free
    server.should_exit = True
    thread.join(10)


def test_every_request_is_answered_once_and_timed(port: int) -> None:
    SEEN.clear()
    answers: dict[int, bytes] = {}

    def check(i: int, status: int, body: bytes) -> None:
        assert status == 200
        answers[i] = body

    result = run_load(
        "127.0.0.1", port, {"Authorization": "Bearer k"}, clients=4, requests=40,
        request=lambda i: ("POST", "/echo", {"n": f"q{i}"}), check=check,
    )  # fmt: skip
    assert sorted(SEEN) == sorted(f"q{i}" for i in range(40))
    assert answers[7] == b'{"n":"q7","auth":"Bearer k"}'
    assert len(result.latencies_ms) == 40 and 0 < result.p50 <= result.p95
    assert result.per_second > 0


def test_a_connection_closed_while_thinking_is_reopened(port: int) -> None:
    SEEN.clear()
    result = run_load(
        "127.0.0.1", port, {}, clients=2, requests=4,
        request=lambda i: ("POST", "/echo", {"n": f"q{i}"}),
        check=lambda i, status, body: None, think_s=(1.3, 1.5),
    )  # fmt: skip
    assert sorted(SEEN) == ["q0", "q1", "q2", "q3"]
    assert len(result.latencies_ms) == 4
