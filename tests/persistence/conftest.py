"""Database fixtures: every database test runs on SQLite and on a real PostgreSQL server.

The server is started once per test session (tests/persistence/postgres.py) and each test gets
a fresh database on it; where the server cannot start, the PostgreSQL cases skip with the reason.
"""

from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.persistence import AppDatabase
from tests.persistence.postgres import PostgresServer, ServerUnavailable, start_postgres


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    try:
        server = start_postgres()
    except ServerUnavailable as error:
        pytest.skip(f"PostgreSQL server could not start: {error}")
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The URL of an empty app database, once per backend."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'db' / 'app.db'}"
        return
    server: PostgresServer = request.getfixturevalue("postgres_server")
    name = server.create_database()
    yield server.url(name)
    server.drop_database(name)


@pytest.fixture
def db(database_url: str) -> Iterator[AppDatabase]:
    """An app database with its tables, closed after the test."""
    database = AppDatabase(database_url)
    database.create_all()
    yield database
    database.close()
