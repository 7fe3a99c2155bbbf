"""A conversation and its messages as ConversationStore returns them (plain frozen records,
never ORM rows, so they outlive the session that read them).
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

MessageRole = Literal["user", "assistant"]


@dataclass(frozen=True)
class Message:
    """One stored turn; `seq` is its place in the conversation, from 1."""

    seq: int
    role: MessageRole
    content: str
    tool_calls: list[Any]
    cards: list[Any]
    created_at: datetime

    def to_dict(self) -> dict[str, Any]:
        return {
            "seq": self.seq,
            "role": self.role,
            "content": self.content,
            "tool_calls": self.tool_calls,
            "cards": self.cards,
            "created_at": self.created_at.isoformat(),
        }


@dataclass(frozen=True)
class ConversationSummary:
    """A conversation as listed: no messages, their number instead."""

    id: str
    title: str
    created_at: datetime
    updated_at: datetime
    message_count: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "created_at": self.created_at.isoformat(),
            "updated_at": self.updated_at.isoformat(),
            "message_count": self.message_count,
        }


@dataclass(frozen=True)
class Conversation(ConversationSummary):
    """A conversation with its messages in order."""

    messages: tuple[Message, ...]

    def to_dict(self, messages: bool = True) -> dict[str, Any]:
        """As JSON; `messages=False` gives the summary's fields only."""
        summary = super().to_dict()
        if not messages:
            return summary
        return summary | {"messages": [m.to_dict() for m in self.messages]}
