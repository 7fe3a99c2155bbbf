"""Why an alert was raised, in sentences written by code from the alert's stored facts."""

from typing import Any

from assistant.alerts.model import Alert
from assistant.tools.format import count, listing, money, pct

MAX_REASONS = 3


def explain(alert: Alert, currency: str = "$") -> str:
    """A short paragraph: what crossed which threshold, by how much, and the context."""
    facts = alert.facts
    head = f"Alert #{alert.id} ({alert.severity}, {alert.state})"
    if alert.rule == "risk_crossing":
        body = _risk_crossing(alert, facts, currency)
    elif alert.rule == "negative_review":
        body = _negative_review(alert, facts, currency)
    else:
        body = _segment_jump(alert, facts, currency)
    tail = f"Raised {alert.raised_at:%Y-%m-%d %H:%M} UTC from store version {alert.store_version}"
    if alert.acknowledged_at is not None:
        tail += (
            f"; acknowledged {alert.acknowledged_at:%Y-%m-%d %H:%M} UTC by "
            f"{alert.acknowledged_by or 'someone'}"
        )
    return f"{head}: {body} {tail}."


def headline(alert: Alert) -> str:
    """'#12 high: <title>', the line a list shows."""
    return f"#{alert.id} {alert.severity}: {alert.title}"


def _risk_crossing(alert: Alert, facts: dict[str, Any], currency: str) -> str:
    sentences = [
        f"customer {alert.customer_id}'s churn risk rose from {_pct(facts, 'churn_risk_before')} "
        f"to {_pct(facts, 'churn_risk_after')}, crossing the {_pct(facts, 'risk_threshold')} "
        f"threshold."
    ]
    sentences.append(_value_sentence(facts, currency))
    reasons = [str(r) for r in facts.get("reasons") or []][:MAX_REASONS]
    if reasons:
        sentences.append("Top reasons: " + "; ".join(reasons) + ".")
    return " ".join(s for s in sentences if s)


def _negative_review(alert: Alert, facts: dict[str, Any], currency: str) -> str:
    marks = []
    for name, shown in (("sentiment", "{:+.2f}"), ("rating", "{:g}")):
        value, limit = _number(facts.get(name)), _number(facts.get(f"{name}_threshold"))
        if value is None:
            continue
        # Only the mark that raised the alert is called "at or below": the other is context.
        crossed = limit is not None and value <= limit + 1e-9
        why = f" (at or below {shown.format(limit)})" if crossed else ""
        marks.append(f"{name} {shown.format(value)}{why}")
    on = f" about product {facts['product_id']}" if facts.get("product_id") else ""
    sentences = [f"customer {alert.customer_id} wrote a review{on} with {' and '.join(marks)}."]
    if facts.get("excerpt"):
        sentences.append(f"It says: “{facts['excerpt']}”.")
    more = int(facts.get("negative_reviews") or 1)
    if more > 1:
        sentences.append(f"{count(more, 'strongly negative review')} came in this batch.")
    sentences.append(_value_sentence(facts, currency))
    if _number(facts.get("churn_risk")) is not None:
        sentences.append(f"Their churn risk is {pct(facts['churn_risk'])}.")
    return " ".join(s for s in sentences if s)


def _segment_jump(alert: Alert, facts: dict[str, Any], currency: str) -> str:
    before, after = facts.get("mean_churn_risk_before"), facts.get("mean_churn_risk_after")
    rise, threshold = facts.get("rise") or 0.0, facts.get("jump_threshold") or 0.0
    sentences = [
        f"the mean churn risk of segment '{alert.segment}' rose from {before:.1%} to "
        f"{after:.1%} ({rise * 100:+.1f} points; alerts start at {threshold * 100:.1f}) across "
        f"{count(int(facts.get('customers') or 0), 'customer')}."
        if isinstance(before, float) and isinstance(after, float)
        else f"the mean churn risk of segment '{alert.segment}' rose by {rise * 100:.1f} points."
    ]
    share_before = _number(facts.get("share_at_risk_before"))
    share_after = _number(facts.get("share_at_risk_after"))
    if share_before is not None and share_after is not None:
        sentences.append(
            f"The share at or above {_pct(facts, 'risk_threshold')} risk went from "
            f"{pct(share_before)} to {pct(share_after)}; "
            f"{count(int(facts.get('customers_crossed') or 0), 'customer')} crossed it."
        )
    if _number(facts.get("value_at_risk_after")) is not None:
        sentences.append(
            f"Value at risk in the segment: {money(facts['value_at_risk_after'], currency)} "
            f"(was {money(facts.get('value_at_risk_before') or 0.0, currency)})."
        )
    rises = [
        f"{r['customer_id']} ({pct(r['churn_risk_before'])} → {pct(r['churn_risk_after'])})"
        for r in facts.get("largest_rises") or []
        if _number(r.get("churn_risk_before")) is not None
    ]
    if rises:
        sentences.append(f"Largest rises: {listing(rises)}.")
    if facts.get("full_rescore"):
        sentences.append("The batch re-scored every customer.")
    return " ".join(sentences)


def _value_sentence(facts: dict[str, Any], currency: str) -> str:
    clv = _number(facts.get("clv"))
    if clv is None:
        return "The customer has no predicted value yet."
    cutoff = _number(facts.get("value_cutoff"))
    top = facts.get("value_top_pct")
    where = (
        f", in the top {top:g}% of customers (from {money(cutoff, currency)})"
        if facts.get("valuable") and cutoff is not None and top is not None
        else ""
    )
    at_risk = _number(facts.get("value_at_risk"))
    risk = f"; {money(at_risk, currency)} of it is at risk" if at_risk is not None else ""
    return f"Their predicted value is {money(clv, currency)}{where}{risk}."


def _pct(facts: dict[str, Any], key: str) -> str:
    value = _number(facts.get(key))
    return "?" if value is None else pct(value)


def _number(value: Any) -> float | None:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    return None
