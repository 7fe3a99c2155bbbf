"""One turn at a time per conversation: a message sent while the previous answer is still being
written is refused with 409, by the server answering it or another one on the same app database,
and the history keeps its order. The hold itself: tests/persistence/test_turn_holds.py."""

import threading
from collections.abc import Iterator, Sequence
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


def test_a_second_message_while_the_first_is_answered_gets_409(
    make_client: MakeClient, settings: Settings, keys: dict[Role, str]
) -> None:
    model = HeldModel()
    client = make_client(settings, chat_model=lambda: model)
    key = keys["admin"]
    conversation = ask(client, key, "tell me about customer 00007")["conversation_id"]
    first: list[int] = []
    drafting = threading.Thread(
        target=lambda: first.append(
            client.post("/v1/chat", json={"message": "draft an offer for them",
                        "conversation_id": conversation}, headers=auth(key)).status_code
        )
    )  # fmt: skip
    drafting.start()
    try:
        assert model.writing.wait(LIMIT_S), "the draft never started"
        busy = client.post("/v1/chat", json={"message": "list our segments",
                           "conversation_id": conversation}, headers=auth(key))  # fmt: skip
        assert busy.status_code == 409 and busy.json()["error"] == "conflict"
        assert conversation in busy.json()["detail"] and "previous" in busy.json()["detail"]
        other = ask(client, key, "list our segments")  # another conversation is not held up
        assert other["conversation_id"] != conversation
    finally:
        model.go.set()
        drafting.join(LIMIT_S)
    assert first == [200]
    ask(client, key, "list our segments", conversation)  # free again once answered
    history = client.get(f"/v1/conversations/{conversation}", headers=auth(key)).json()
    assert [m["role"] for m in history["messages"]] == ["user", "assistant"] * 3


def test_a_refused_or_failed_turn_frees_its_conversation(
    client: TestClient, keys: dict[Role, str]
) -> None:
    key = keys["operator"]
    conversation = ask(client, key, "list our segments")["conversation_id"]
    too_long = client.post("/v1/chat", json={"message": "x" * 5000, "conversation_id":
                           conversation}, headers=auth(key))  # fmt: skip
    assert too_long.status_code == 422
    stolen = client.post("/v1/chat", json={"message": "hi", "conversation_id": conversation},
                         headers=auth(keys["marketer"]))  # fmt: skip
    assert stolen.status_code == 404
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
    first: list[int] = []
    drafting = threading.Thread(
        target=lambda: first.append(
            first_server.post("/v1/chat", json={"message": "draft an offer for them",
                              "conversation_id": conversation}, headers=auth(key)).status_code
        )
    )  # fmt: skip
    drafting.start()
    try:
        assert model.writing.wait(LIMIT_S), "the draft never started"
        busy = second_server.post("/v1/chat", json={"message": "list our segments",
                                  "conversation_id": conversation}, headers=auth(key))  # fmt: skip
        assert busy.status_code == 409 and busy.json()["error"] == "conflict"
        assert conversation in busy.json()["detail"]
    finally:
        model.go.set()
        drafting.join(LIMIT_S)
    assert first == [200]
    ask(second_server, key, "list our segments", conversation)  # free again once answered
    history = second_server.get(f"/v1/conversations/{conversation}", headers=auth(key)).json()
    assert [m["role"] for m in history["messages"]] == ["user", "assistant"] * 3
