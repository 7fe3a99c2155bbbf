"""A scripted chat model: replays answers (text, or a function of the prompt), records prompts."""

from collections.abc import Callable, Iterator, Sequence
from typing import Any

from assistant.llm.base import Message

Answer = str | Callable[[Sequence[Message]], str] | Exception


class ScriptedModel:
    """Answers turn i with answers[i]; the last answer repeats. Streams word by word."""

    name = "scripted"

    def __init__(self, *answers: Answer) -> None:
        self.answers = list(answers)
        self.prompts: list[list[Message]] = []
        self.params: list[dict[str, Any]] = []

    def stream(self, messages: Sequence[Message], **params: Any) -> Iterator[str]:
        self.prompts.append(list(messages))
        self.params.append(params)
        answer = self.answers[min(len(self.prompts), len(self.answers)) - 1]
        if isinstance(answer, Exception):
            raise answer
        text = answer(messages) if callable(answer) else answer
        for i, word in enumerate(text.split(" ")):
            yield word if i == 0 else " " + word

    @property
    def calls(self) -> int:
        return len(self.prompts)
