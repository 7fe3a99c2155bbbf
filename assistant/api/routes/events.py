"""POST /v1/events: orders, reviews and browsing events in batches; GET /v1/events/status.

For ingest and admin keys only. A batch's good events are logged at once (202) and applied to
the store by the worker within seconds; bad ones come back with their place and reason, and the
good ones of the same batch are kept (docs/events.md, "Batches").
"""

from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from assistant.api.deps import EventPrincipalDep, ServicesDep
from assistant.events.service import EventService
from commerce.errors import Unavailable

router = APIRouter(prefix="/v1/events", tags=["events"])


def event_service(found: ServicesDep) -> EventService:
    """The app's EventService (503 when this server was built without one)."""
    service = getattr(found, "events", None)
    if not isinstance(service, EventService):
        raise Unavailable("events are not set up on this server")
    return service


EventsDep = Annotated[EventService, Depends(event_service)]


@router.post("", status_code=202, summary="Send orders, reviews and browsing events")
async def post_events(
    events: Annotated[
        list[Any], Body(description="Events as JSON objects (docs/events.md), oldest first.")
    ],
    service: EventsDep,
    caller: EventPrincipalDep,
) -> Any:
    """Log the batch's good events for applying and say what became of each: `accepted`,
    `duplicates` (event ids sent before) and `rejected` [{index, event_id, reason}]. 202 when
    any event was accepted or was a duplicate; 422 when every event was refused."""
    receipt = await run_in_threadpool(service.submit, events, caller)
    body = receipt.to_dict()
    if receipt.rejected and not receipt.accepted and not receipt.duplicates:
        first = receipt.rejected[0]
        detail = f"every event was refused; event {first.index}: {first.reason}" + (
            f" ({len(receipt.rejected) - 1:,} more)" if len(receipt.rejected) > 1 else ""
        )
        return JSONResponse({"error": "invalid_input", "detail": detail} | body, 422)
    return JSONResponse(body, 202)


@router.get("/status", summary="Pending events and the last application")
def events_status(service: EventsDep, caller: EventPrincipalDep) -> dict[str, Any]:
    """Counts of pending, applied and failed events, when events were last applied and to
    which store version, and whether the worker runs."""
    return service.status()
