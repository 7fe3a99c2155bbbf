"""Read sessions: they do not queue behind a writer, see one snapshot, and keep no write."""

import threading
from concurrent.futures import ThreadPoolExecutor
from contextlib import AbstractContextManager, nullcontext
from functools import partial
from typing import Any

import pytest
from sqlalchemy import func, insert, select, text
from sqlalchemy.exc import DBAPIError

from assistant.persistence import (
    AppDatabase,
    ConversationStore,
    Principal,
    authenticate,
    create_key,
    list_keys,
    recent,
    record,
)
from assistant.persistence.audit import audit_row
from assistant.persistence.tables import SCHEMA_VERSION, ApiKeyRow

# Only a guard against hanging: a read that queues behind the writer would wait until the
# writer lets go, which the test does only after this long.
WAIT_S = 10


def _write_and_wait(db: AppDatabase, holding: threading.Event, release: threading.Event) -> None:
    """Hold a write session with an unsaved key in it until released."""
    with db.session() as session:
        session.add(ApiKeyRow(name="pending", role="admin", key_hash="h" * 64, prefix="rk_p"))
        session.flush()
        holding.set()
        assert release.wait(WAIT_S)


def test_reads_do_not_wait_for_a_writer(db: AppDatabase) -> None:
    token, info = create_key(db, "operator", "ana")
    ana = Principal(key_id=info.id, name=info.name, role=info.role)
    store = ConversationStore(db)
    cid, _ = store.open_turn(ana, None, "who is at risk?")
    store.close_turn(ana, cid, "Five customers.", [], [], {"n": 5})
    record(db, audit_row(ana, "at_risk_customers", {}, 5, "ok", conversation_id=cid))
    holding, release = threading.Event(), threading.Event()
    write_and_wait = partial(_write_and_wait, db, holding, release)

    def read_everything() -> dict[str, Any]:
        return {
            "principal": authenticate(db, token),
            "keys": [key.name for key in list_keys(db)],
            "history": [m.seq for m in store.history(ana, cid).messages],
            "listed": [c.id for c in store.list(ana)],
            "memory": store.memory(ana, cid),
            "audit": [entry.tool for entry in recent(db)],
        }

    with ThreadPoolExecutor(2) as pool:
        writer = pool.submit(write_and_wait)
        try:
            assert holding.wait(WAIT_S)
            # The writer is inside its session (on SQLite: holding the lock writers take turns
            # on, and the database's write lock); the reads must finish all the same.
            seen = pool.submit(read_everything).result(timeout=WAIT_S)
        finally:
            release.set()
        writer.result(timeout=WAIT_S)

    assert seen == {
        "principal": ana,
        "keys": ["ana"],  # not the writer's key: it was not committed yet
        "history": [1, 2],
        "listed": [cid],
        "memory": {"n": 5},
        "audit": ["at_risk_customers"],
    }
    assert [key.name for key in list_keys(db)] == ["ana", "pending"]


def test_a_write_in_a_read_session_raises_and_is_not_kept(db: AppDatabase) -> None:
    new_key = {"name": "x", "role": "admin", "key_hash": "h" * 64, "prefix": "rk_x"}
    with pytest.raises(RuntimeError, match=r"INSERT.*in a read session"), db.read_session() as s:
        s.execute(insert(ApiKeyRow).values(**new_key))
    with pytest.raises(RuntimeError, match=r"flush.*in a read session"), db.read_session() as s:
        s.add(ApiKeyRow(**new_key))
        s.flush()
    with pytest.raises(RuntimeError, match="commit in a read session"), db.read_session() as s:
        s.commit()
    # SQL text gets past the session's guard: PostgreSQL refuses it (the transaction is READ
    # ONLY); SQLite takes it, and it is rolled back with the session.
    refused: AbstractContextManager[object] = (
        pytest.raises(DBAPIError, match="read-only")
        if db.dialect == "postgresql"
        else nullcontext()
    )
    with refused, db.read_session() as session:
        session.execute(
            text("INSERT INTO schema_version (version, applied_at) VALUES (99, CURRENT_TIMESTAMP)")
        )
    assert list_keys(db) == [] and db.schema_version() == SCHEMA_VERSION
    create_key(db, "admin", "after")  # writing goes on as before, in a write session
    assert [key.name for key in list_keys(db)] == ["after"]


def test_a_read_session_sees_one_snapshot(db: AppDatabase) -> None:
    count = select(func.count()).select_from(ApiKeyRow)
    writer = threading.Thread(target=create_key, args=(db, "admin", "meanwhile"))
    with db.read_session() as session:
        before = session.scalar(count)
        writer.start()
        writer.join(WAIT_S)  # a plain thread: should it wait for this session, nothing hangs
        committed_meanwhile = not writer.is_alive()
        # So a count and a list in one read session agree, whatever is committed meanwhile.
        after = session.scalar(count)
    writer.join(WAIT_S)
    assert committed_meanwhile and before == after == 0
    with db.read_session() as session:
        assert session.scalar(count) == 1


def test_rows_read_can_be_used_after_the_block(db: AppDatabase) -> None:
    create_key(db, "admin", "kept")
    with db.read_session() as session:
        row = session.scalars(select(ApiKeyRow)).one()
    assert row.name == "kept"  # ended without expiring what it loaded


def test_in_memory_sqlite_reads_wait_for_the_writer_and_keep_its_work() -> None:
    """In-memory SQLite is one connection for every thread: a read beside an open write would
    start a transaction inside it and roll the write back, so there reads take turns too."""
    db = AppDatabase("sqlite://")
    db.create_all()
    holding, release = threading.Event(), threading.Event()
    write_and_wait = partial(_write_and_wait, db, holding, release)

    with ThreadPoolExecutor(2) as pool:
        writer = pool.submit(write_and_wait)
        assert holding.wait(WAIT_S)
        reader = pool.submit(lambda: [key.name for key in list_keys(db)])
        release.set()
        writer.result(WAIT_S)
        assert reader.result(WAIT_S) == ["pending"]  # read after the write, not inside it
    assert [key.name for key in list_keys(db)] == ["pending"]
