"""AlertService: what the app holds for alerts. The events service calls `on_applied` after
each batch; the API lists, reads and acknowledges; the SSE route subscribes to the feed.

    on_applied(batch) -> evaluate the rules -> store (new ones only) -> feed + webhook outbox

on_applied raises when the rules fail or the alerts cannot be stored: the events service then
keeps the batch owed and tells it again (assistant/events/handoff.py), and the second time
raises only the alerts the first did not store (dedupe keys).
"""

import builtins
import logging
import time
from collections.abc import Callable

import pandas as pd
from sqlalchemy.exc import DBAPIError, OperationalError

from assistant.alerts.feed import AlertFeed, FeedEvent, Subscription
from assistant.alerts.model import Alert, NewAlert, StateFilter
from assistant.alerts.rules import AppliedBatchLike, evaluate
from assistant.alerts.store import AlertStore
from assistant.alerts.webhook import WebhookSender
from assistant.persistence.db import AppDatabase
from assistant.persistence.keys import Principal
from assistant.roles import Role
from assistant.settings import Settings

log = logging.getLogger("retain.alerts")
SegmentsProvider = Callable[[], "pd.Series[str]"]
# Waits before each new try to store a batch's alerts when the database is briefly unavailable.
STORE_RETRY_WAITS_S = (0.5, 2.0, 8.0)


class AlertService:
    """Alerts over the app database: raised from applied batches, stored, streamed, POSTed.

    `segments_provider` returns today's segment of each customer (customer_id -> name); it is
    called once per batch, after the batch is applied. `webhook` replaces the sender built
    from the settings (tests pass one with their own client).
    """

    def __init__(
        self,
        database: AppDatabase,
        settings: Settings,
        segments_provider: SegmentsProvider,
        webhook: WebhookSender | None = None,
    ) -> None:
        self.settings = settings
        self.store = AlertStore(database)
        self.feed = AlertFeed()
        self._segments = segments_provider
        if webhook is None and settings.alert_webhook_url:
            webhook = WebhookSender(
                database,
                settings.alert_webhook_url,
                settings.alert_webhook_secret.get_secret_value(),
                settings.alert_webhook_attempts,
                settings.alert_webhook_backoff_s,
            )
        self.webhook = webhook

    def start(self) -> None:
        """Start the webhook sender (deliveries pending from before a restart go first)."""
        if self.webhook is not None:
            self.webhook.start()

    def stop(self) -> None:
        """End the feed's streams and stop the sender; pending deliveries stay in the outbox."""
        self.feed.close()
        if self.webhook is not None:
            self.webhook.stop()

    def on_applied(self, batch: AppliedBatchLike) -> None:
        """The events service's listener: raise the alerts `batch` calls for. Raises when the
        rules fail or the alerts cannot be stored (after the retries): the events service logs
        it and tells the batch again later, so its alerts are raised late, not lost."""
        self._raise(batch)

    def raise_for(self, batch: AppliedBatchLike) -> builtins.list[Alert]:
        """Raise the alerts `batch` calls for and return the new ones. Safe to call twice with
        the same batch (nothing new the second time). Never raises: a failure is logged and
        nothing is returned."""
        try:
            return self._raise(batch)
        except Exception as error:
            log.error("alert rules failed", exc_info=error,
                      extra={"store_version": batch.store_version})  # fmt: skip
            return []

    def _raise(self, batch: AppliedBatchLike) -> builtins.list[Alert]:
        alerts = evaluate(batch, self._segment_series(), self.settings)
        raised = self._store(alerts)
        for alert in raised:
            self.feed.publish(FeedEvent("alert", alert))
        if raised and self.webhook is not None:
            self.webhook.wake()
        if raised:
            log.info("alerts raised", extra={"alerts": [a.id for a in raised],
                                             "store_version": batch.store_version})  # fmt: skip
        return raised

    def _store(self, alerts: builtins.list[NewAlert]) -> builtins.list[Alert]:
        """Store the alerts, trying again on what passes (a locked or dropped database): the
        batch is applied already, and telling it again waits for the next application or start.
        An alert the database refuses for good is logged and skipped, alone, not with the whole
        batch (telling it again would be refused again)."""
        outbox, waits = self.webhook is not None, iter(STORE_RETRY_WAITS_S)
        while True:
            try:
                return self.store.raise_alerts(alerts, outbox=outbox)
            except OperationalError as error:
                wait_s = next(waits, None)
                if wait_s is None:
                    raise
                log.warning("storing alerts failed; trying again", exc_info=error,
                            extra={"retry_in_s": wait_s})  # fmt: skip
                time.sleep(wait_s)
            except DBAPIError as error:  # refused data: find the alert, keep the others
                log.warning("storing alerts failed; storing them one by one", exc_info=error)
                return [a for alert in alerts for a in self._store_alone(alert, outbox)]

    def _store_alone(self, alert: NewAlert, outbox: bool) -> builtins.list[Alert]:
        try:
            return self.store.raise_alerts([alert], outbox=outbox)
        except DBAPIError as error:
            log.error("an alert was refused by the database", exc_info=error,
                      extra={"rule": alert.rule, "dedupe_key": alert.dedupe_key})  # fmt: skip
            return []

    def list(
        self, role: Role, state: StateFilter = "open", limit: int = 50, offset: int = 0
    ) -> builtins.list[Alert]:
        """The alerts `role` sees, newest first."""
        return self.store.list(state, role, limit, offset)

    def count(self, role: Role, state: StateFilter = "open") -> int:
        """How many alerts `role` sees in `state`."""
        return self.store.count(state, role)

    def get(self, alert_id: int, role: Role) -> Alert:
        return self.store.get(alert_id, role)

    def acknowledge(self, alert_id: int, principal: Principal) -> Alert:
        """Acknowledge an alert (idempotent); the feed hears of it the first time."""
        alert, changed = self.store.acknowledge(alert_id, principal)
        if changed:
            self.feed.publish(FeedEvent("acknowledged", alert))
        return alert

    def since(self, after_id: int, role: Role) -> builtins.list[Alert]:
        """Open alerts newer than `after_id`, oldest first (a stream's replay)."""
        return self.store.since(after_id, role)

    def subscribe(self, role: Role) -> Subscription:
        """A live subscription to the feed (from the coroutine that reads it)."""
        return self.feed.subscribe(role)

    def _segment_series(self) -> "pd.Series[str]":
        try:
            return self._segments()
        except Exception as error:  # no store yet, say: the segment rule just has nothing
            log.warning("segments unavailable for alerts", exc_info=error)
            return pd.Series(dtype=object)
