"""What every tool takes and returns.

A tool is a plain typed function `tool(ctx, **args) -> ToolOutput`. Its docstring is the
description the router and the LLM see; its arguments are validated by a pydantic model
built from its signature (see catalogue.py). Numbers in `answer` and `result` are computed
here, by code; the LLM only words text where the user asked for text.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from assistant.roles import Role, sees_contacts
from assistant.settings import Settings

if TYPE_CHECKING:
    from assistant.alerts.store import AlertStore
    from assistant.llm.base import ChatModel
    from assistant.tools.data import StoreData
    from retrieval.embedder import Embedder

Card = dict[str, Any]  # {"type": "customer" | "at_risk" | ..., ...}: see docs/api.md#cards


@dataclass(frozen=True)
class ToolOutput:
    """A tool's answer: `answer` is a short sentence of computed facts, `result` the JSON the
    caller gets in tool_calls[].result, `cards` what the web page draws, `rows` the number of
    records returned (for the audit log)."""

    answer: str
    result: dict[str, Any]
    cards: list[Card] = field(default_factory=list)
    rows: int = 0


@dataclass
class ToolContext:
    """Everything a tool may reach, for one request. Heavy things are shared and loaded once:
    `data` caches the store's tables, scores and indexes per store version; `chat_model` and
    `embedder` return the one loaded instance (the chat model behind the app's LLM queue)."""

    settings: Settings
    role: Role
    data: "StoreData"
    chat_model: Callable[[], "ChatModel"]
    embedder: Callable[[], "Embedder"]
    on_token: Callable[[str], None] | None = None  # streams drafted text as it is written
    alerts: "AlertStore | None" = None  # the app's alerts (list_alerts, explain_alert)

    def customer(self, typed: str) -> str:
        """The store's id of the customer typed: an id, or a full name for a role that sees
        contacts (a marketer never looks a person up by name)."""
        return self.data.customers().resolve(typed, by_name=sees_contacts(self.role))
