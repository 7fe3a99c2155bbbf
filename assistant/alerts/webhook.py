"""The alert webhook: every raised alert POSTed as signed JSON from an outbox in the app database.

A delivery row is written with its alert (one transaction), so it survives a crash or restart:
the sender thread retries pending rows until one gets a 2xx answer or RETAIN_ALERT_WEBHOOK_ATTEMPTS
tries are spent, waiting RETAIN_ALERT_WEBHOOK_BACKOFF_S x 2^(try - 1) between tries, the upper
half of each wait jittered so that many senders do not retry in step.

The request (docs/alerts.md shows how to verify it):

    POST <RETAIN_ALERT_WEBHOOK_URL>
    Content-Type: application/json
    X-Retain-Signature: sha256=<hex HMAC-SHA256 of the raw body, keyed with the secret>
    X-Retain-Timestamp: <unix seconds, the same instant as the body's sent_at>
    X-Retain-Delivery: <delivery id, the same on every try>

    {"alert": {...}, "attempt": 1, "delivery_id": 7, "event": "alert.raised",
     "sent_at": "2025-01-31T12:00:00+00:00"}

The timestamp is inside the signed body too, so a receiver can refuse old replays; the delivery
id lets it ignore a try it already processed (a 2xx that got lost on the way back is retried).
"""

import hashlib
import hmac
import json
import logging
import random
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import httpx
from sqlalchemy import func, select, update

from assistant.persistence.db import AppDatabase
from assistant.persistence.tables import WebhookDeliveryRow, utc_now

log = logging.getLogger("retain.alerts.webhook")
MAX_BACKOFF_S = 3600.0
POLL_S = 30.0  # also pick up deliveries another process wrote, at least this often
BATCH = 50  # deliveries tried per pass
TIMEOUT_S = 10.0
MAX_ERROR_CHARS = 500
SIGNATURE_HEADER = "X-Retain-Signature"
TIMESTAMP_HEADER = "X-Retain-Timestamp"
DELIVERY_HEADER = "X-Retain-Delivery"


def sign(body: bytes, secret: str) -> str:
    """The X-Retain-Signature value of `body`: "sha256=" and the hex HMAC-SHA256."""
    return "sha256=" + hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


def verify(body: bytes, secret: str, signature: str) -> bool:
    """True when `signature` is sign(body, secret), compared in constant time."""
    return hmac.compare_digest(sign(body, secret), signature)


def backoff_s(failed_tries: int, base_s: float, rng: random.Random) -> float:
    """Seconds to wait after `failed_tries` failures: base x 2^(failures - 1), capped at an
    hour, the upper half drawn at random."""
    delay = min(MAX_BACKOFF_S, base_s * 2.0 ** max(failed_tries - 1, 0))
    return float(delay / 2 + rng.uniform(0, delay / 2))


@dataclass(frozen=True)
class Delivery:
    """A delivery as stored: pending, delivered or failed (out of tries)."""

    id: int
    alert_id: int
    state: str
    attempts: int
    next_attempt_at: datetime
    last_status: int | None
    last_error: str | None
    delivered_at: datetime | None


class WebhookSender:
    """Delivers the outbox on a background thread (`start`/`stop`); `deliver_due` is one pass."""

    def __init__(
        self,
        db: AppDatabase,
        url: str,
        secret: str,
        attempts: int,
        base_backoff_s: float,
        client: httpx.Client | None = None,
        rng: random.Random | None = None,
    ) -> None:
        self._db, self.url, self._secret = db, url, secret
        self.attempts, self.base_backoff_s = attempts, base_backoff_s
        self._own_client = client is None
        self._client = client or httpx.Client(timeout=TIMEOUT_S, follow_redirects=False)
        self._rng = rng or random.Random()
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        """Start the sender thread (pending deliveries from before a restart go first)."""
        if self._thread is not None:
            return
        self._stopping.clear()
        self._thread = threading.Thread(target=self._run, name="alert-webhook", daemon=True)
        self._thread.start()

    def stop(self, timeout_s: float = TIMEOUT_S) -> None:
        """Stop the thread after its current try; what is still pending stays in the outbox."""
        self._stopping.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout_s)
            self._thread = None
        if self._own_client:
            self._client.close()

    def wake(self) -> None:
        """New deliveries are waiting: try them now rather than at the next poll."""
        self._wake.set()

    def deliver_due(self) -> int:
        """Try every delivery that is due now, once; return how many were tried."""
        query = (
            select(WebhookDeliveryRow.id)
            .where(WebhookDeliveryRow.state == "pending")
            .where(WebhookDeliveryRow.next_attempt_at <= utc_now())
            .order_by(WebhookDeliveryRow.id)
            .limit(BATCH)
        )
        with self._db.read_session() as session:
            due = list(session.scalars(query))
        tried = 0
        for delivery_id in due:
            if self._stopping.is_set():
                break
            tried += self._attempt(delivery_id)
        return tried

    def delivery(self, alert_id: int) -> Delivery | None:
        """The delivery of one alert, if it has one."""
        query = select(WebhookDeliveryRow).where(WebhookDeliveryRow.alert_id == alert_id)
        with self._db.read_session() as session:
            row = session.scalar(query)
            return None if row is None else _delivery(row)

    def _run(self) -> None:
        while not self._stopping.is_set():
            wait = POLL_S
            try:
                self.deliver_due()
                wait = self._seconds_to_next()
            except Exception as error:  # a database hiccup must not end the thread
                log.error("webhook pass failed", exc_info=error)
            self._wake.wait(timeout=wait)
            self._wake.clear()

    def _seconds_to_next(self) -> float:
        query = select(func.min(WebhookDeliveryRow.next_attempt_at)).where(
            WebhookDeliveryRow.state == "pending"
        )
        with self._db.read_session() as session:
            first = session.scalar(query)
        if first is None:
            return POLL_S
        return min(POLL_S, max((first - utc_now()).total_seconds(), 0.0))

    def _attempt(self, delivery_id: int) -> int:
        """Claim one due delivery, POST it, record how it went; 0 when another sender has it."""
        now = utc_now()
        lease = now + timedelta(seconds=TIMEOUT_S * 3)  # nobody else tries it meanwhile
        with self._db.session() as session:
            claimed = session.execute(
                update(WebhookDeliveryRow)
                .where(WebhookDeliveryRow.id == delivery_id)
                .where(WebhookDeliveryRow.state == "pending")
                .where(WebhookDeliveryRow.next_attempt_at <= now)
                .values(next_attempt_at=lease, attempts=WebhookDeliveryRow.attempts + 1)
                .returning(WebhookDeliveryRow.attempts, WebhookDeliveryRow.payload)
                .execution_options(synchronize_session=False)
            ).one_or_none()
        if claimed is None:
            return 0
        attempt, payload = int(claimed[0]), dict(claimed[1] or {})
        status, error = self._post(delivery_id, attempt, payload)
        values: dict[str, Any] = {"last_status": status, "last_error": error}
        if status is not None and 200 <= status < 300:
            values |= {"state": "delivered", "delivered_at": utc_now(), "last_error": None}
        elif attempt >= self.attempts:
            values |= {"state": "failed"}
            where: dict[str, Any] = {"delivery": delivery_id, "tries": attempt, "error": error}
            log.error("webhook delivery given up", extra=where)
        else:
            wait = backoff_s(attempt, self.base_backoff_s, self._rng)
            values |= {"next_attempt_at": utc_now() + timedelta(seconds=wait)}
            where = {"delivery": delivery_id, "try": attempt, "retry_in_s": round(wait, 2),
                     "error": error}  # fmt: skip
            log.warning("webhook delivery failed; retrying", extra=where)
        with self._db.session() as session:
            session.execute(
                update(WebhookDeliveryRow)
                .where(WebhookDeliveryRow.id == delivery_id)
                .values(**values)
                .execution_options(synchronize_session=False)
            )
        return 1

    def _post(
        self, delivery_id: int, attempt: int, alert: dict[str, Any]
    ) -> tuple[int | None, str | None]:
        """POST one try; (status, None) on an answer, (status or None, why) on a failure."""
        sent_at = utc_now().replace(microsecond=0)
        body = json.dumps(
            {"event": "alert.raised", "delivery_id": delivery_id, "attempt": attempt,
             "sent_at": sent_at.isoformat(), "alert": alert},
            sort_keys=True, separators=(",", ":"), ensure_ascii=False,
        ).encode("utf-8")  # fmt: skip
        headers = {
            "Content-Type": "application/json",
            SIGNATURE_HEADER: sign(body, self._secret),
            TIMESTAMP_HEADER: str(int(sent_at.timestamp())),
            DELIVERY_HEADER: str(delivery_id),
            "User-Agent": "Retain-Alerts/1",
        }
        try:
            response = self._client.post(self.url, content=body, headers=headers)
        except Exception as error:  # any failure is a failed try, and is recorded
            # Not only HTTPError: InvalidURL and an unencodable host (UnicodeError) are none, and
            # an unrecorded try would be retried for ever, past the attempts allowed.
            return None, f"{type(error).__name__}: {error}"[:MAX_ERROR_CHARS]
        if 200 <= response.status_code < 300:
            return response.status_code, None
        answer = f"HTTP {response.status_code}: {response.text}"
        return response.status_code, answer[:MAX_ERROR_CHARS]


def _delivery(row: WebhookDeliveryRow) -> Delivery:
    return Delivery(
        id=row.id,
        alert_id=row.alert_id,
        state=row.state,
        attempts=row.attempts,
        next_attempt_at=row.next_attempt_at,
        last_status=row.last_status,
        last_error=row.last_error,
        delivered_at=row.delivered_at,
    )
