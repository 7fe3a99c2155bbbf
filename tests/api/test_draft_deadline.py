"""A draft past RETAIN_DRAFT_TIMEOUT_S: the turn answers with the timeout, and the model is
stopped at its next piece, so the next caller gets the model instead of waiting behind a draft
nobody will read."""

import time

import pytest

from assistant.chat.llm_gate import LLMGate
from assistant.roles import Role
from assistant.settings import Settings
from commerce.errors import Unavailable
from tests.alerts.waiting import LIMIT_S
from tests.api.conftest import MakeClient
from tests.api.test_chat import QUESTIONS, ask
from tests.api.test_llm_time_limit import SlowModel


def test_a_draft_past_its_time_is_answered_and_stops_the_model(
    make_client: MakeClient, settings: Settings, keys: dict[Role, str]
) -> None:
    # Reads the prompt until let go, then would write for minutes.
    model = SlowModel(pieces=10_000, hold=True)
    # Long enough for the tool to gather its facts and reach the model on a busy machine.
    limited = settings.model_copy(update={"draft_timeout_s": 8.0})
    client = make_client(limited, chat_model=lambda: model)
    reply = ask(client, keys["marketer"], QUESTIONS["draft_offer"])
    assert reply["answer"] == "draft_offer took longer than 8 s; try again or narrow the question"
    assert model.started.wait(LIMIT_S), "the draft reached the model within its time"
    model.release.set()
    # Closed at its next piece, not left writing the draft nobody reads ...
    assert model.closed.wait(LIMIT_S) and 0 < model.written < model.pieces
    # ... so the next caller gets its turn (not "stayed busy").
    model.pieces = 2
    gate: LLMGate = client.app.state.services.llm  # type: ignore[attr-defined]
    assert "".join(gate.model().stream([], within_s=LIMIT_S)) == " x x"
    assert gate.waiting == 0


def test_a_caller_out_of_time_never_starts_the_model() -> None:
    model = SlowModel()
    gate = LLMGate(lambda: model, queue_size=1)
    # The time left is what counts, not the whole limit: here none is left.
    with pytest.raises(Unavailable, match="no time was left"):
        list(gate.model(deadline=time.monotonic()).stream([], within_s=LIMIT_S))
    assert not model.started.is_set() and gate.waiting == 0
