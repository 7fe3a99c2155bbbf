"""What a chat turn emits, in order: the same events feed the JSON answer and the SSE stream.

conversation   {"conversation_id"}                       always first
tool_started   {"name", "args"}                          per tool call
tool_finished  {"name", "ok", "rows", "seconds"}         per tool call
token          {"text"}                                  only text the LLM writes
message        {"conversation_id", "answer", "tool_calls", "cards", "route"}   always last
"""

from dataclasses import dataclass
from typing import Any, Literal

EventKind = Literal["conversation", "tool_started", "tool_finished", "token", "message"]


@dataclass(frozen=True)
class Event:
    kind: EventKind
    data: dict[str, Any]
