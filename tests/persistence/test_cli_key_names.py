"""A key name ending in a backslash is printed as it is by `retain keys list|revoke|create`."""

import pytest
from typer.testing import CliRunner

from assistant.cli import keys

runner = CliRunner()
WIDE = {"COLUMNS": "300"}  # so no table cell wraps the name


@pytest.fixture(autouse=True)
def use_database(database_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("RETAIN_DATABASE_URL", database_url)
    return database_url


def test_a_name_ending_in_a_backslash_prints_once(database_url: str) -> None:
    created = runner.invoke(keys.app, ["create", "--role", "support", "--name", "abc\\"], env=WIDE)
    assert created.exit_code == 0, created.output
    assert "abc\\ (support)" in created.stderr and "abc\\\\" not in created.stderr
    listed = runner.invoke(keys.app, ["list"], env=WIDE)
    assert listed.exit_code == 0, listed.output
    assert " abc\\ " in listed.stdout and "abc\\\\" not in listed.stdout
    revoked = runner.invoke(keys.app, ["revoke", "1"], env=WIDE)
    assert revoked.exit_code == 0, revoked.output
    assert "abc\\, support" in revoked.stdout and "abc\\\\" not in revoked.stdout
