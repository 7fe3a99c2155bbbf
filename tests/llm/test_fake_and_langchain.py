"""The scripted fake, the stop filter, and the LangChain adapter over any ChatModel."""

import pytest
from langchain_core.messages import AIMessage, HumanMessage, SystemMessage, ToolMessage

from assistant.llm.base import complete
from assistant.llm.fake import ScriptedChatModel
from assistant.llm.langchain_adapter import LangChainChatModel, to_messages
from assistant.llm.stops import cut_at_stops


def test_scripted_model_replays_and_records() -> None:
    model = ScriptedChatModel(["Hello there, Ana.", "Second."])
    assert list(model.stream([{"role": "user", "content": "hi"}])) == ["Hello", " there,", " Ana."]
    assert complete(model, [{"role": "user", "content": "again"}], max_new_tokens=3) == "Second."
    assert model.sent[1][1] == {"max_new_tokens": 3}
    assert model.last_user_message == "again"
    with pytest.raises(AssertionError, match="ran out"):
        model.stream([])


@pytest.mark.parametrize(
    ("pieces", "stops", "expected"),
    [
        (["Hello <|im", "_end|> more"], ["<|im_end|>"], "Hello "),
        (["a", "b", "c"], ["x"], "abc"),
        (["ab", "cSTO", "P"], ["STOP", "cS"], "ab"),
        (["<", "<b"], ["<a"], "<<b"),
        (["done"], [], "done"),
    ],
)
def test_cut_at_stops(pieces: list[str], stops: list[str], expected: str) -> None:
    assert "".join(cut_at_stops(pieces, stops)) == expected


def test_langchain_messages_map_to_our_roles() -> None:
    converted = to_messages(
        [
            SystemMessage("rules"),
            HumanMessage([{"type": "text", "text": "hi"}]),
            AIMessage("calling"),
            ToolMessage("42 customers", tool_call_id="c1", name="list_segments"),
        ]
    )
    assert [m["role"] for m in converted] == ["system", "user", "assistant", "user"]
    assert converted[1]["content"] == "hi"
    assert converted[3]["content"] == "Result of tool list_segments:\n42 customers"


def test_langchain_invoke_and_stream_use_the_chat_model() -> None:
    fake = ScriptedChatModel(["One two three. Four.", "Streamed answer"])
    chat = LangChainChatModel(chat_model=fake, max_new_tokens=20)
    reply = chat.invoke([HumanMessage("hello")], stop=["Four"])
    assert reply.content == "One two three. "
    assert fake.sent[0][1] == {"max_new_tokens": 20, "temperature": 0.0, "stop": ["Four"]}
    chunks = [c.content for c in chat.stream("plain string prompt")]
    assert "".join(str(c) for c in chunks) == "Streamed answer" and len(chunks) >= 2
    assert fake.last_user_message == "plain string prompt"
