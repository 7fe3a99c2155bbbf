"""The one seam every chat model sits behind.

A message is {"role": "system" | "user" | "assistant", "content": str}. `stream` yields text
pieces as the model produces them; joining them gives the whole answer. Parameters every
backend understands: max_new_tokens (int), temperature (float; 0 = greedy), stop (list[str]).
"""

from collections.abc import Iterator, Sequence
from typing import Any, Literal, Protocol, TypedDict


class Message(TypedDict):
    role: Literal["system", "user", "assistant"]
    content: str


class ChatModel(Protocol):
    """Anything that can continue a conversation, streaming."""

    name: str

    def stream(self, messages: Sequence[Message], **params: Any) -> Iterator[str]: ...


def complete(model: ChatModel, messages: Sequence[Message], **params: Any) -> str:
    """The whole answer at once."""
    return "".join(model.stream(messages, **params))
