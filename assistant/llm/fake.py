"""A scripted ChatModel for tests: replays answers in order and records what it was sent."""

import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from assistant.llm.base import Message
from assistant.llm.stops import cut_at_stops


class ScriptedChatModel:
    """Answers each `stream` call with the next scripted answer, in word-sized pieces."""

    name = "scripted"

    def __init__(self, answers: Iterable[str]) -> None:
        self.answers = list(answers)
        self.sent: list[tuple[list[Message], dict[str, Any]]] = []

    def stream(self, messages: Sequence[Message], **params: Any) -> Iterator[str]:
        # Recorded at the call, not on first read, so a test sees what an unread stream got.
        self.sent.append((list(messages), params))
        if not self.answers:
            raise AssertionError(f"scripted model ran out of answers after {len(self.sent) - 1}")
        pieces = re.findall(r"\s*\S+", self.answers.pop(0))
        return cut_at_stops(iter(pieces), list(params.get("stop") or []))

    @property
    def last_user_message(self) -> str:
        """The last user message of the last call (what most tests assert on)."""
        users = [m["content"] for m in self.sent[-1][0] if m["role"] == "user"]
        return users[-1] if users else ""
