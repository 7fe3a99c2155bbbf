"""Request size limits and per-key rate limits.

The body limit is pure ASGI so an oversized upload is refused before it is read into
memory: by its Content-Length when it has one, by counting when it streams (chunked).
"""

import contextlib
import json
import threading
import time
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from commerce.errors import RetainError


class TooManyRequests(RetainError):
    status_code = 429

    def __init__(self, message: str, retry_after_s: int) -> None:
        super().__init__(message)
        self.retry_after_s = retry_after_s


class BodyLimit:
    """Refuses request bodies over `max_bytes` with 413 and a message naming the limit;
    `paths` gives some paths their own limit (batches of events are larger than a chat)."""

    def __init__(
        self, app: ASGIApp, max_bytes: int, paths: dict[str, tuple[int, str]] | None = None
    ) -> None:
        self.app, self.max_bytes = app, max_bytes
        self.paths = paths or {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit, setting = self.paths.get(scope["path"], (self.max_bytes, "RETAIN_MAX_REQUEST_BYTES"))
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            await self._refuse(send, limit, setting)
            return
        seen = 0
        too_big = False
        refused = False

        async def counting_receive() -> Message:
            nonlocal seen, too_big
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    too_big = True
                    raise _BodyTooLarge  # the app answers 400 or raises: replaced below
            return message

        async def guarded_send(message: Message) -> None:
            nonlocal refused
            if not too_big:
                await send(message)
            elif not refused:
                refused = True
                await self._refuse(send, limit, setting)

        with contextlib.suppress(_BodyTooLarge):
            await self.app(scope, counting_receive, guarded_send)
        if too_big and not refused:
            await self._refuse(send, limit, setting)

    async def _refuse(self, send: Send, limit: int, setting: str) -> None:
        body = json.dumps(
            {
                "error": "request_too_large",
                "detail": f"the request body is over {limit:,} bytes ({setting})",
            }
        ).encode()
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [(b"content-type", b"application/json")],
            }
        )
        await send({"type": "http.response.body", "body": body})


class _BodyTooLarge(Exception):
    pass


class RateLimiter:
    """A token bucket per API key: `per_minute` requests a minute, bursts up to that many."""

    def __init__(self, per_minute: int) -> None:
        self.rate = per_minute / 60.0
        self.capacity = float(per_minute)
        self._buckets: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()

    def check(self, key: str) -> None:
        """Take one token for `key`, or raise TooManyRequests saying when to come back."""
        now = time.monotonic()
        with self._lock:
            tokens, last = self._buckets.get(key, (self.capacity, now))
            tokens = min(self.capacity, tokens + (now - last) * self.rate)
            if tokens < 1.0:
                wait = int((1.0 - tokens) / self.rate) + 1
                self._buckets[key] = (tokens, now)
                raise TooManyRequests(
                    f"rate limit of {int(self.capacity)} requests a minute reached; "
                    f"try again in {wait} s",
                    retry_after_s=wait,
                )
            self._buckets[key] = (tokens - 1.0, now)

    def state(self) -> dict[str, Any]:
        return {"keys": len(self._buckets), "per_minute": int(self.capacity)}
