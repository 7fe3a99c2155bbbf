"""Chat latency while events arrive: a real `retain serve` on a copy of the demo workspace,
chat users asking fast-path questions, first alone (the baseline), then while batches of
synthetic events are posted and applied.

    python -m bench.chat_events [--source /tmp/wsx] [--home /tmp/chat-events] [--users 10]
                                [--requests 200] [--batch 50] [--every 2] [--think 1 3]
                                [--ask "how many orders in the next 30 days?" ...]

The source workspace is never written: its store, models, scores and index are copied to
--home (bench.events.copy_workspace). Each application grows the store, re-scores the
customers the events are about and indexes new reviews, in the server's events worker, while
the users are answered.
"""

import argparse
import signal
import tempfile
import threading
from pathlib import Path
from typing import Any

import httpx

from bench.chat import (
    FAST_QUESTIONS,
    admin_key,
    free_port,
    server_env,
    start_server,
    wait_idle,
    wait_ready,
)
from bench.events import Synthetic, copy_workspace
from bench.load import LoadResult, run_load
from commerce.workspace import Workspace


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=Path("/tmp/wsx"))
    parser.add_argument("--home", type=Path, default=Path(tempfile.gettempdir(), "chat-events"))
    parser.add_argument("--users", type=int, default=10)
    parser.add_argument("--requests", type=int, default=200, help="per measurement")
    parser.add_argument("--batch", type=int, default=50, help="events per POST")
    parser.add_argument("--every", type=float, default=2.0, help="seconds between batches")
    parser.add_argument("--think", type=float, nargs=2, default=[1.0, 3.0])
    parser.add_argument(
        "--ask", action="append", help="a question to ask instead of the fast-path mix (repeat)"
    )
    args = parser.parse_args()
    questions = args.ask or FAST_QUESTIONS

    copy_workspace(args.source, args.home)
    env = server_env(args.home, args.home / "bench-app.db", RETAIN_EVENTS_POLL_S="1")
    key = admin_key(env)
    port = free_port()
    log = args.home / "server.log"
    server = start_server(env, port, log)
    url = f"http://127.0.0.1:{port}"
    headers = {"Authorization": f"Bearer {key}"}
    think = (args.think[0], args.think[1])
    try:
        wait_ready(url, server, log)
        wait_idle(server.pid)
        alone = _users(port, headers, questions, args.users, args.requests, think)
        sender = _Sender(url, headers, Synthetic(Workspace(args.home)), args.batch, args.every)
        sender.start()
        try:
            busy = _users(port, headers, questions, args.users, args.requests, think)
        finally:
            sender.stop()
        status = httpx.get(f"{url}/v1/events/status", headers=headers, timeout=60).json()
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(60)
    pause = f"{think[0]:g}-{think[1]:g} s think time"
    print(f"{args.users} chat users ({pause}), {args.requests} answers each run")
    print(f"{'run':<46} {'p50':>8} {'p95':>8} {'max':>8}")
    for name, result in (("no events (baseline)", alone),
                         (f"{args.batch} events every {args.every:g} s", busy)):  # fmt: skip
        worst = max(result.latencies_ms)
        print(f"{name:<46} {result.p50:>6.0f}ms {result.p95:>6.0f}ms {worst:>6.0f}ms")
    print(f"events sent: {sender.sent:,}; applied: {status['applied']:,}; "
          f"pending at the end: {status['pending']:,}")  # fmt: skip


def _users(
    port: int,
    headers: dict[str, str],
    questions: list[str],
    users: int,
    requests: int,
    think: tuple[float, float],
) -> LoadResult:
    def chat(i: int) -> tuple[str, str, Any]:
        return "POST", "/v1/chat", {"message": questions[i % len(questions)]}

    def check(i: int, status: int, body: bytes) -> None:
        assert status == 200, body[:300]

    return run_load("127.0.0.1", port, headers, users, requests, chat, check, think)


class _Sender:
    """Posts a batch of synthetic events every `every` seconds, in a thread."""

    def __init__(
        self, url: str, headers: dict[str, str], synthetic: Synthetic, batch: int, every: float
    ) -> None:
        self.url, self.headers, self.synthetic = url, headers, synthetic
        self.batch, self.every = batch, every
        self.sent = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="bench-events", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(60)

    def _run(self) -> None:
        with httpx.Client(base_url=self.url, headers=self.headers, timeout=60) as http:
            while not self._stop.is_set():
                events = self.synthetic.batch(self.batch)
                response = http.post("/v1/events", json=events)
                assert response.status_code == 202, response.text[:300]
                self.sent += len(events)
                self._stop.wait(self.every)


if __name__ == "__main__":
    main()
