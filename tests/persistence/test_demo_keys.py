"""Demo keys: kept in RETAIN_HOME so each `make run` shows them, remade when unreadable."""

import json
import stat
from pathlib import Path

import pytest

from assistant.persistence import AppDatabase, authenticate
from assistant.persistence.demo_keys import FILE, ensure_demo_keys
from assistant.roles import ROLES


def test_keys_are_kept_and_shown_again(db: AppDatabase, tmp_path: Path) -> None:
    first = ensure_demo_keys(db, tmp_path)
    assert set(first) == set(ROLES)
    assert ensure_demo_keys(db, tmp_path) == first
    path = tmp_path / FILE
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert not list(tmp_path.glob(f".{FILE}*"))  # no partial file left beside it


@pytest.mark.parametrize("written", ['{"operator": "rk_', "[1, 2]", "\udcff"])
def test_an_unreadable_file_gets_new_working_keys(
    db: AppDatabase, tmp_path: Path, written: str
) -> None:
    (tmp_path / FILE).write_text(written, encoding="utf-8", errors="surrogateescape")
    keys = ensure_demo_keys(db, tmp_path)
    assert all(authenticate(db, keys[role]) is not None for role in ROLES)
    assert json.loads((tmp_path / FILE).read_text()) == keys
