"""The alerts part of the stub API (assistant/api/routes/alerts.py's contract), and the
controls the tests use to drive it.

`/v1/alerts` lists, `/v1/alerts/{id}/ack` acknowledges and `/v1/alerts/stream` streams
server-sent events (`alert`, `acknowledged`, `dropped`, heartbeat comments) after `?after=`.
Under `/stub/alerts` a test raises an alert, has someone else acknowledge one, drops every
open stream (the page must reconnect), resets the board, and reads the `after=` of each
stream the page opened. Every handler is `async def`, so it runs on the server's event loop
with the stream queues it touches.
"""

import asyncio
import json
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from fastapi import FastAPI, Header, Request
from fastapi.responses import JSONResponse, StreamingResponse

from tests.e2e.canned import HOSTILE

NO_ALERTS = {"quiet-key"}  # a key whose role sees no alerts: every alert call is a 403
ACKNOWLEDGING = {"operator", "support", "admin"}
HEARTBEAT_S = 0.5  # short, so a closed page's stream notices soon

Caller = Callable[[str | None], tuple[str, str] | None]
Error = Callable[[int, str, str], JSONResponse]


def _ago(minutes: float) -> str:
    return (datetime.now(UTC) - timedelta(minutes=minutes)).isoformat()


def seed() -> list[dict[str, Any]]:
    """The board after a reset: alert 1 acknowledged, 2 to 4 open (4 the newest)."""
    return [
        {"rule": "risk_crossing", "severity": "high", "customer_id": "00777", "segment": None,
         "title": "Customer 00777 crossed 70% churn risk (55% → 74%), predicted value $310.00",
         "facts": {"churn_risk_before": 0.55, "churn_risk_after": 0.74, "risk_threshold": 0.7,
                   "clv": 310.0, "value_at_risk": 229.4},
         "state": "acknowledged", "acknowledged_at": _ago(30),
         "acknowledged_by": "Olive Operator", "raised_at": _ago(300)},
        {"rule": "segment_jump", "severity": "medium", "customer_id": None, "segment": "at risk",
         "title": "Segment 'at risk': mean churn risk rose 6.2 points (71.8% → 78.0%) across "
                  "4,120 customers",
         "facts": {"mean_churn_risk_before": 0.718, "mean_churn_risk_after": 0.78,
                   "rise": 0.062, "customers": 4120, "customers_crossed": 212,
                   "risk_threshold": 0.7, "value_at_risk_after": 381020.0},
         "raised_at": _ago(240)},
        {"rule": "negative_review", "severity": "medium", "customer_id": "01234",
         "segment": None,
         "title": "Customer 01234 wrote a strongly negative review (rating 1, sentiment -0.82)",
         "facts": {"rating": 1, "sentiment": -0.82, "negative_reviews": 2, "churn_risk": 0.64,
                   "product_id": "B000EYLDYE", "excerpt": HOSTILE},
         "raised_at": _ago(95)},
        {"rule": "risk_crossing", "severity": "high", "customer_id": "00042", "segment": None,
         "title": "Customer 00042 crossed 70% churn risk (62% → 81%), predicted value $143.20",
         "facts": {"churn_risk_before": 0.62, "churn_risk_after": 0.81, "risk_threshold": 0.7,
                   "clv": 143.2, "value_at_risk": 116.0, "reasons": ["No order for 212 days"]},
         "raised_at": _ago(12)},
    ]  # fmt: skip


class AlertBoard:
    """The stub's alerts and the queues of the streams open on them."""

    def __init__(self) -> None:
        self.queues: set[asyncio.Queue[tuple[str, dict[str, Any]] | None]] = set()
        self.reset()

    def reset(self) -> None:
        self.drop()
        self.alerts: dict[int, dict[str, Any]] = {}
        self.stream_afters: list[int] = []
        for fields in seed():
            self.add(fields)

    def add(self, fields: dict[str, Any]) -> dict[str, Any]:
        alert_id = max(self.alerts, default=0) + 1
        alert = {
            "rule": "risk_crossing", "severity": "high", "customer_id": None, "segment": None,
            "title": f"Alert {alert_id}", "facts": {}, "state": "open",
            "raised_at": datetime.now(UTC).isoformat(), "acknowledged_at": None,
            "acknowledged_by": None, "store_version": "cc7d4ef355f4",
        } | fields | {"id": alert_id}  # fmt: skip
        self.alerts[alert_id] = alert
        return alert

    def listed(self, state: str) -> list[dict[str, Any]]:
        chosen = [a for a in self.alerts.values() if state == "all" or a["state"] == state]
        return sorted(chosen, key=lambda a: -int(a["id"]))

    def acknowledge(self, alert_id: int, by: str) -> dict[str, Any] | None:
        alert = self.alerts.get(alert_id)
        if alert is None or alert["state"] == "acknowledged":
            return alert
        alert |= {"state": "acknowledged", "acknowledged_at": datetime.now(UTC).isoformat(),
                  "acknowledged_by": by}  # fmt: skip
        self.publish("acknowledged", alert)
        return alert

    def publish(self, kind: str, alert: dict[str, Any]) -> None:
        for queue in self.queues:
            queue.put_nowait((kind, dict(alert)))

    def drop(self) -> None:
        """End every open stream, as a server that fell behind or restarted does."""
        for queue in self.queues:
            queue.put_nowait(None)


def add_alert_routes(app: FastAPI, caller: Caller, error: Error) -> AlertBoard:
    """Mount the alert routes and the /stub/alerts controls on the stub app."""
    board = AlertBoard()

    def refused(authorization: str | None) -> JSONResponse | None:
        if caller(authorization) is None:
            return error(401, "unauthorized", "unknown or revoked API key")
        if (authorization or "").removeprefix("Bearer ").strip() in NO_ALERTS:
            return error(403, "forbidden", "your role does not see alerts")
        return None

    @app.get("/v1/alerts")
    async def listing(
        state: str = "open", limit: int = 50, offset: int = 0,
        authorization: str | None = Header(None),
    ) -> Any:  # fmt: skip
        return refused(authorization) or board.listed(state)[offset : offset + limit]

    @app.get("/v1/alerts/stream")
    async def stream(after: int = 0, authorization: str | None = Header(None)) -> Any:
        denied = refused(authorization)
        if denied:
            return denied
        board.stream_afters.append(after)
        queue: asyncio.Queue[tuple[str, dict[str, Any]] | None] = asyncio.Queue()
        board.queues.add(queue)  # before the replay, so nothing raised meanwhile is missed

        async def events() -> AsyncIterator[str]:
            last = after
            try:
                yield "retry: 1000\n\n"
                for alert in reversed(board.listed("open")):
                    if alert["id"] > last:
                        last = alert["id"]
                        yield _sse("alert", alert)
                while True:
                    try:
                        item = await asyncio.wait_for(queue.get(), HEARTBEAT_S)
                    except TimeoutError:
                        yield ": heartbeat\n\n"
                        continue
                    if item is None:
                        yield _sse("dropped", {"detail": "reconnect with ?after=", "after": last})
                        return
                    kind, alert = item
                    if kind == "alert":
                        if alert["id"] <= last:
                            continue
                        last = alert["id"]
                    yield _sse(kind, alert)
            finally:
                board.queues.discard(queue)

        return StreamingResponse(events(), media_type="text/event-stream")

    @app.post("/v1/alerts/{alert_id}/ack")
    async def acknowledge(alert_id: int, authorization: str | None = Header(None)) -> Any:
        denied = refused(authorization)
        if denied:
            return denied
        name, role = caller(authorization) or ("", "")
        if role not in ACKNOWLEDGING:
            return error(403, "forbidden", f"a {role} reads alerts but does not acknowledge them")
        return board.acknowledge(alert_id, name) or error(404, "not_found", f"no alert {alert_id}")

    @app.post("/stub/alerts")
    async def raise_one(request: Request) -> Any:
        alert = board.add(await request.json())
        board.publish("alert", alert)
        return alert

    @app.post("/stub/alerts/reset")
    async def reset() -> Any:
        board.reset()
        return {"open": len(board.listed("open"))}

    @app.post("/stub/alerts/drop")
    async def drop() -> Any:
        board.drop()
        return {"dropped": True}

    @app.post("/stub/alerts/{alert_id}/ack-elsewhere")
    async def acknowledged_elsewhere(alert_id: int) -> Any:
        return board.acknowledge(alert_id, "Someone Else")

    @app.get("/stub/alerts/state")
    async def state() -> Any:
        return {"alerts": board.listed("all"), "stream_afters": board.stream_afters,
                "streams": len(board.queues)}  # fmt: skip

    return board


def alerts_card(_: str = "") -> dict[str, Any]:
    """What list_alerts returns in a chat answer (the seeded open alerts)."""
    rows = AlertBoard().listed("open")
    return {"type": "alerts", "state": "open", "total": len(rows), "rows": rows}


def explained_card(_: str = "") -> dict[str, Any]:
    """What explain_alert returns for the newest seeded alert (4, on customer 00042)."""
    alert = AlertBoard().listed("open")[0]
    words = (
        f"Alert #{alert['id']} (high, open): customer 00042's churn risk rose from 62% to 81%, "
        "crossing the 70% threshold. Their predicted value is $143.20; $116.00 of it is at risk."
    )
    return {"type": "alert", **alert, "explanation": words}


EXPLAINED = explained_card()["explanation"]  # the chat's answer: the card's own words


def _sse(kind: str, data: dict[str, Any]) -> str:
    head = f"id: {data['id']}\n" if kind == "alert" else ""
    return f"{head}event: {kind}\ndata: {json.dumps(data)}\n\n"
