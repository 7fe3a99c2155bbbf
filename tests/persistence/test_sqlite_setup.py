"""The switch to WAL on a new SQLite database is tried again while another process holds the
database for its own switch (SQLite can answer "database is locked" at once, busy timeout or
not); any other error is raised at once."""

import sqlite3

import pytest

from assistant.persistence.sqlite_setup import use_wal


class _Cursor:
    """A cursor whose first `locked` executes fail as SQLite does, then succeed."""

    def __init__(self, locked: int, error: str = "database is locked") -> None:
        self.locked, self.error, self.calls = locked, error, 0

    def execute(self, statement: str) -> None:
        assert statement == "PRAGMA journal_mode=WAL"
        self.calls += 1
        if self.calls <= self.locked:
            raise sqlite3.OperationalError(self.error)


def test_a_locked_database_is_tried_again() -> None:
    cursor = _Cursor(locked=3)
    use_wal(cursor)
    assert cursor.calls == 4


def test_another_error_is_raised_at_once() -> None:
    cursor = _Cursor(locked=1, error="disk I/O error")
    with pytest.raises(sqlite3.OperationalError, match="disk I/O error"):
        use_wal(cursor)
    assert cursor.calls == 1
