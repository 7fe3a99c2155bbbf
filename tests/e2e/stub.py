"""A stand-in for the chat API with canned answers, to test the page's own logic.

It speaks the /v1 contract (docs/api.md) with every card type, a streamed offer, a hostile
review, an unknown card type and the error cases, so the page is checked without models; the
alerts and their live stream are in stub_alerts.py, the at-risk answers' wording in
stub_at_risk.py.
The real server is driven by test_live.py.
"""

import asyncio
import json
import re
import uuid
from collections.abc import AsyncIterator, Callable
from typing import Any

from fastapi import FastAPI, Header, Request
from fastapi.responses import JSONResponse, StreamingResponse

from assistant.web import mount_web
from tests.e2e import canned
from tests.e2e.stub_alerts import EXPLAINED, add_alert_routes, alerts_card, explained_card
from tests.e2e.stub_at_risk import at_risk_answer

KEYS = {
    "op-key": ("Olive Operator", "operator"),
    "mk-key": ("Mark Marketer", "marketer"),
    "quiet-key": ("Quinn Quiet", "support"),  # sees no alerts (stub_alerts.NO_ALERTS)
}
TOOLS = {
    "operator": ["customer_profile", "at_risk_customers", "similar_customers", "search_reviews",
                 "review_sentiment", "list_segments", "segment_summary", "plan_budget",
                 "forecast_demand", "model_report", "recommend_products", "list_alerts",
                 "explain_alert", "top_products"],
    "marketer": ["customer_profile", "at_risk_customers", "similar_customers", "search_reviews",
                 "review_sentiment", "list_segments", "segment_summary", "draft_offer",
                 "recommend_products", "list_alerts", "explain_alert"],
    "support": ["customer_profile", "search_reviews", "review_sentiment", "draft_offer"],
}  # fmt: skip
SUGGESTIONS = {
    "operator": ["Who is about to leave, and what are they worth?", "How good is the churn model?"],
    "marketer": ["List our segments", "Draft an offer for customer 00042"],
    "support": ["Show me customer 00042"],
}


def _error(status: int, kind: str, detail: str, retry_after: int | None = None) -> JSONResponse:
    headers = {"Retry-After": str(retry_after)} if retry_after else None
    return JSONResponse({"error": kind, "detail": detail}, status_code=status, headers=headers)


def _caller(authorization: str | None) -> tuple[str, str] | None:
    token = (authorization or "").removeprefix("Bearer ").strip()
    return KEYS.get(token)


def _redact(value: Any, role: str) -> Any:
    if role != "marketer":
        return value
    if isinstance(value, dict):
        hidden = {"name", "email"} if "customer_id" in value else {"email"}
        return {k: _redact(v, role) for k, v in value.items() if k not in hidden}
    if isinstance(value, list):
        return [_redact(v, role) for v in value]
    return value


AT_RISK = at_risk_answer(canned.at_risk())
# keyword in the message -> (tool, its args, card maker, answer); None args: the customer id.
ROUTES: list[tuple[str, str, dict[str, Any] | None, Callable[[str], dict[str, Any]], str]] = [
    ("recommend", "recommend_products", None, canned.recommendations, "Coffee, then cookies."),
    ("why was alert", "explain_alert", {"alert_id": 4}, explained_card, EXPLAINED),
    ("alert", "list_alerts", {}, alerts_card, "3 open alerts, newest first."),
    ("offer", "draft_offer", None, canned.offer, "Here is a draft offer."),
    ("similar", "similar_customers", None, canned.similar, "Five customers behave like it."),
    (
        "complaints last month",
        "review_sentiment",
        {"month": "last"},
        canned.sentiment_of_may,
        "Most reviews are positive.",
    ),
    (
        "sentiment of earl grey",
        "review_sentiment",
        {"about": "earl grey"},
        canned.sentiment_mentioning,
        "Most reviews mentioning 'earl grey' are positive.",
    ),
    ("complain", "review_sentiment", {}, canned.sentiment, "Most reviews are positive."),
    (
        "most valuable",
        "at_risk_customers",
        {"by": "clv"},
        canned.most_valuable,
        at_risk_answer(canned.most_valuable()),
    ),
    ("customer", "customer_profile", None, canned.customer, "Churn risk 81%."),
    ("summar", "segment_summary", {"segment": "at risk"}, canned.segment, "412 customers."),
    ("risk", "at_risk_customers", {"limit": 8}, canned.at_risk, AT_RISK),
    ("leave", "at_risk_customers", {"limit": 8}, canned.at_risk, AT_RISK),
    ("segments", "list_segments", {}, canned.segments, "There are 5 segments."),
    (
        "review",
        "search_reviews",
        {"query": "stale coffee"},
        canned.reviews,
        "3 reviews, the closest first.",
    ),
    ("model", "model_report", {}, canned.model_report, "The model's holdout AUC is 0.81."),
    ("forecast", "forecast_demand", {"horizon_days": 90}, canned.forecast, "About 1,240 orders."),
    ("budget", "plan_budget", {"budget": 5000}, canned.plan, "The plan spends $4,980."),
    ("mystery", "mystery_tool", {"x": 1}, canned.mystery, "An unknown card."),
]


def _reply(message: str) -> tuple[str, list[dict[str, Any]], list[dict[str, Any]], list[str]]:
    """(answer, tool calls, cards, streamed tokens) for a message, by keyword."""
    text = message.lower()
    found = re.search(r"\b(\d{5})\b", text)
    customer = found.group(1) if found else "00042"
    for word, tool, args, make, answer in ROUTES:
        if word in text:
            card = make(customer)
            shown = {"customer_id": customer} if args is None else args
            streamed = canned.tokens(card["text"]) if tool == "draft_offer" else []
            return answer, [canned.call(tool, shown, card)], [card], streamed
    return "Hello! I'm Retain. Ask me about customers, segments or reviews.", [], [], []


def create_stub() -> FastAPI:
    """The stub app with the real page mounted, as create_app will mount it."""
    app = FastAPI()
    conversations: dict[str, dict[str, Any]] = {}

    @app.get("/v1/me")
    def me(authorization: str | None = Header(None)) -> Any:
        caller = _caller(authorization)
        if caller is None:
            return _error(401, "unauthorized", "unknown or revoked API key")
        name, role = caller
        return {"name": name, "role": role, "tools": TOOLS[role], "suggestions": SUGGESTIONS[role]}

    @app.get("/v1/conversations")
    def listing(authorization: str | None = Header(None)) -> Any:
        if _caller(authorization) is None:
            return _error(401, "unauthorized", "unknown or revoked API key")
        fields = ("id", "title", "created_at", "updated_at")
        rows = [{k: c[k] for k in fields} for c in conversations.values()]
        return sorted(rows, key=lambda c: str(c["updated_at"]), reverse=True)

    @app.get("/v1/conversations/{conversation_id}")
    def one(conversation_id: str, authorization: str | None = Header(None)) -> Any:
        if _caller(authorization) is None:
            return _error(401, "unauthorized", "unknown or revoked API key")
        if conversation_id not in conversations:
            return _error(404, "not_found", f"no conversation {conversation_id}")
        return conversations[conversation_id]

    @app.post("/v1/chat")
    async def chat(request: Request, authorization: str | None = Header(None)) -> Any:
        caller = _caller(authorization)
        if caller is None:
            return _error(401, "unauthorized", "unknown or revoked API key")
        body = await request.json()
        message = body["message"]
        if "busy" in message.lower():
            return _error(503, "unavailable", "The language model is busy with other requests.", 3)
        if "revoke" in message.lower():
            return _error(401, "unauthorized", "unknown or revoked API key")
        role = caller[1]
        answer, calls, cards, tokens = _reply(message)
        calls = [call | {"result": _redact(call["result"], role)} for call in calls]
        cards = _redact(cards, role)
        conversation_id = body.get("conversation_id") or uuid.uuid4().hex[:12]
        now = canned.now()
        entry = conversations.setdefault(
            conversation_id,
            {"id": conversation_id, "title": message[:60], "created_at": now, "messages": []},
        )
        entry["updated_at"] = now
        entry["messages"] += [
            {"role": "user", "content": message, "tool_calls": [], "cards": [], "created_at": now},
            {"role": "assistant", "content": answer, "tool_calls": calls, "cards": cards,
             "created_at": now},
        ]  # fmt: skip
        final = {"conversation_id": conversation_id, "answer": answer, "tool_calls": calls,
                 "cards": cards, "route": {"kind": "tool", "tool": None, "score": 1.0}}  # fmt: skip
        if "text/event-stream" not in request.headers.get("accept", ""):
            return final

        async def events() -> AsyncIterator[str]:
            yield _sse("conversation", {"conversation_id": conversation_id})
            for call in calls:
                yield _sse("tool_started", {"name": call["name"], "args": call["args"]})
                await asyncio.sleep(0.05)
                for piece in tokens:
                    yield _sse("token", {"text": piece})
                    await asyncio.sleep(0.06)
                finished = {"name": call["name"], "ok": True, "rows": 1, "seconds": 0.2}
                yield _sse("tool_finished", finished)
            yield _sse("message", final)

        return StreamingResponse(events(), media_type="text/event-stream")

    add_alert_routes(app, _caller, _error)
    mount_web(app)
    return app


def _sse(kind: str, data: dict[str, Any]) -> str:
    return f"event: {kind}\ndata: {json.dumps(data)}\n\n"
