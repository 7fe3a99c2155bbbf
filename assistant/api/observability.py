"""Structured JSON logs and Prometheus metrics for the service.

One registry per app (not the global one) so several apps in one process (tests) do not
collide. The request middleware is pure ASGI so it times streamed answers to their end.
"""

import json
import logging
import re
import sys
import time
import uuid
from typing import Any

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram
from starlette.types import ASGIApp, Message, Receive, Scope, Send

log = logging.getLogger("retain.http")
# What a caller's X-Request-ID may keep: it goes back out as a header and into the logs.
_UNSAFE_ID = re.compile(r"[^A-Za-z0-9._:/+=-]")
MAX_REQUEST_ID_CHARS = 64


class JsonFormatter(logging.Formatter):
    """One JSON object a line: time, level, logger, message and any `extra` fields."""

    RESERVED = set(vars(logging.makeLogRecord({}))) | {"message", "asctime"}

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "ts": self.formatTime(record, "%Y-%m-%dT%H:%M:%S"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        entry |= {k: v for k, v in vars(record).items() if k not in self.RESERVED}
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str)


def configure_logging(level: str) -> None:
    """JSON logs on stderr for the server process (the CLI keeps its human output)."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access"):
        logging.getLogger(name).handlers[:] = []
        logging.getLogger(name).propagate = name != "uvicorn.access"  # we log requests


class Metrics:
    """The service's Prometheus metrics, in their own registry."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.requests = Counter(
            "retain_http_requests", "HTTP requests", ["method", "route", "status"],
            registry=self.registry,
        )  # fmt: skip
        self.latency = Histogram(
            "retain_http_request_seconds", "HTTP request time to the last byte", ["route"],
            buckets=(0.01, 0.025, 0.05, 0.1, 0.15, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300),
            registry=self.registry,
        )  # fmt: skip
        self.tool_calls = Counter(
            "retain_tool_calls", "Tool calls", ["tool", "outcome"], registry=self.registry
        )
        self.routes = Counter(
            "retain_routes", "Chat messages by route kind", ["kind"], registry=self.registry
        )
        self.llm_waiting = Gauge(
            "retain_llm_requests_inside", "Drafting requests streaming or queued for the LLM",
            registry=self.registry,
        )  # fmt: skip


class RequestLog:
    """Logs and measures every HTTP request; adds an X-Request-ID header. Metrics go to the
    app's services (they exist once the lifespan has started)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        request_id = request_id_of(dict(scope["headers"]).get(b"x-request-id", b""))
        status = 500

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message["headers"] = [*message.get("headers", []),
                                      (b"x-request-id", request_id.encode())]  # fmt: skip
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            route = scope.get("route")
            name = getattr(route, "path", "unmatched")
            seconds = time.perf_counter() - started
            services = getattr(scope["app"].state, "services", None)
            if services is not None:
                services.metrics.requests.labels(scope["method"], name, str(status)).inc()
                services.metrics.latency.labels(name).observe(seconds)
            log.info(
                "request",
                extra={
                    "request_id": request_id,
                    "method": scope["method"],
                    "path": scope["path"],
                    "status": status,
                    "ms": round(seconds * 1000, 1),
                    "caller": scope.get("state", {}).get("caller"),
                },
            )


def request_id_of(header: bytes) -> str:
    """The caller's X-Request-ID made safe to echo and log (any bytes: latin-1 cannot fail;
    only letters, digits and . _ : / + = - are kept), or a fresh id when nothing is left."""
    kept = _UNSAFE_ID.sub("", header.decode("latin-1"))[:MAX_REQUEST_ID_CHARS]
    return kept or uuid.uuid4().hex[:16]
