"""The alert board each alerts page test starts from (tests/e2e/stub_alerts.py's seed)."""

from collections.abc import Iterator

import pytest

from tests.e2e.alerts.board import Board


@pytest.fixture
def board(stub_url: str) -> Iterator[Board]:
    """The stub's alerts as seeded: alert 1 acknowledged, 2 (segment), 3 (review), 4 open."""
    controls = Board(stub_url)
    controls.post("/reset")
    yield controls
