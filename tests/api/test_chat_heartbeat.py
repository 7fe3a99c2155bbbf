"""The chat stream sends `: heartbeat` comments while a turn waits (here: a draft whose model is
held), so proxies keep the connection; the events themselves are those of a turn that did not
wait, and a client that leaves still stops the turn."""

import asyncio
from collections.abc import AsyncGenerator, Generator, Iterator
from typing import Any

from assistant.api.heartbeat import HEARTBEAT
from assistant.api.routes.chat import _counted, _held, _sse, _streamed
from assistant.api.turns import TurnInProgress
from assistant.chat.events import Event
from assistant.chat.service import start_turn
from assistant.cli.chat import _events as cli_events
from assistant.persistence import authenticate
from assistant.roles import Role
from assistant.settings import Settings
from tests.alerts.waiting import until
from tests.api.conftest import MakeClient
from tests.api.test_chat import QUESTIONS
from tests.api.test_turns import HeldModel
from tests.asyncio_helpers import run_on_fresh_loop


class Drafting:
    """A marketer's "draft an offer" turn on a server whose model writes only once let go,
    streamed as the chat route streams it."""

    def __init__(self, make_client: MakeClient, settings: Settings, keys: dict[Role, str]) -> None:
        self.model = HeldModel()
        client = make_client(settings, chat_model=lambda: self.model)
        found: Any = client.app.state.services  # type: ignore[attr-defined]
        caller = authenticate(found.db, keys["marketer"])
        assert caller is not None
        turn = start_turn(found.chat, caller, QUESTIONS["draft_offer"], None)
        self.found, self.caller, self.conversation_id = found, caller, turn.conversation_id
        claim = found.turns.claim(caller.key_id, turn.conversation_id)
        self.sent: list[Event] = []  # what the turn gave the stream
        # Held here as well: a client that leaves must stop the turn by closing it, not by
        # leaving it to the garbage collector.
        self.events = self._recorded(_held(_counted(turn, found), claim))

    def _recorded(self, events: Iterator[Event]) -> Generator[Event, None, None]:
        for event in events:
            self.sent.append(event)
            yield event

    def stream(self, heartbeat_s: float) -> AsyncGenerator[str, None]:
        chunks = _streamed(self.events, heartbeat_s).body_iterator
        assert isinstance(chunks, AsyncGenerator)  # typed as an iterator; aclose() ends it
        return chunks

    def waited(self, chunk: str) -> bool:
        """Whether `chunk` is a heartbeat sent while the model was held (not one sent while
        the message was routed, on a busy machine)."""
        return chunk == HEARTBEAT and self.model.writing.is_set()

    def conversation_is_free(self) -> bool:
        try:
            self.found.turns.claim(self.caller.key_id, self.conversation_id).release()
        except TurnInProgress:
            return False
        return True


def test_a_waiting_turn_sends_heartbeats_and_the_same_events(
    make_client: MakeClient, settings: Settings, keys: dict[Role, str]
) -> None:
    turn = Drafting(make_client, settings, keys)

    async def read() -> list[str]:
        chunks = []
        async for chunk in turn.stream(heartbeat_s=0.01):
            chunks.append(chunk)
            if turn.waited(chunk):
                turn.model.go.set()
        return chunks

    chunks = run_on_fresh_loop(read())
    assert HEARTBEAT in chunks
    assert chunks.index(HEARTBEAT) < len(chunks) - 1  # before the answer
    assert [c for c in chunks if c != HEARTBEAT] == [_sse(event) for event in turn.sent]
    kinds = [event.kind for event in turn.sent]
    assert kinds[:2] == ["conversation", "tool_started"] and "token" in kinds
    assert kinds[-2:] == ["tool_finished", "message"]
    assert "miss you" in "".join(e.data["text"] for e in turn.sent if e.kind == "token")


def test_a_client_that_leaves_while_the_turn_waits_stops_it(
    make_client: MakeClient, settings: Settings, keys: dict[Role, str]
) -> None:
    turn = Drafting(make_client, settings, keys)

    async def leave() -> None:
        stream = turn.stream(heartbeat_s=0.01)
        while not turn.waited(await anext(stream)):
            pass
        await stream.aclose()  # the client left
        turn.model.go.set()
        await asyncio.to_thread(until, turn.conversation_is_free, "the turn lets go")

    run_on_fresh_loop(leave())
    # It stopped at its next event: the answer was never written.
    assert [event.kind for event in turn.sent] == ["conversation", "tool_started", "token"]
    history = turn.found.chat.conversations.history(turn.caller, turn.conversation_id)
    assert [m.role for m in history.messages] == ["user"]


def test_the_terminal_client_skips_heartbeats() -> None:
    lines = ["event: token", 'data: {"text": "Hi"}', "", ": heartbeat", "", "event: message"]
    lines += ['data: {"answer": "Hi"}', ""]
    assert list(cli_events(iter(lines))) == [
        ("token", {"text": "Hi"}),
        ("message", {"answer": "Hi"}),
    ]
