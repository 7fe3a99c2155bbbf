"""A time-limited turn at the LLM (the router's fallback): it waits no longer than its limit for
the model to load, for its turn or for the reply, and then the chat answers without the model,
saying the model was busy (ModelBusy), not that the question was unclear."""

import threading
import time
from collections.abc import Iterator, Sequence
from typing import Any

import pytest

from assistant.chat.llm_gate import LLMGate, ModelBusy
from assistant.chat.replies import MODEL_BUSY
from assistant.llm.base import ChatModel, Message
from assistant.llm.fake import ScriptedChatModel
from assistant.roles import Role
from assistant.routing.noise import UNCLEAR
from assistant.settings import Settings
from commerce.errors import NotFound, Unavailable
from tests.api.conftest import MakeClient, auth


class SlowModel:
    """Writes `pieces` pieces, one every `pause` seconds (a model on a busy CPU), or holds its
    first until released; counts what it wrote and says whether its stream was closed."""

    name = "slow"

    def __init__(self, pieces: int = 400, pause: float = 0.05, hold: bool = False) -> None:
        self.pieces, self.pause, self.hold = pieces, pause, hold
        self.written, self.closed = 0, threading.Event()
        self.started, self.release = threading.Event(), threading.Event()

    def stream(self, messages: Sequence[Message], **params: Any) -> Iterator[str]:
        self.started.set()
        if self.hold:
            self.release.wait(10)
        try:
            for _ in range(self.pieces):
                time.sleep(self.pause)
                self.written += 1
                yield " x"
        finally:
            self.closed.set()


def test_a_slow_reply_is_cut_at_the_limit_and_the_model_freed() -> None:
    model = SlowModel()
    gate = LLMGate(lambda: model, queue_size=2)
    with pytest.raises(Unavailable, match=r"took over 0\.3 s"):
        list(gate.model().stream([], within_s=0.3))
    # Stopped partway (at the piece after the limit; the whole reply is 400), and freed.
    assert model.closed.wait(5) and 0 < model.written < model.pieces
    model.pieces = 2
    assert "".join(gate.model().stream([])) == " x x"
    assert gate.waiting == 0


def test_the_limit_holds_while_the_model_reads_the_prompt() -> None:
    reading = SlowModel(pieces=3, pause=0.0, hold=True)  # held: still reading the prompt
    gate = LLMGate(lambda: reading, queue_size=2)
    with pytest.raises(Unavailable, match=r"took over 0\.2 s"):
        list(gate.model().stream([], within_s=0.2))
    # Answered while the model still reads, which keeps it: no second generation beside it.
    assert reading.written == 0 and not reading.closed.is_set()
    assert gate.waiting == 1
    with pytest.raises(Unavailable, match="stayed busy"):
        list(gate.model().stream([], within_s=0.1))
    reading.release.set()
    assert reading.closed.wait(5) and reading.written == 1  # closed at its first piece
    assert "".join(gate.model().stream([], within_s=5.0)) == " x x x"
    assert gate.waiting == 0


class BrokenModel:
    """Fails while reading the prompt, once released."""

    name = "broken"

    def __init__(self) -> None:
        self.release = threading.Event()

    def stream(self, messages: Sequence[Message], **params: Any) -> Iterator[str]:
        self.release.wait(10)
        raise Unavailable("model broken failed while writing: out of memory")


def test_a_model_failing_after_the_limit_still_frees_its_turn() -> None:
    broken = BrokenModel()
    gate = LLMGate(lambda: broken, queue_size=1)
    with pytest.raises(Unavailable, match="took over"):
        list(gate.model().stream([], within_s=0.2))
    broken.release.set()
    # The next caller gets its turn (not "stayed busy") and the model's own error, which is
    # no busy model.
    with pytest.raises(Unavailable, match="failed while writing") as failed:
        list(gate.model().stream([], within_s=5.0))
    assert not isinstance(failed.value, ModelBusy)
    assert gate.waiting == 0


def test_a_busy_model_is_not_waited_for_past_the_limit() -> None:
    drafting = SlowModel(pieces=1, hold=True)
    gate = LLMGate(lambda: drafting, queue_size=2)
    draft = threading.Thread(target=lambda: list(gate.model().stream([])))
    draft.start()
    assert drafting.started.wait(5)
    with pytest.raises(ModelBusy, match=r"stayed busy for 0\.2 s"):
        list(gate.model().stream([], within_s=0.2))
    assert not drafting.closed.is_set()  # refused while the draft still held the model
    drafting.release.set()
    draft.join(5)
    assert gate.waiting == 0


def test_a_load_longer_than_the_limit_goes_on_for_the_next_caller() -> None:
    loaded = threading.Event()
    loads: list[int] = []

    def slow_load() -> ChatModel:
        loads.append(1)
        loaded.wait(5)
        return ScriptedChatModel(["first", "second"])

    gate = LLMGate(slow_load, queue_size=2)
    with pytest.raises(ModelBusy, match="still loading"):
        list(gate.model().stream([], within_s=0.2))
    loaded.set()
    assert "".join(gate.model().stream([], within_s=5.0)) == "first"
    assert loads == [1] and gate.loaded  # one load, started by the first call


def test_a_failed_load_is_raised_to_the_caller_and_tried_again() -> None:
    attempts: list[int] = []

    def not_installed() -> ChatModel:
        attempts.append(1)
        raise NotFound("model pack tiny is not installed")

    gate = LLMGate(not_installed, queue_size=2)
    for _ in range(2):
        with pytest.raises(NotFound, match="not installed"):
            list(gate.model().stream([], within_s=2.0))
    assert attempts == [1, 1]


def test_chat_answers_without_the_llm_past_the_limit(
    make_client: MakeClient, settings: Settings, keys: dict[Role, str]
) -> None:
    model = SlowModel()
    limited = settings.model_copy(update={"route_llm_timeout_s": 0.5})
    client = make_client(limited, chat_model=lambda: model)
    response = client.post(
        "/v1/chat", json={"message": "which champs are going cold"}, headers=auth(keys["operator"])
    )
    assert response.status_code == 200, response.text
    reply = response.json()
    assert reply["route"]["kind"] == "unclear" and reply["tool_calls"] == []
    # The question was not read in time: the answer says so, not that it was unclear, and
    # keeps the router's hint of what to ask.
    assert reply["answer"].startswith(MODEL_BUSY + " Try naming a customer")
    assert UNCLEAR not in reply["answer"] and "at-risk customers" in reply["answer"]
    # The model was stopped partway, not waited for nor left writing.
    assert model.closed.wait(5) and 0 < model.written < model.pieces


class FailingModel:
    """Fails at once, as a model out of memory does: not busy."""

    name = "failing"

    def stream(self, messages: Sequence[Message], **params: Any) -> Iterator[str]:
        raise Unavailable("model failing failed while writing: out of memory")


def test_a_failing_model_is_not_called_busy(
    make_client: MakeClient, settings: Settings, keys: dict[Role, str]
) -> None:
    client = make_client(settings, chat_model=FailingModel)
    response = client.post(
        "/v1/chat", json={"message": "which champs are going cold"}, headers=auth(keys["operator"])
    )
    assert response.status_code == 200, response.text
    answer = response.json()["answer"]
    assert answer.startswith(UNCLEAR) and MODEL_BUSY not in answer
