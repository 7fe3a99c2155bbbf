"""`retain keys create|list|revoke` and `retain audit`, as a person or a script uses them.

The commands are registered in assistant/cli/main.py; until then they are driven through their
own sub-app and a one-command app, which is what main.py mounts.
"""

import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from assistant.cli import keys
from assistant.persistence import AppDatabase, authenticate, record
from assistant.persistence.audit import audit_row
from assistant.persistence.keys import Principal

runner = CliRunner()
audit_app = typer.Typer()
audit_app.command("audit")(keys.audit_command)
audit_app.command("unused")(lambda: None)  # two commands, so "audit" stays a subcommand


@pytest.fixture(autouse=True)
def use_database(database_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("RETAIN_DATABASE_URL", database_url)
    return database_url


def _json(args: list[str]) -> object:
    result = runner.invoke(keys.app, [*args, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_create_prints_the_key_once_and_it_works(database_url: str) -> None:
    result = runner.invoke(keys.app, ["create", "--role", "support", "--name", "desk"])
    assert result.exit_code == 0, result.output
    token = result.stdout.strip()
    assert token.startswith("rk_") and "\n" not in token  # the key alone, for $(...)
    assert "will not be shown again" in result.stderr
    with AppDatabase(database_url) as db:
        assert authenticate(db, token) == Principal(key_id=1, name="desk", role="support")
    listed = runner.invoke(keys.app, ["list"])
    assert token[:11] in listed.stdout and token not in listed.stdout


def test_create_json_and_list_json(database_url: str) -> None:
    created = _json(["create", "--role", "marketer", "--name", "mia"])
    assert isinstance(created, dict)
    assert created["role"] == "marketer" and "will not be shown again" in created["note"]
    listed = _json(["list"])
    assert isinstance(listed, list) and len(listed) == 1
    assert listed[0]["prefix"] == created["key"][:11] and "key" not in listed[0]
    assert created["key"] not in json.dumps(listed)


def test_revoke_by_prefix_then_list_shows_it(database_url: str) -> None:
    created = _json(["create", "--role", "operator", "--name", "ops"])
    assert isinstance(created, dict)
    result = runner.invoke(keys.app, ["revoke", created["prefix"]])
    assert result.exit_code == 0, result.output
    assert f"Revoked key {created['id']}" in result.stdout
    listed = _json(["list"])
    assert isinstance(listed, list) and listed[0]["active"] is False
    assert "revoked" in runner.invoke(keys.app, ["list"]).stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["revoke", "rk_nothere"], "no API key 'rk_nothere'"),
        (["create", "--role", "root", "--name", "x"], "expected one of operator, marketer"),
        (["create", "--role", "admin", "--name", " "], "key name is empty"),
    ],
)
def test_mistakes_exit_2_with_the_message(args: list[str], message: str) -> None:
    result = runner.invoke(keys.app, args)
    assert result.exit_code == 2
    assert message in result.stderr


def test_audit_shows_the_latest_calls(database_url: str) -> None:
    assert "No tool calls logged yet" in runner.invoke(audit_app, ["audit"]).stdout
    created = _json(["create", "--role", "operator", "--name", "ops"])
    assert isinstance(created, dict)
    ops = Principal(key_id=created["id"], name="ops", role="operator")
    with AppDatabase(database_url) as db:
        record(db, audit_row(ops, "at_risk_customers", {"limit": 5}, 5, "ok"))
        record(db, audit_row(ops, "forecast_demand", {"horizon_days": 90}, 1, "ok"))
    result = runner.invoke(audit_app, ["audit", "--limit", "1", "--json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [(r["tool"], r["key_name"], r["rows"]) for r in rows] == [("forecast_demand", "ops", 1)]
    table = runner.invoke(audit_app, ["audit"]).stdout
    assert "at_risk_customers" in table and "forecast_demand" in table


def test_empty_list_says_how_to_start(retain_home: Path) -> None:
    assert "retain keys create" in runner.invoke(keys.app, ["list"]).stdout


def test_a_bracketed_name_is_created_shown_and_listed_as_it_is(database_url: str) -> None:
    wide = {"COLUMNS": "300"}  # so no table cell wraps the name
    for name in ("ops [/] team", "[red]eve"):
        result = runner.invoke(keys.app, ["create", "--role", "admin", "--name", name], env=wide)
        assert result.exit_code == 0, result.output
        assert result.stdout.strip().startswith("rk_")  # the key is printed, not lost
        assert f"[bold]{name}" not in result.stderr and f" {name} (admin)" in result.stderr
    listed = runner.invoke(keys.app, ["list"], env=wide)
    assert listed.exit_code == 0, listed.output
    assert "ops [/] team" in listed.stdout and "[red]eve" in listed.stdout
    revoked = runner.invoke(keys.app, ["revoke", "1"], env=wide)
    assert revoked.exit_code == 0 and "ops [/] team" in revoked.stdout


def test_an_error_naming_a_closing_tag_is_the_one_line_error() -> None:
    result = runner.invoke(keys.app, ["revoke", "[/]"])
    assert result.exit_code == 2, result.output
    assert "no API key '[/]'" in result.stderr


def test_audit_shows_bracketed_arguments_as_they_are(database_url: str) -> None:
    created = _json(["create", "--role", "support", "--name", "ana"])
    assert isinstance(created, dict)
    ana = Principal(key_id=created["id"], name="ana", role="support")
    with AppDatabase(database_url) as db:
        record(db, audit_row(ana, "search_reviews", {"q": "refund [/] please"}, 3, "ok"))
        record(db, audit_row(ana, "search_reviews", {"q": "[red]eve"}, 0, "ok"))
    result = runner.invoke(audit_app, ["audit"], env={"COLUMNS": "300"})
    assert result.exit_code == 0, result.output
    assert '"refund [/] please"' in result.stdout and '"[red]eve"' in result.stdout


def test_audit_of_one_key_says_whose_log_is_empty(database_url: str) -> None:
    created = _json(["create", "--role", "support", "--name", "ana"])
    busy = _json(["create", "--role", "admin", "--name", "bo"])
    assert isinstance(created, dict) and isinstance(busy, dict)
    other = Principal(key_id=busy["id"], name="bo", role="admin")
    with AppDatabase(database_url) as db:
        record(db, audit_row(other, "forecast_demand", {}, 1, "ok"))
    quiet = runner.invoke(audit_app, ["audit", "--key", str(created["id"])])
    assert quiet.exit_code == 0, quiet.output
    assert f"No tool calls logged for key {created['id']} (ana)" in quiet.stdout
    unknown = runner.invoke(audit_app, ["audit", "--key", "99999"])
    assert unknown.exit_code == 2
    assert "no API key with id 99999" in unknown.stderr
