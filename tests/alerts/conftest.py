"""Alert fixtures: the app database on SQLite and PostgreSQL (the persistence tests' fixtures),
and principals of each role."""

from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.persistence import AppDatabase, Principal
from assistant.roles import ROLES, Role
from tests.persistence.conftest import database_url, db, postgres_server

__all__ = ["database_url", "db", "postgres_server"]


@pytest.fixture
def sqlite_db(tmp_path: Path) -> Iterator[AppDatabase]:
    """An app database on SQLite only (the service, webhook and API tests)."""
    database = AppDatabase(f"sqlite:///{tmp_path / 'app.db'}")
    database.create_all()
    yield database
    database.close()


@pytest.fixture
def people() -> dict[Role, Principal]:
    return {
        role: Principal(key_id=i + 1, name=f"ana-{role}", role=role) for i, role in enumerate(ROLES)
    }
