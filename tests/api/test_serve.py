"""A real `retain serve` process: keys from the CLI, a chat over HTTP, the terminal client,
metrics, a graceful stop, and the conversation still there after a restart."""

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

RETAIN = [sys.executable, "-m", "assistant.cli"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture
def env(api_home: Path, tmp_path: Path) -> dict[str, str]:
    return os.environ | {
        "RETAIN_HOME": str(api_home),
        "RETAIN_DATABASE_URL": f"sqlite:///{tmp_path / 'app.db'}",
        "RETAIN_LLM_PACK": "smollm2-135m",
    }


@contextmanager
def serving(env: dict[str, str], port: int, log: Path) -> Iterator[str]:
    url = f"http://127.0.0.1:{port}"
    with log.open("ab") as sink:
        server = subprocess.Popen(
            [*RETAIN, "serve", "--port", str(port)], env=env, stdout=sink, stderr=sink
        )
        try:
            deadline = time.monotonic() + 180
            while time.monotonic() < deadline:
                assert server.poll() is None, log.read_text()
                try:
                    if httpx.get(f"{url}/readyz", timeout=2).status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                time.sleep(0.5)
            else:
                raise AssertionError("server not ready: " + log.read_text()[-2000:])
            yield url
        finally:
            server.send_signal(signal.SIGTERM)
            # uvicorn finishes in-flight requests, shuts the app down, then re-raises SIGTERM
            assert server.wait(60) in (0, -signal.SIGTERM), log.read_text()[-2000:]
            assert "Application shutdown complete" in log.read_text()


def test_serve_chat_restart_keeps_history(env: dict[str, str], tmp_path: Path) -> None:
    created = subprocess.run(
        [*RETAIN, "keys", "create", "--role", "operator", "--name", "ops"],
        env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    key = created.stdout.strip()
    assert key.startswith("rk_") and "not be shown again" in created.stderr
    headers = {"Authorization": f"Bearer {key}"}
    port, log = free_port(), tmp_path / "server.log"
    with serving(env, port, log) as url:
        reply = httpx.post(
            f"{url}/v1/chat", json={"message": "who is about to leave?"}, headers=headers,
            timeout=60,
        ).json()  # fmt: skip
        assert reply["tool_calls"][0]["name"] == "at_risk_customers"
        conversation = reply["conversation_id"]
        terminal = subprocess.run(
            [*RETAIN, "chat", "--url", url, "--key", key, "-m", "list our segments"],
            env=env, capture_output=True, text=True, timeout=120,
        )  # fmt: skip
        assert terminal.returncode == 0, terminal.stderr
        assert "segment" in terminal.stdout.lower()
        metrics = httpx.get(f"{url}/metrics").text
        assert 'retain_tool_calls_total{outcome="ok",tool="at_risk_customers"} 1.0' in metrics
        assert httpx.get(f"{url}/v1/me").status_code == 401
    assert '"message": "request"' in log.read_text()  # structured JSON request logs
    with serving(env, free_port(), log) as url:
        kept = httpx.get(f"{url}/v1/conversations/{conversation}", headers=headers).json()
    assert [m["role"] for m in kept["messages"]] == ["user", "assistant"]
    assert kept["messages"][1]["tool_calls"][0]["name"] == "at_risk_customers"
