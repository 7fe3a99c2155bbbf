"""The LLM queue, the rate limiter and the body limit, without a server."""

import threading
from collections.abc import Iterator, Sequence
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from assistant.api.limits import BodyLimit, RateLimiter, TooManyRequests
from assistant.chat.llm_gate import LLMGate
from assistant.llm.base import Message
from assistant.llm.fake import ScriptedChatModel
from commerce.errors import Unavailable


class BlockingModel:
    """Streams one piece, then waits until released: holds the gate for as long as a test needs."""

    name = "blocking"

    def __init__(self) -> None:
        self.release = threading.Event()
        self.started = threading.Event()

    def stream(self, messages: Sequence[Message], **params: Any) -> Iterator[str]:
        self.started.set()
        self.release.wait(5)
        yield "done"


def test_gate_loads_the_model_once_and_streams() -> None:
    loads: list[int] = []

    def load() -> ScriptedChatModel:
        loads.append(1)
        return ScriptedChatModel(["one two", "three"])

    gate = LLMGate(load, queue_size=2)
    assert not gate.loaded
    assert "".join(gate.model().stream([])) == "one two"
    assert "".join(gate.model().stream([])) == "three"
    assert loads == [1] and gate.loaded


def test_gate_refuses_beyond_the_queue_with_retry_after() -> None:
    model = BlockingModel()
    gate = LLMGate(lambda: model, queue_size=0, retry_after_s=7)
    first = threading.Thread(target=lambda: list(gate.model().stream([])))
    first.start()
    assert model.started.wait(5)
    with pytest.raises(Unavailable) as refused:
        list(gate.model().stream([]))
    assert refused.value.retry_after_s == 7 and "busy" in str(refused.value)
    model.release.set()
    first.join(5)
    assert gate.waiting == 0
    assert list(gate.model().stream([])) == ["done"]  # admitted again once free


def test_rate_limiter_allows_the_budget_then_says_when_to_return() -> None:
    limiter = RateLimiter(per_minute=3)
    for _ in range(3):
        limiter.check("k1")
    with pytest.raises(TooManyRequests) as refused:
        limiter.check("k1")
    assert refused.value.retry_after_s >= 1 and "3 requests a minute" in str(refused.value)
    limiter.check("k2")  # keys are limited separately


def _echo_app(max_bytes: int) -> TestClient:
    app = FastAPI()

    @app.post("/echo")
    def echo(body: dict[str, Any]) -> dict[str, Any]:
        return body

    app.add_middleware(BodyLimit, max_bytes=max_bytes)
    return TestClient(app)


def test_body_limit_refuses_a_declared_oversize_body() -> None:
    client = _echo_app(1024)
    assert client.post("/echo", json={"a": "x" * 100}).status_code == 200
    refused = client.post("/echo", json={"a": "x" * 5000})
    assert refused.status_code == 413
    assert "1,024 bytes" in refused.json()["detail"]


def test_body_limit_counts_a_streamed_body() -> None:
    client = _echo_app(1024)

    def chunks() -> Iterator[bytes]:
        yield b'{"a": "'
        for _ in range(50):
            yield b"x" * 100
        yield b'"}'

    refused = client.post("/echo", content=chunks(), headers={"content-type": "application/json"})
    assert refused.status_code == 413
