"""Alerts: raised from applied event batches, stored once, listed, streamed and POSTed.

model.py    Alert, NewAlert, rules, states, and which roles see and acknowledge which alerts
rules.py    evaluate(batch, segments, settings): the three rules, pure (docs/alerts.md)
  customer_rules.py  risk_crossing, negative_review      segment_rules.py  segment_jump
  rule_context.py    thresholds, who is valuable, each alert's facts and dedupe key
store.py    AlertStore: raise (duplicates ignored), list, get, acknowledge, since
feed.py     AlertFeed: thread-safe publish to async subscribers with bounded queues
webhook.py  WebhookSender: the signed-POST outbox with retries; sign, verify
explain.py  explain(alert): why it was raised, in sentences built from its facts
service.py  AlertService: on_applied (the events listener), list, acknowledge, subscribe
"""

from assistant.alerts.model import Alert, NewAlert
from assistant.alerts.service import AlertService
from assistant.alerts.store import AlertStore

__all__ = ["Alert", "AlertService", "AlertStore", "NewAlert"]
