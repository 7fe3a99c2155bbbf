"""One turn at a time per conversation: a message sent while the previous answer is still being
written is refused with 409, by the server answering it or another one on the same app database,
and the history keeps its order. The hold itself: tests/persistence/test_turn_holds.py."""

import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from fastapi.testclient import TestClient

from assistant.llm.base import Message
from assistant.llm.fake import ScriptedChatModel
from assistant.roles import Role
from assistant.settings import Settings
from tests.api.conftest import MakeClient, auth
from tests.api.test_chat import DRAFT, ask

LIMIT_S = 30.0  # only a broken implementation waits this long


class HeldModel(ScriptedChatModel):
    """Writes only once the test lets it, so a turn stays open as long as the test needs."""

    def __init__(self) -> None:
        super().__init__([DRAFT] * 4)
        self.writing, self.go = threading.Event(), threading.Event()

    def stream(self, messages: Sequence[Message], **params: Any) -> Iterator[str]:
        self.writing.set()
        self.go.wait(LIMIT_S)
        return super().stream(messages, **params)


def send(client: TestClient, key: str, message: str, conversation: str) -> tuple[int, Any]:
    """Post `message` to `conversation` as the holder of `key`: the answer's status and body,
    whatever the status."""
    body = {"message": message, "conversation_id": conversation}
    response = client.post("/v1/chat", json=body, headers=auth(key))
    return response.status_code, response.json()


@contextmanager
def drafting(client: TestClient, model: HeldModel, key: str, conversation: str) -> Iterator[None]:
    """The block runs while `client` is answering "draft an offer for them" in `conversation`
    (its `model` held mid-answer); then the draft is let go, and it must have been answered."""
    first: list[int] = []
    draft = threading.Thread(
        target=lambda: first.append(send(client, key, "draft an offer for them", conversation)[0])
    )
    draft.start()
    try:
        assert model.writing.wait(LIMIT_S), "the draft never started"
        yield
    finally:
        model.go.set()
        draft.join(LIMIT_S)
    assert first == [200]


def assert_free_again(client: TestClient, key: str, conversation: str) -> None:
    """Once the draft is answered the conversation takes a message, and its history holds the
    three turns in order."""
    ask(client, key, "list our segments", conversation)
    history = client.get(f"/v1/conversations/{conversation}", headers=auth(key)).json()
    assert [m["role"] for m in history["messages"]] == ["user", "assistant"] * 3


def test_a_second_message_while_the_first_is_answered_gets_409(
    make_client: MakeClient, settings: Settings, keys: dict[Role, str]
) -> None:
    model = HeldModel()
    client = make_client(settings, chat_model=lambda: model)
    key = keys["admin"]
    conversation = ask(client, key, "tell me about customer 00007")["conversation_id"]
    with drafting(client, model, key, conversation):
        status, busy = send(client, key, "list our segments", conversation)
        assert status == 409 and busy["error"] == "conflict"
        assert conversation in busy["detail"] and "previous" in busy["detail"]
        other = ask(client, key, "list our segments")  # another conversation is not held up
        assert other["conversation_id"] != conversation
    assert_free_again(client, key, conversation)


def test_a_refused_or_failed_turn_frees_its_conversation(
    client: TestClient, keys: dict[Role, str]
) -> None:
    key = keys["operator"]
    conversation = ask(client, key, "list our segments")["conversation_id"]
    assert send(client, key, "x" * 5000, conversation)[0] == 422  # too long
    assert send(client, keys["marketer"], "hi", conversation)[0] == 404  # not theirs
    assert ask(client, key, "hello", conversation)["conversation_id"] == conversation


def test_a_second_server_on_the_same_database_refuses_the_message_too(
    make_client: MakeClient, settings: Settings, keys: dict[Role, str]
) -> None:
    """Two processes behind one load balancer: the hold is in the app database they share."""
    model = HeldModel()
    first_server = make_client(settings, chat_model=lambda: model)
    second_server = make_client(settings)  # its own app database handle, the same database
    key = keys["admin"]  # may draft offers
    conversation = ask(first_server, key, "tell me about customer 00007")["conversation_id"]
    with drafting(first_server, model, key, conversation):
        status, busy = send(second_server, key, "list our segments", conversation)
        assert status == 409 and busy["error"] == "conflict"
        assert conversation in busy["detail"]
    assert_free_again(second_server, key, conversation)
