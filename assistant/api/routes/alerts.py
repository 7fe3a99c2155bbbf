"""Alerts: list, read, acknowledge, and a live server-sent event stream.

What each role sees and may acknowledge is decided in assistant/alerts/model.py (docs/api.md,
"Alerts"). The stream takes the same API key header as every route (the web page reads it with
fetch, not EventSource, which cannot send headers), and checks the key again before each event
and heartbeat: a key revoked while its stream is open gets `revoked` and the end.
"""

import asyncio
import json
from collections.abc import AsyncIterator, Callable
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, Path, Query, Response
from fastapi.responses import StreamingResponse
from starlette.concurrency import run_in_threadpool

from assistant.alerts.feed import Closed, Dropped
from assistant.alerts.model import Alert, StateFilter
from assistant.alerts.service import AlertService
from assistant.alerts.store import MAX_ALERT_ID, MAX_PAGE, check_reader
from assistant.api.deps import KeyCheckDep, PrincipalDep, ServicesDep
from assistant.api.heartbeat import HEARTBEAT, HEARTBEAT_S
from assistant.roles import Role, redact
from commerce.errors import Unavailable

router = APIRouter(prefix="/v1/alerts", tags=["alerts"])
RETRY_MS = 5000  # how long an EventSource-style client waits before reconnecting
REVOKED = 'event: revoked\ndata: {"detail": "this API key was revoked; the stream is closed"}\n\n'
AlertId = Annotated[int, Path(ge=1, le=MAX_ALERT_ID, description="The alert's id.")]


def alert_service(found: ServicesDep) -> AlertService:
    """The app's AlertService (503 when this server was built without one)."""
    service = getattr(found, "alerts", None)
    if not isinstance(service, AlertService):
        raise Unavailable("alerts are not set up on this server")
    return service


AlertsDep = Annotated[AlertService, Depends(alert_service)]


@router.get("", summary="Alerts the caller's role sees, newest first")
def list_alerts(
    response: Response,
    caller: PrincipalDep,
    alerts: AlertsDep,
    state: Annotated[StateFilter, Query(description="open, acknowledged or all")] = "open",
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 50,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> list[dict[str, Any]]:
    """A page of alerts; the X-Total-Count header says how many there are in all, so a client
    knows whether to ask for the next page."""
    response.headers["X-Total-Count"] = str(alerts.count(caller.role, state))
    return [_shown(a, caller.role) for a in alerts.list(caller.role, state, limit, offset)]


# Left out of the OpenAPI document: an endless stream has no response schema to describe, and
# a fuzzer calling it would wait forever (docs/api.md, "Alerts", documents it).
@router.get("/stream", response_class=StreamingResponse, include_in_schema=False)
async def stream_alerts(
    caller: PrincipalDep,
    key_valid: KeyCheckDep,
    alerts: AlertsDep,
    after: Annotated[
        int, Query(ge=0, le=MAX_ALERT_ID, description="Replay open alerts with ids above this.")
    ] = 0,
    max_events: Annotated[
        int | None, Query(ge=1, le=100_000, description="Close after this many events.")
    ] = None,
    last_event_id: Annotated[str | None, Header(max_length=20)] = None,
) -> StreamingResponse:
    """`retry`, then `event: alert` for each open alert newer than `after` (or the
    Last-Event-ID header), oldest first, then live: `alert` as alerts are raised,
    `acknowledged` as they are acknowledged, a `: heartbeat` comment every 15 s when idle, and
    `dropped` (then the end) if the client reads too slowly: reconnect with `after`;
    `revoked` (then the end) once the key is revoked."""
    check_reader(caller.role)  # now: once streaming has begun, a refusal cannot be sent
    start = after or _event_id(last_event_id)
    return StreamingResponse(
        _events(alerts, caller.role, start, max_events, key_valid=key_valid),
        media_type="text/event-stream",
        headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
    )


@router.get("/{alert_id}", summary="One alert with the facts that raised it")
def get_alert(alert_id: AlertId, caller: PrincipalDep, alerts: AlertsDep) -> dict[str, Any]:
    return _shown(alerts.get(alert_id, caller.role), caller.role)


@router.post("/{alert_id}/ack", summary="Acknowledge an alert (again: no change)")
def acknowledge_alert(alert_id: AlertId, caller: PrincipalDep, alerts: AlertsDep) -> dict[str, Any]:
    return _shown(alerts.acknowledge(alert_id, caller), caller.role)


async def _events(
    alerts: AlertService,
    role: Role,
    after: int,
    max_events: int | None,
    heartbeat_s: float = HEARTBEAT_S,
    key_valid: Callable[[], bool] | None = None,
) -> AsyncIterator[str]:
    # Subscribe before reading the replay, so nothing raised in between is missed; what
    # arrives twice is skipped by id.
    subscription = alerts.subscribe(role)
    sent, last = 0, after

    async def revoked() -> bool:
        # The key was checked when the stream opened; `retain keys revoke` must still end it.
        return key_valid is not None and not await run_in_threadpool(key_valid)

    try:
        yield f"retry: {RETRY_MS}\n\n"
        while True:
            replay = await run_in_threadpool(alerts.since, last, role)
            for alert in replay:
                if await revoked():
                    yield REVOKED
                    return
                yield _sse("alert", alert, role)
                last, sent = alert.id, sent + 1
                if max_events is not None and sent >= max_events:
                    return
            if len(replay) < MAX_PAGE:
                break
        while True:
            try:
                item = await asyncio.wait_for(subscription.get(), heartbeat_s)
            except TimeoutError:
                item = None
            if isinstance(item, Closed):
                return
            if await revoked():
                yield REVOKED
                return
            if item is None:
                yield HEARTBEAT
                continue
            if isinstance(item, Dropped):
                notice = {"detail": f"this stream fell {item.capacity} events behind and was "
                          "closed; reconnect with ?after=", "after": last}  # fmt: skip
                yield f"event: dropped\ndata: {json.dumps(notice)}\n\n"
                return
            if item.kind == "alert":
                if item.alert.id <= last:
                    continue
                last = item.alert.id
            yield _sse(item.kind, item.alert, role)
            sent += 1
            if max_events is not None and sent >= max_events:
                return
    finally:
        subscription.close()


def _sse(kind: str, alert: Alert, role: Role) -> str:
    # Only raised alerts carry an id: it is where a reconnecting client resumes.
    head = f"id: {alert.id}\n" if kind == "alert" else ""
    return f"{head}event: {kind}\ndata: {json.dumps(_shown(alert, role), default=str)}\n\n"


def _shown(alert: Alert, role: Role) -> dict[str, Any]:
    # Alerts hold no contact fields, and excerpts are masked when raised (though a name the
    # writer typed in a review is not detected); redacting again keeps the rule in one place.
    shown: dict[str, Any] = redact(alert.to_dict(), role)
    return shown


def _event_id(header: str | None) -> int:
    if header and header.strip().isdigit():
        return min(int(header.strip()), MAX_ALERT_ID)
    return 0
