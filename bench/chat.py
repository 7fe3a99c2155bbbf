"""The assistant as users meet it: routing accuracy, fast-path latency under load, and time to
the first drafted token, all through a real `retain serve` over the demo workspace.

    python -m bench.chat [--home .retain] [--clients 1 50] [--requests 400] [--think 1 5]
                         [--no-draft]

Fast-path latency is measured per request, end to end over HTTP, with questions that need no
LLM (profiles, at-risk lists, segments, review search), in two ways:
- back to back: N clients each send the next question the moment an answer arrives. This is
  the server's saturation: latency there is N divided by the throughput.
- chat users: N clients each pause 1 to 5 s (`--think`) before each question, as people
  reading an answer and typing the next one do. The 50-client target is measured here.
The baseline in the same run is GET /healthz back to back at the same concurrency: what the
server and the client cost with no work at all. The bench waits until the server is idle
(its background warm-up of forecasts done) before it measures. The draft row is one `draft an
offer` request streamed over SSE: the time to its first token event and the tokens per second
after it, with the configured LLM pack.
"""

import argparse
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

from bench.load import run_load
from bench.routing import HOLDOUT, QUESTIONS, evaluate_routing

FAST_QUESTIONS = [
    "who is about to leave?",
    "tell me about customer 00042",
    "list our segments",
    "show me the at risk customers in champions",
    "profile of customer 01412",
    "what do customers say about stale coffee?",
    "top 5 customers by value at risk",
    "how many customers are in the lost segment?",
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--home", type=Path, default=Path(os.environ.get("RETAIN_HOME", ".retain")))
    parser.add_argument("--clients", type=int, nargs="+", default=[1, 50])
    parser.add_argument("--requests", type=int, default=400, help="per measurement")
    parser.add_argument("--think", type=float, nargs=2, default=[1.0, 5.0], metavar=("LOW", "HIGH"),
                        help="chat users pause this many seconds before each question")  # fmt: skip
    parser.add_argument("--no-draft", action="store_true", help="skip the drafting request")
    parser.add_argument("--draft-customer", default="00042")
    args = parser.parse_args()

    rows: list[tuple[str, str]] = []
    rows += routing_rows()
    with tempfile.TemporaryDirectory() as scratch:
        env = server_env(args.home, Path(scratch) / "app.db")
        key = admin_key(env)
        port = free_port()
        log = Path(scratch) / "server.log"
        server = start_server(env, port, log)
        url = f"http://127.0.0.1:{port}"
        try:
            wait_ready(url, server, log)
            headers = {"Authorization": f"Bearer {key}"}
            wait_idle(server.pid)
            rows += load_rows(port, headers, args.clients, args.requests, tuple(args.think))
            if not args.no_draft:
                rows += _draft(url, headers, args.draft_customer)
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(60)
    width = max(len(name) for name, _ in rows)
    print(f"{'measure':<{width}}  value")
    for name, value in rows:
        print(f"{name:<{width}}  {value}")


def routing_rows() -> list[tuple[str, str]]:
    from assistant.routing import Router
    from bench.routing import DEMO_VOCABULARY
    from retrieval.embedder import MiniLMEmbedder

    router = Router(MiniLMEmbedder(device="cpu"), DEMO_VOCABULARY)
    rows = []
    for name, path in (("labelled set", QUESTIONS), ("held-out set", HOLDOUT)):
        report = evaluate_routing(router, path)
        rows.append((f"routing accuracy, {name} ({report['questions']} questions)",
                     f"{report['routing_accuracy']:.1%} kind+tool, "
                     f"{report['args_accuracy']:.1%} with args"))  # fmt: skip
        rows.append((f"route latency p50 / p95, {name}",
                     f"{report['p50_ms']:.1f} / {report['p95_ms']:.1f} ms"))  # fmt: skip
    return rows


def load_rows(
    port: int,
    headers: dict[str, str],
    clients: list[int],
    requests: int,
    think_s: tuple[float, float],
) -> list[tuple[str, str]]:
    """The latency rows: healthz and chat back to back, and chat as users who think."""

    def healthz(i: int) -> tuple[str, str, Any]:
        return "GET", "/healthz", None

    def chat(i: int) -> tuple[str, str, Any]:
        return "POST", "/v1/chat", {"message": FAST_QUESTIONS[i % len(FAST_QUESTIONS)]}

    def check(i: int, status: int, body: bytes) -> None:
        assert status == 200, body[:300]
        if body.startswith(b'{"conversation_id"'):
            route = json.loads(body)["route"]
            assert route["kind"] != "unclear", FAST_QUESTIONS[i % len(FAST_QUESTIONS)]

    rows = []
    for n in clients:
        base = run_load("127.0.0.1", port, headers, n, requests, healthz, check)
        fast = run_load("127.0.0.1", port, headers, n, requests, chat, check)
        rows.append(
            (
                f"healthz p50 / p95, {n} client(s) back to back (baseline)",
                f"{base.p50:.1f} / {base.p95:.1f} ms, {base.per_second:,.0f} requests/s",
            )
        )
        rows.append((f"fast-path chat p50 / p95, {n} client(s) back to back",
                     f"{fast.p50:.1f} / {fast.p95:.1f} ms, {fast.per_second:,.0f} requests/s "
                     f"({fast.p95 / max(base.p95, 1e-9):.1f}x baseline p95)"))  # fmt: skip
        if n > 1:
            users = run_load("127.0.0.1", port, headers, n, requests, chat, check, think_s)
            pause = f"{think_s[0]:g}-{think_s[1]:g} s"
            rows.append((f"fast-path chat p50 / p95, {n} chat users ({pause} think time)",
                         f"{users.p50:.1f} / {users.p95:.1f} ms, "
                         f"{users.per_second:,.0f} requests/s"))  # fmt: skip
    return rows


def _draft(url: str, headers: dict[str, str], customer: str) -> list[tuple[str, str]]:
    body = {"message": f"draft an offer for customer {customer}"}
    began = time.perf_counter()
    first: float | None = None
    pieces = 0
    final: dict[str, Any] = {}
    with httpx.stream("POST", f"{url}/v1/chat", json=body, timeout=900,
                      headers=headers | {"Accept": "text/event-stream"}) as response:  # fmt: skip
        kind = ""
        for line in response.iter_lines():
            if line.startswith("event:"):
                kind = line[6:].strip()
            elif line.startswith("data:") and kind == "token":
                first = first or time.perf_counter()
                pieces += 1
            elif line.startswith("data:") and kind == "message":
                final = json.loads(line[5:])
    ended = time.perf_counter()
    offer: dict[str, Any] = next((c for c in final.get("cards", []) if c["type"] == "offer"), {})
    ttft = (first - began) if first else float("nan")
    rate = pieces / (ended - first) if first and ended > first else float("nan")
    return [
        ("draft: time to first token (first request, model load included)", f"{ttft:.1f} s"),
        ("draft: streamed pieces/s after the first", f"{rate:.1f}"),
        ("draft: path", f"{offer.get('path', '?')} in {ended - began:.1f} s"),
    ]


def wait_idle(pid: int, quiet: float = 0.05, timeout_s: float = 600) -> None:
    """Wait until the server process uses under `quiet` of a core for two seconds: it warms
    forecasts in the background after it is ready, and that would be measured as latency."""
    stat = Path(f"/proc/{pid}/stat")
    if not stat.exists():  # not Linux: give the warm-up a fixed while
        time.sleep(60)
        return
    ticks = os.sysconf("SC_CLK_TCK")
    deadline = time.monotonic() + timeout_s

    def cpu_s() -> float:
        fields = stat.read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / ticks  # utime + stime

    while time.monotonic() < deadline:
        before = cpu_s()
        time.sleep(2)
        if cpu_s() - before < 2 * quiet:
            return


def server_env(home: Path, database: Path, **more: str) -> dict[str, str]:
    """The environment of a bench server: `home` as RETAIN_HOME, its own app database (the
    workspace's keys and history stay untouched), no rate limit, and `more` settings."""
    return os.environ | {
        "RETAIN_HOME": str(home),
        "RETAIN_DATABASE_URL": f"sqlite:///{database}",
        "RETAIN_RATE_LIMIT_PER_MINUTE": "1000000",
        **more,
    }


def admin_key(env: dict[str, str]) -> str:
    """A new admin key in the app database that `env` names."""
    return subprocess.run(
        [sys.executable, "-m", "assistant.cli", "keys", "create", "--role", "admin",
         "--name", "bench"], env=env, capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def start_server(env: dict[str, str], port: int, log: Path) -> subprocess.Popen[bytes]:
    """`retain serve` on `port` with `env`, its output into `log`."""
    sink = log.open("wb")
    return subprocess.Popen(
        [sys.executable, "-m", "assistant.cli", "serve", "--port", str(port)],
        env=env, stdout=sink, stderr=sink,
    )  # fmt: skip


def wait_ready(url: str, server: subprocess.Popen[bytes], log: Path) -> None:
    """Wait until /readyz answers 200; exit with the log's tail if the server stops."""
    deadline = time.monotonic() + 600
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit("the server stopped:\n" + log.read_text()[-3000:])
        try:
            if httpx.get(f"{url}/readyz", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(1)
    raise SystemExit("the server did not get ready in 10 minutes")


if __name__ == "__main__":
    main()
