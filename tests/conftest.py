"""Every test gets its own workspace: RETAIN_HOME points into a temp folder."""

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def retain_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "retain-home"
    monkeypatch.setenv("RETAIN_HOME", str(home))
    return home
