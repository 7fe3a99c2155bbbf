"""POST /v1/chat: one turn, as JSON or (Accept: text/event-stream) as server-sent events.

A conversation answers one message at a time: a message sent to it while its previous turn is
still under way gets 409 (assistant/api/turns.py). A streamed turn that waits (a draft queued
for the LLM, a slow tool) sends heartbeat comments meanwhile (assistant/api/heartbeat.py).
"""

import json
from collections.abc import Generator, Iterator
from typing import Annotated, Any

from fastapi import APIRouter, Header
from fastapi.responses import StreamingResponse
from pydantic import BaseModel, ConfigDict, Field

from assistant.api.deps import PrincipalDep, ServicesDep
from assistant.api.heartbeat import HEARTBEAT_S, with_heartbeats
from assistant.api.turns import Claim
from assistant.chat.events import Event
from assistant.chat.service import Turn, start_turn

router = APIRouter(prefix="/v1", tags=["chat"])


class ChatRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    # No min_length: an empty message and one of spaces get one error, start_turn's
    # invalid_input "message is empty", not two kinds for the same mistake (R21).
    message: str = Field(description="What the user asks or says (not empty, not only spaces).")
    conversation_id: str | None = Field(
        default=None, max_length=64, description="Continue this conversation; null starts one."
    )


class ToolCall(BaseModel):
    name: str
    args: dict[str, Any]
    result: dict[str, Any]


class ChatReply(BaseModel):
    conversation_id: str
    answer: str
    tool_calls: list[ToolCall]
    cards: list[dict[str, Any]]
    route: dict[str, Any]


@router.post(
    "/chat",
    response_model=ChatReply,
    responses={200: {"content": {"text/event-stream": {}}}},
    summary="Ask Retain",
)
def chat(
    body: ChatRequest,
    found: ServicesDep,
    caller: PrincipalDep,
    accept: Annotated[str | None, Header()] = None,
) -> Any:
    """Route the message to a tool, run it and answer. With `Accept: text/event-stream` the
    answer streams: conversation, tool_started, token..., tool_finished, message, and a
    `: heartbeat` comment every 15 s while the turn waits. 409 while
    the conversation is still answering a previous message."""
    claim = (
        None
        if body.conversation_id is None
        else found.turns.claim(caller.key_id, body.conversation_id)
    )
    try:
        turn = start_turn(found.chat, caller, body.message, body.conversation_id)
    except BaseException:
        if claim is not None:
            claim.release()
        raise
    # A new conversation's id is known to no one else yet: this claim cannot conflict.
    claim = claim or found.turns.claim(caller.key_id, turn.conversation_id)
    events = _held(_counted(turn, found), claim)
    if accept and "text/event-stream" in accept:
        return _streamed(events)
    final: dict[str, Any] = {}
    for event in events:
        if event.kind == "message":
            final = event.data
    return final


def _counted(turn: Turn, found: Any) -> Iterator[Event]:
    for event in turn.events():
        if event.kind == "tool_finished":
            outcome = "ok" if event.data["ok"] else "error"
            found.metrics.tool_calls.labels(event.data["name"], outcome).inc()
        elif event.kind == "message":
            found.metrics.routes.labels(event.data["route"]["kind"]).inc()
        yield event


def _held(events: Iterator[Event], claim: Claim) -> Generator[Event, None, None]:
    """The turn's events; the conversation is free for its next turn from its answer on (the
    client may send the next message the moment the answer arrives)."""
    try:
        for event in events:
            if event.kind == "message":
                claim.release()
            yield event
    finally:
        claim.release()


def _streamed(
    events: Generator[Event, None, None], heartbeat_s: float = HEARTBEAT_S
) -> StreamingResponse:
    return StreamingResponse(
        with_heartbeats(_sse_chunks(events), heartbeat_s),
        media_type="text/event-stream",
        headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
    )


def _sse_chunks(events: Generator[Event, None, None]) -> Generator[str, None, None]:
    try:
        for event in events:
            yield _sse(event)
    finally:
        events.close()  # a client that left stops the turn here, and its claim is released


def _sse(event: Event) -> str:
    return f"event: {event.kind}\ndata: {json.dumps(event.data, default=str)}\n\n"
