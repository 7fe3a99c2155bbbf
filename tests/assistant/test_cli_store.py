"""The CLI as a person or a script uses it: exit codes, messages, JSON."""

import json
import threading
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.cli import app, console
from assistant.cli import store as store_cli
from commerce.datasets import cdnow_master_path
from commerce.workspace import Workspace
from tests.factories import make_orders, write_csv

runner = CliRunner()


def test_ingest_cdnow_json(retain_home: Path) -> None:
    result = runner.invoke(
        app,
        [
            "ingest",
            "--orders",
            str(cdnow_master_path()),
            "--map",
            "orders.ts=date",
            "--map",
            "orders.amount=dollar_value",
            "--json",
        ],
    )
    assert result.exit_code == 0, result.output
    manifest = json.loads(result.stdout)
    assert manifest["customers"] == 23_570
    assert manifest["tables"]["orders"]["rows"] == 69_659
    status = json.loads(runner.invoke(app, ["status", "--json"]).stdout)
    assert status["store"]["store_version"] == manifest["store_version"]


def test_ingest_error_exits_2_with_the_message(retain_home: Path, tmp_path: Path) -> None:
    frame = make_orders().astype({"amount": object})
    frame.loc[0, "amount"] = "abc"
    result = runner.invoke(app, ["ingest", "--orders", str(write_csv(frame, tmp_path / "o.csv"))])
    assert result.exit_code == 2
    assert "o.csv line 2, column amount: 'abc' is not a number" in result.stderr


def test_status_without_store(retain_home: Path) -> None:
    result = runner.invoke(app, ["status"])
    assert result.exit_code == 0
    assert "No store yet" in result.stdout


def test_every_command_has_help() -> None:
    for command in (
        ["--help"],
        ["ingest", "--help"],
        ["status", "--help"],
        ["demo", "build", "--help"],
    ):
        result = runner.invoke(app, command)
        assert result.exit_code == 0, command
        assert "Usage" in result.stdout


def test_ingest_waits_for_the_workspace_lock_and_says_so(
    retain_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A command that changes the store waits while another process (the events worker)
    holds the workspace's write lock, says so, and goes on once it is released."""
    orders = write_csv(make_orders(), tmp_path / "orders.csv")
    held, waiting = threading.Event(), threading.Event()
    released_at: list[float] = []

    def worker() -> None:  # stands in for the events worker of a running server
        with Workspace(retain_home).lock():
            held.set()
            waiting.wait(30)  # the command is waiting now
            released_at.append(time.monotonic())

    def say_waiting() -> None:
        console.say_waiting()
        waiting.set()

    monkeypatch.setattr(store_cli, "say_waiting", say_waiting)
    thread = threading.Thread(target=worker)
    thread.start()
    held.wait(30)
    result = runner.invoke(app, ["ingest", "--orders", str(orders), "--json"])
    finished_at = time.monotonic()
    thread.join(30)
    assert result.exit_code == 0, result.output
    assert "waiting for it to finish" in result.stderr
    assert released_at and released_at[0] <= finished_at
    assert Workspace(retain_home).has_store()


def test_a_second_ingest_says_which_store_it_replaces(retain_home: Path, tmp_path: Path) -> None:
    all_orders = make_orders(n=60, customers=12)
    first = runner.invoke(app, ["ingest", "--orders", str(write_csv(all_orders, tmp_path / "a"))])
    assert first.exit_code == 0, first.output
    assert "replaces" not in first.stdout  # nothing was there to replace
    previous = Workspace(retain_home).store()
    last = write_csv(all_orders.tail(20), tmp_path / "last.csv")
    result = runner.invoke(app, ["ingest", "--orders", str(last)])
    assert result.exit_code == 0, result.output
    text = " ".join(result.stdout.split())
    customers = f"{previous.manifest.customers:,} customers"
    assert f"This replaces the store {previous.version} (60 orders, {customers})" in text
    assert text.index("This replaces") < text.index("Store ")  # before the new store's summary
    assert "no command switches back to it" in text and previous.path.is_dir()
    assert "To go back, ingest its files again (with the same --map options" in text
    assert "): retain ingest --orders " in text
    again = runner.invoke(app, ["ingest", "--orders", str(last), "--json"])
    assert json.loads(again.stdout)["replaced"] is None  # the same content replaces nothing
