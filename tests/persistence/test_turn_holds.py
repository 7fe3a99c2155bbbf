"""A conversation's turn held in the app database: each AppDatabase handle with its OpenTurns
stands for one server process, so the hold is seen across processes, expires when its process
stops renewing it, and a database of the schema before it gains its columns."""

import gc
import threading
import time
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta

import pytest
from sqlalchemy import delete, inspect, text

from assistant.api.turns import OpenTurns, TurnInProgress
from assistant.persistence import AppDatabase, ConversationStore, Principal
from assistant.persistence.tables import (
    SCHEMA_VERSION,
    ConversationRow,
    SchemaVersionRow,
    utc_now,
)
from assistant.persistence.turn_claims import CLAIM_TTL_S
from tests.persistence.factories import make_principal

TTL = timedelta(seconds=CLAIM_TTL_S)
SECOND = timedelta(seconds=1)
WAIT_S = 30.0
Process = Callable[..., OpenTurns]


class Clock:
    """The time the holds are measured in, moved by the test."""

    def __init__(self) -> None:
        self.now = utc_now()

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def process(database_url: str, clock: Clock) -> Iterator[Process]:
    """Starts a "process": its own handle on the test's database and its own OpenTurns."""
    started: list[tuple[AppDatabase, OpenTurns]] = []

    def start() -> OpenTurns:
        db = AppDatabase(database_url)
        db.create_all()
        turns = OpenTurns(db, clock=clock)
        started.append((db, turns))
        return turns

    yield start
    for db, turns in started:
        turns.close()
        db.close()


def conversation(database_url: str) -> tuple[Principal, str]:
    """A key's principal and a conversation it started."""
    with AppDatabase(database_url) as db:
        db.create_all()
        owner = make_principal(db)
        conversation_id, _ = ConversationStore(db).open_turn(owner, None, "hello")
        return owner, conversation_id


def test_a_second_process_is_refused_while_the_first_holds_the_conversation(
    process: Process, database_url: str
) -> None:
    first, second = process(), process()
    owner, cid = conversation(database_url)
    held = first.claim(owner.key_id, cid)
    with pytest.raises(TurnInProgress, match=f"conversation {cid} is still answering"):
        second.claim(owner.key_id, cid)
    held.release()
    second.claim(owner.key_id, cid).release()
    first.claim(owner.key_id, cid).release()


def test_a_hold_not_renewed_expires_and_its_late_release_leaves_the_next_hold(
    process: Process, database_url: str, clock: Clock
) -> None:
    first, second, third = process(), process(), process()
    owner, cid = conversation(database_url)
    stale = first.claim(owner.key_id, cid)  # its process stops: nothing renews it
    clock.now += TTL - SECOND
    with pytest.raises(TurnInProgress):
        second.claim(owner.key_id, cid)
    clock.now += 2 * SECOND
    taken = second.claim(owner.key_id, cid)
    stale.release()  # too late: the token is no longer on the row
    with pytest.raises(TurnInProgress):
        third.claim(owner.key_id, cid)
    taken.release()
    third.claim(owner.key_id, cid).release()


def test_a_renewed_hold_outlasts_the_expiry(
    process: Process, database_url: str, clock: Clock
) -> None:
    first, second = process(), process()
    owner, cid = conversation(database_url)
    long_turn = first.claim(owner.key_id, cid)
    clock.now += TTL * 2 / 3
    first.renew()  # what its renewer thread does every third of the expiry
    clock.now += TTL / 3 + SECOND  # past the first expiry
    with pytest.raises(TurnInProgress):
        second.claim(owner.key_id, cid)
    long_turn.release()
    second.claim(owner.key_id, cid).release()


def test_the_renewer_thread_renews_while_a_turn_is_open(
    database_url: str, process: Process, clock: Clock
) -> None:
    owner, cid = conversation(database_url)
    with AppDatabase(database_url) as db:
        turns = OpenTurns(db, clock=clock, renew_every_s=0.01)
        long_turn = turns.claim(owner.key_id, cid)
        clock.now += TTL * 2 / 3
        deadline = time.monotonic() + WAIT_S  # only a broken renewer waits this long
        while open_until(db, cid) < clock.now + TTL and time.monotonic() < deadline:
            time.sleep(0.01)
        clock.now += TTL / 3 + SECOND  # past the first expiry
        with pytest.raises(TurnInProgress):
            process().claim(owner.key_id, cid)
        long_turn.release()
        turns.close()


def open_until(db: AppDatabase, conversation_id: str) -> datetime:
    with db.read_session() as session:
        row = session.get(ConversationRow, conversation_id)
        assert row is not None and row.turn_open_until is not None
        return row.turn_open_until


def test_of_processes_racing_for_one_conversation_one_wins(
    process: Process, database_url: str
) -> None:
    processes = [process(), process()]
    owner, cid = conversation(database_url)
    racers = 8
    start = threading.Barrier(racers)
    won: list[object] = []
    refused: list[TurnInProgress] = []

    def race(turns: OpenTurns) -> None:
        start.wait()
        try:
            won.append(turns.claim(owner.key_id, cid))
        except TurnInProgress as error:
            refused.append(error)

    threads = [threading.Thread(target=race, args=(processes[i % 2],)) for i in range(racers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(won) == 1 and len(refused) == racers - 1


def test_a_stranger_never_meets_the_owners_claim(process: Process, database_url: str) -> None:
    # Someone naming another's conversation gets the turn's 404, never a 409 saying it is busy.
    first, second = process(), process()
    owner, cid = conversation(database_url)
    with AppDatabase(database_url) as db:
        stranger = make_principal(db, name="stranger")
    held = first.claim(owner.key_id, cid)
    second.claim(stranger.key_id, cid).release()
    first.claim(stranger.key_id, cid).release()
    with pytest.raises(TurnInProgress):  # and the owner's hold is untouched
        second.claim(owner.key_id, cid)
    held.release()


def test_a_claim_dropped_unreleased_frees_its_conversation(
    process: Process, database_url: str
) -> None:
    """A stream whose client left before it began never runs its `finally`: the claim it held
    is released when it is collected, in the database at the process's next claim."""
    first, second = process(), process()
    owner, cid = conversation(database_url)
    claim = first.claim(owner.key_id, cid)
    del claim
    gc.collect()
    assert (owner.key_id, cid) not in first
    first.claim(owner.key_id, cid).release()
    assert (owner.key_id, cid) not in first
    dropped = first.claim(owner.key_id, cid)
    del dropped
    gc.collect()
    first.close()  # at shutdown too
    second.claim(owner.key_id, cid).release()


def test_a_schema_2_database_gains_the_turn_hold(process: Process, database_url: str) -> None:
    with AppDatabase(database_url) as db:
        db.create_all()
        with db.session() as session:  # back to how version 2 made the table
            session.execute(delete(SchemaVersionRow).where(SchemaVersionRow.version > 2))
            for column in ("turn_claim", "turn_open_until"):
                session.execute(text(f"ALTER TABLE conversations DROP COLUMN {column}"))
        with db.engine.connect() as connection:
            columns = {c["name"] for c in inspect(connection).get_columns("conversations")}
        assert "turn_claim" not in columns
        owner = make_principal(db)
        cid, _ = ConversationStore(db).open_turn(owner, None, "made before")
    first, second = process(), process()  # each opens it: create_all upgrades it
    with AppDatabase(database_url) as db:
        assert db.schema_version() == SCHEMA_VERSION
    held = first.claim(owner.key_id, cid)
    with pytest.raises(TurnInProgress):
        second.claim(owner.key_id, cid)
    held.release()
