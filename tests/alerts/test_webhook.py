"""The webhook: signed, retried with backoff until it succeeds, delivered once, surviving a
restart, given up after the configured tries."""

import json
import random
from collections.abc import Iterator

import pandas as pd
import pytest
from pydantic import SecretStr, ValidationError
from sqlalchemy import func, select

from assistant.alerts.service import AlertService
from assistant.alerts.webhook import backoff_s, sign, verify
from assistant.events.batch import AppliedBatch
from assistant.persistence import AppDatabase
from assistant.persistence.tables import WebhookDeliveryRow
from assistant.settings import Settings
from tests.alerts.factories import make_batch, make_scores, population
from tests.alerts.receiver import Receiver
from tests.alerts.waiting import until

SECRET = "whsec-test-7f3a"
VIP = "00042"


def crossing_batch() -> AppliedBatch:
    before = make_scores(population() | {VIP: (0.5, 500.0)})
    after = make_scores(population() | {VIP: (0.8, 500.0)})
    return make_batch(before, after)


def hooked(url: str, attempts: int = 5) -> Settings:
    return Settings(
        alert_webhook_url=url,
        alert_webhook_secret=SecretStr(SECRET),
        alert_webhook_attempts=attempts,
        alert_webhook_backoff_s=0.01,
    )


def service(db: AppDatabase, settings: Settings) -> AlertService:
    return AlertService(db, settings, lambda: pd.Series(dtype=object))


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    server = Receiver(failures=2)
    yield server
    server.close()


def test_a_webhook_that_fails_twice_is_retried_and_then_delivered_signed_once(
    sqlite_db: AppDatabase, receiver: Receiver
) -> None:
    alerts = service(sqlite_db, hooked(receiver.url))
    alerts.start()
    try:
        [alert] = alerts.raise_for(crossing_batch())
        assert alerts.webhook is not None
        until(lambda: alerts.webhook.delivery(alert.id).state == "delivered", "delivery")  # type: ignore[union-attr]
        assert alerts.raise_for(crossing_batch()) == []  # the replay raises nothing to send
        delivery = alerts.webhook.delivery(alert.id)
    finally:
        alerts.stop()
    assert [r.status for r in receiver.requests] == [500, 500, 200]
    assert delivery is not None and delivery.attempts == 3 and delivery.last_status == 200
    bodies = []
    for request in receiver.requests:
        assert verify(request.body, SECRET, request.headers["X-Retain-Signature"])
        assert request.headers["X-Retain-Signature"] == sign(request.body, SECRET)
        assert request.headers["Content-Type"] == "application/json"
        bodies.append(json.loads(request.body))
        sent_at = pd.Timestamp(bodies[-1]["sent_at"])
        assert int(request.headers["X-Retain-Timestamp"]) == int(sent_at.timestamp())
        assert request.headers["X-Retain-Delivery"] == str(delivery.id)
    assert [b["attempt"] for b in bodies] == [1, 2, 3]
    assert {b["delivery_id"] for b in bodies} == {delivery.id}
    assert all(b["event"] == "alert.raised" for b in bodies)
    assert all(b["alert"] == alert.to_dict() for b in bodies)
    assert not verify(receiver.requests[-1].body + b" ", SECRET, sign(b"{}", SECRET))
    assert not verify(receiver.requests[-1].body, "another secret",
                      receiver.requests[-1].headers["X-Retain-Signature"])  # fmt: skip


def test_a_pending_delivery_survives_a_restart(sqlite_db: AppDatabase) -> None:
    receiver = Receiver(failures=0)
    try:
        crashed = service(sqlite_db, hooked(receiver.url))  # raises, then dies before sending
        [alert] = crashed.raise_for(crossing_batch())
        assert crashed.webhook is not None
        pending = crashed.webhook.delivery(alert.id)
        assert pending is not None and (pending.state, pending.attempts) == ("pending", 0)
        crashed.stop()
        assert receiver.requests == []

        restarted = service(sqlite_db, hooked(receiver.url))
        restarted.start()
        try:
            until(lambda: restarted.webhook.delivery(alert.id).state == "delivered", "restart")  # type: ignore[union-attr]
        finally:
            restarted.stop()
    finally:
        receiver.close()
    assert [r.status for r in receiver.requests] == [200]
    assert json.loads(receiver.requests[0].body)["alert"]["id"] == alert.id


def test_a_delivery_is_given_up_after_the_configured_tries(sqlite_db: AppDatabase) -> None:
    receiver = Receiver(failures=100)
    alerts = service(sqlite_db, hooked(receiver.url, attempts=2))
    alerts.start()
    try:
        [alert] = alerts.raise_for(crossing_batch())
        until(lambda: alerts.webhook.delivery(alert.id).state == "failed", "giving up")  # type: ignore[union-attr]
        delivery = alerts.webhook.delivery(alert.id)  # type: ignore[union-attr]
    finally:
        alerts.stop()
        receiver.close()
    assert len(receiver.requests) == 2
    assert delivery is not None and delivery.attempts == 2 and delivery.last_status == 500
    assert delivery.last_error is not None and delivery.last_error.startswith("HTTP 500")


def test_an_unreachable_receiver_counts_as_a_failed_try(sqlite_db: AppDatabase) -> None:
    closed = Receiver()
    url = closed.url
    closed.close()  # nothing listens on that port now
    alerts = service(sqlite_db, hooked(url, attempts=1))
    [alert] = alerts.raise_for(crossing_batch())
    assert alerts.webhook is not None and alerts.webhook.deliver_due() == 1
    delivery = alerts.webhook.delivery(alert.id)
    alerts.stop()
    assert delivery is not None and delivery.state == "failed" and delivery.last_status is None
    assert delivery.last_error is not None and "Connect" in delivery.last_error


@pytest.mark.parametrize(
    ("url", "error"),
    [
        ("https://[::1/hook", "InvalidURL"),
        (f"https://{'a' * 64}.example.com/hook", "UnicodeError"),  # a label over 63 characters
        ("https://xn--zz.example.com/hook", "IDNAError"),  # not a valid A-label
    ],
)
def test_a_url_httpx_cannot_send_to_counts_as_a_failed_try(
    url: str, error: str, sqlite_db: AppDatabase
) -> None:
    """Not a pass that raises for ever with the delivery left pending."""
    # Settings refuse it (below); a URL that still reaches the sender must not wedge it.
    unparsable = hooked("https://hooks.example.com", attempts=1).model_copy(
        update={"alert_webhook_url": url}
    )
    alerts = service(sqlite_db, unparsable)
    [alert] = alerts.raise_for(crossing_batch())
    assert alerts.webhook is not None and alerts.webhook.deliver_due() == 1
    delivery = alerts.webhook.delivery(alert.id)
    alerts.stop()
    assert delivery is not None and delivery.state == "failed"
    assert delivery.last_error is not None and delivery.last_error.startswith(error)


def test_without_a_webhook_nothing_goes_to_the_outbox(sqlite_db: AppDatabase) -> None:
    alerts = service(sqlite_db, Settings())
    assert alerts.webhook is None
    assert len(alerts.raise_for(crossing_batch())) == 1
    with sqlite_db.session() as session:
        assert session.scalar(select(func.count()).select_from(WebhookDeliveryRow)) == 0


def test_backoff_doubles_with_jitter_in_the_upper_half_and_is_capped() -> None:
    rng = random.Random(3)
    for tries, low, high in ((1, 1.0, 2.0), (2, 2.0, 4.0), (4, 8.0, 16.0), (30, 1800.0, 3600.0)):
        waits = [backoff_s(tries, 2.0, rng) for _ in range(50)]
        assert all(low <= w <= high for w in waits)
        assert len(set(waits)) > 1  # jittered


def test_a_refused_webhook_url_is_shown_without_its_path() -> None:
    # Slack-style webhook URLs carry their token in the path; the error lands in terminals and logs
    for url in (
        "https://hooks.example.com:abc/services/T0/B0/TOKEN123",
        "http://user:pw@[::1/TOKEN123?key=TOKEN123",
        "ftp://hooks.example.com/TOKEN123",
    ):
        with pytest.raises(ValidationError) as refused:
            Settings(alert_webhook_url=url, alert_webhook_secret=SecretStr("x"))
        assert "TOKEN123" not in str(refused.value) and "pw" not in str(refused.value)
        assert "/…" in str(refused.value)


def test_a_webhook_url_needs_a_secret_and_http(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(ValidationError, match="RETAIN_ALERT_WEBHOOK_SECRET is empty"):
        Settings(alert_webhook_url="https://hooks.example.com/retain")
    with pytest.raises(ValidationError, match="not an http"):
        Settings(alert_webhook_url="ftp://hooks.example.com", alert_webhook_secret=SecretStr("x"))
    for url, why in (
        ("https://[::1/hook", "is not a URL"),
        ("https://hooks.example.com:abc/x", "is not a URL"),
        ("https://hooks.example.com\n/x", "is not a URL"),
        ("http://", "names no host"),
        (f"https://{'a' * 64}.example.com/x", "its host cannot be encoded"),
        ("https://xn--zz.example.com/x", "its host cannot be encoded"),
    ):
        with pytest.raises(ValidationError, match=why):
            Settings(alert_webhook_url=url, alert_webhook_secret=SecretStr("x"))
    monkeypatch.setenv("RETAIN_ALERT_WEBHOOK_SECRET", "x")  # a plain string, as operators set it
    ok = Settings(alert_webhook_url="https://hooks.example.com/retain")
    assert "x" not in repr(ok.alert_webhook_secret)
