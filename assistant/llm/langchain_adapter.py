"""Any ChatModel as a LangChain chat model, so the assistant's chains and agents can use it.

LangChain stays in assistant/: this adapter is the only place it meets our seam. System,
human and AI messages map to our three roles; a tool result is shown to the model as a user
message that says which tool it came from (our small models have no tool-message role).
"""

from collections.abc import Iterator
from typing import Any

from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import (
    AIMessage,
    AIMessageChunk,
    BaseMessage,
    HumanMessage,
    SystemMessage,
    ToolMessage,
)
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult
from pydantic import ConfigDict, Field

from assistant.llm.base import ChatModel, Message
from commerce.errors import InvalidInput


def to_messages(messages: list[BaseMessage]) -> list[Message]:
    """LangChain messages → our {"role", "content"} messages."""
    converted: list[Message] = []
    for message in messages:
        text = _text(message.content)
        if isinstance(message, SystemMessage):
            converted.append({"role": "system", "content": text})
        elif isinstance(message, HumanMessage):
            converted.append({"role": "user", "content": text})
        elif isinstance(message, AIMessage):
            converted.append({"role": "assistant", "content": text})
        elif isinstance(message, ToolMessage):
            name = message.name or message.tool_call_id
            converted.append({"role": "user", "content": f"Result of tool {name}:\n{text}"})
        else:
            raise InvalidInput(f"cannot send a {message.type} message to the chat model")
    return converted


def _text(content: str | list[Any]) -> str:
    if isinstance(content, str):
        return content
    # Content blocks: keep the text ones (our models read text only).
    parts = [b if isinstance(b, str) else b.get("text", "") for b in content]
    return "".join(p for p in parts if isinstance(p, str))


class LangChainChatModel(BaseChatModel):
    """A LangChain `BaseChatModel` that streams from one of our ChatModels."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    chat_model: Any = Field(exclude=True)  # a ChatModel (a Protocol, so typed as Any here)
    max_new_tokens: int = 512
    temperature: float = 0.0

    @property
    def _llm_type(self) -> str:
        return "retain"

    @property
    def _identifying_params(self) -> dict[str, Any]:
        return {"model": self._model().name, "temperature": self.temperature}

    def _model(self) -> ChatModel:
        model: ChatModel = self.chat_model
        return model

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        text = "".join(str(c.message.content) for c in self._stream(messages, stop, None, **kwargs))
        return ChatResult(generations=[ChatGeneration(message=AIMessage(content=text))])

    def _stream(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> Iterator[ChatGenerationChunk]:
        params: dict[str, Any] = {"max_new_tokens": self.max_new_tokens}
        params |= {"temperature": self.temperature} | kwargs
        if stop:
            params["stop"] = stop
        for piece in self._model().stream(to_messages(messages), **params):
            chunk = ChatGenerationChunk(message=AIMessageChunk(content=piece))
            if run_manager is not None:
                run_manager.on_llm_new_token(piece, chunk=chunk)
            yield chunk
