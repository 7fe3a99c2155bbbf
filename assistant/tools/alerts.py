"""Tools about alerts: the latest alerts (of one segment, when asked), and why one was raised
(from its stored facts)."""

from typing import Annotated, Any, Literal

from pydantic import Field

from assistant.alerts.about_segment import SegmentAlerts
from assistant.alerts.explain import explain, headline
from assistant.alerts.model import Alert
from assistant.alerts.store import MAX_ALERT_ID, AlertStore
from assistant.tools.args import CustomerId, SegmentName
from assistant.tools.base import ToolContext, ToolOutput
from assistant.tools.format import count, output
from assistant.tools.paging import Offset, past_end, ranked, span
from commerce.errors import NotFound, RetainError, Unavailable
from predictors.segment_facts import empty_segment
from predictors.segments import SEGMENT_NAMES

SHOWN_IN_ANSWER = 3
STATE_WORDS = {"open": "open alert", "acknowledged": "acknowledged alert", "all": "alert"}


def list_alerts(
    ctx: ToolContext,
    state: Annotated[
        Literal["open", "acknowledged", "all"],
        Field(description="open (not yet acknowledged), acknowledged or all."),
    ] = "open",
    limit: Annotated[int, Field(ge=1, le=50, description="How many alerts.")] = 10,
    offset: Offset = 0,
    segment: SegmentName | None = None,
) -> ToolOutput:
    """The latest alerts, newest first: valuable customers whose churn risk crossed the
    threshold, strongly negative reviews, and segments whose churn risk jumped; the open ones
    (not yet acknowledged) unless asked otherwise. `offset` skips the newest, for the next page.
    `segment`: only the alerts about one segment (its jumps, and its customers' alerts).

    For "any new alerts?", "what alerts are open?", "show me acknowledged alerts" or "alerts
    for the lost segment".
    """
    store = _store(ctx)
    about = _segment(ctx, segment) if segment else None
    alerts = store.list(state, ctx.role, limit, offset, about)
    total = store.count(state, ctx.role, about)
    noun = STATE_WORDS[state]
    where = f" about '{about.name}'" if about else ""
    if not alerts and offset and total:
        answer = past_end(offset, total, noun, where)
    elif not alerts and about and not about.members:
        answer = f"{empty_segment(about.name)}, and there are no {noun}s about it."
    elif not alerts:
        none = f"There are no {noun}s" if state != "all" else "No alerts have been raised"
        answer = f"{none}{where}."
    else:
        lines = "; ".join(headline(alert) for alert in alerts[:SHOWN_IN_ANSWER])
        head = count(total, noun) if offset == 0 else span(offset, len(alerts), total, noun)
        head = head[0].upper() + head[1:] + where
        more = total - offset - min(len(alerts), SHOWN_IN_ANSWER)  # after those named
        answer = f"{head}, newest first: {lines}" + (f"; and {more:,} more." if more else ".")
    rows = ranked([alert.to_dict() for alert in alerts], offset)
    named = {"segment": about.name} if about else {}
    result = {"state": state, **named, "total": total, "offset": offset, "rows": rows}
    card = {"type": "alerts", "state": state, **named, "total": total, "rows": rows}
    return output(answer, result, [card], rows=len(rows))


def _segment(ctx: ToolContext, segment: str) -> SegmentAlerts:
    """The segment or cluster called `segment` (NotFound lists the names), with its members."""
    segments = ctx.data.segments()
    name = segments.resolve(segment)
    return SegmentAlerts(name, stored=name in SEGMENT_NAMES, members=segments.member_set(name))


def explain_alert(
    ctx: ToolContext,
    alert_id: Annotated[
        int | None, Field(ge=1, le=MAX_ALERT_ID, description="An alert's number, e.g. 12.")
    ] = None,
    customer_id: CustomerId | None = None,
    segment: SegmentName | None = None,
) -> ToolOutput:
    """Why an alert was raised: the numbers behind it (churn risk before and after, predicted
    value, reasons; the review and its sentiment; the segment's rise), from the facts stored
    with the alert. By alert number, by customer or segment (their latest alert), or the
    newest open one.

    For "why was alert 12 raised?", "explain the alert on customer 00042" or "why was this
    alert raised?".
    """
    store = _store(ctx)
    if alert_id is not None:
        try:
            alert = store.get(alert_id, ctx.role)
        except NotFound:
            raise NotFound(
                f"there is no alert #{alert_id} you can see; ask “any new alerts?” to list them"
            ) from None
    elif customer_id is not None:
        alert = store.latest_about(customer_id=_customer(ctx, customer_id), role=ctx.role)
    elif segment is not None:
        alert = store.latest_about(segment=segment, role=ctx.role)
    else:
        newest = store.list("open", ctx.role, limit=1)
        if not newest:
            answer = "There are no open alerts to explain."
            return output(answer, {"alert": None}, [], rows=0)
        alert = newest[0]
    return _explained(ctx, alert)


def _explained(ctx: ToolContext, alert: Alert) -> ToolOutput:
    answer = explain(alert, ctx.settings.currency_symbol)
    shown: dict[str, Any] = alert.to_dict()
    result = {"alert_id": alert.id, **shown, "explanation": answer}
    card = {"type": "alert", **shown, "explanation": answer}
    return output(answer, result, [card], rows=1)


def _customer(ctx: ToolContext, customer_id: str) -> str:
    """The store's spelling of the id ('42' -> '00042'); as given when the store cannot say."""
    try:
        return ctx.customer(customer_id)
    except RetainError:
        return customer_id


def _store(ctx: ToolContext) -> AlertStore:
    if ctx.alerts is None:
        raise Unavailable("alerts are not set up on this server")
    return ctx.alerts
