"""The database itself: SQLite settings, schema version, transactions, the default location."""

import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from sqlalchemy import func, insert, select, text
from sqlalchemy.exc import IntegrityError
from typer.testing import CliRunner

from assistant.cli import app
from assistant.persistence import AppDatabase, open_app_database
from assistant.persistence.tables import SCHEMA_VERSION, ApiKeyRow, MessageRow, SchemaVersionRow
from assistant.settings import Settings
from commerce.errors import InvalidInput, Unavailable


def test_sqlite_gets_wal_foreign_keys_and_a_busy_timeout(tmp_path: Path) -> None:
    path = tmp_path / "not" / "yet" / "there" / "app.db"
    with AppDatabase(f"sqlite:///{path}") as db:
        db.create_all()
        assert path.exists()
        with db.engine.connect() as connection:
            assert connection.scalar(text("PRAGMA journal_mode")) == "wal"
            assert connection.scalar(text("PRAGMA foreign_keys")) == 1
            assert connection.scalar(text("PRAGMA busy_timeout")) == 30_000


def test_create_all_is_idempotent_and_records_the_schema_version(db: AppDatabase) -> None:
    assert db.schema_version() == SCHEMA_VERSION
    db.create_all()
    db.create_all()
    with db.session() as session:
        versions = list(session.scalars(select(SchemaVersionRow.version)))
    assert versions == list(range(1, SCHEMA_VERSION + 1))


def test_schema_version_is_none_before_create_all(database_url: str) -> None:
    with AppDatabase(database_url) as db:
        assert db.schema_version() is None


def test_a_newer_schema_is_refused(db: AppDatabase) -> None:
    with db.session() as session:
        session.execute(insert(SchemaVersionRow).values(version=SCHEMA_VERSION + 1))
    with pytest.raises(Unavailable, match="newer than this Retain's"):
        db.create_all()


def test_a_failed_session_keeps_nothing(db: AppDatabase) -> None:
    with pytest.raises(RuntimeError), db.session() as session:
        session.add(ApiKeyRow(name="x", role="admin", key_hash="h" * 64, prefix="rk_x"))
        session.flush()
        raise RuntimeError("boom")
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(ApiKeyRow)) == 0


def test_foreign_keys_are_enforced(db: AppDatabase) -> None:
    with pytest.raises(IntegrityError), db.session() as session:
        session.add(MessageRow(conversation_id="nope", seq=1, role="user", content="hi"))


def test_default_database_lives_in_the_workspace(retain_home: Path) -> None:
    with open_app_database(Settings()) as db:
        assert db.dialect == "sqlite"
        assert (retain_home / "app.db").exists()


def test_a_bad_url_says_so() -> None:
    with pytest.raises(InvalidInput, match="not a SQLAlchemy URL"):
        AppDatabase("not a url")


def test_a_bare_postgresql_url_uses_psycopg_3() -> None:
    db = AppDatabase("postgresql://someone@/retain?host=/nowhere")
    assert db.url.drivername == "postgresql+psycopg"
    db.close()


def test_a_missing_driver_says_what_to_install() -> None:
    with pytest.raises(Unavailable, match="no driver for the app database"):
        AppDatabase("mysql+nosuchdriver://x@localhost/retain")


def test_processes_opening_a_new_database_at_once_all_get_it(database_url: str) -> None:
    # A server and a replay (or two server workers) starting together on a fresh workspace:
    # each creates the tables, and none may fail because another created one first.
    openers = 6
    start = threading.Barrier(openers)
    databases = [AppDatabase(database_url) for _ in range(openers)]

    def open_at_once(db: AppDatabase) -> int | None:
        start.wait()
        db.create_all()
        return db.schema_version()

    try:
        with ThreadPoolExecutor(openers) as pool:
            versions = list(pool.map(open_at_once, databases))
    finally:
        for db in databases:
            db.close()
    assert versions == [SCHEMA_VERSION] * openers
    with AppDatabase(database_url) as db, db.session() as session:
        recorded = list(session.scalars(select(SchemaVersionRow.version)))
    assert recorded == list(range(1, SCHEMA_VERSION + 1))


def test_a_database_that_cannot_be_opened_is_unavailable_on_one_line(tmp_path: Path) -> None:
    (tmp_path / "app.db").mkdir()  # a folder where the file should be: sqlite cannot open it
    db = AppDatabase(f"sqlite:///{tmp_path / 'app.db'}")
    with db, pytest.raises(Unavailable, match="cannot be reached or opened: unable to open"):
        db.create_all()


def test_commands_on_an_unreachable_database_stop_with_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "app.db").mkdir()
    monkeypatch.setenv("RETAIN_DATABASE_URL", f"sqlite:///{tmp_path / 'app.db'}")
    for command in (["keys", "list"], ["audit"], ["events", "status"]):
        result = CliRunner().invoke(app, command)
        assert result.exit_code == 2, result.output
        assert result.stderr.startswith("error: the app database sqlite:")
        assert "Traceback" not in result.output
