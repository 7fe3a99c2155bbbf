"""`retain draft` has the chat's draft limit (RETAIN_DRAFT_TIMEOUT_S, or --timeout-s): past it
the model is stopped at its next piece and the command fails naming the limit, with no
traceback and nothing on stdout (the standard text is not the draft that was asked for)."""

from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.cli import draft
from tests.alerts.waiting import LIMIT_S
from tests.api.test_llm_time_limit import SlowModel
from tests.drafting.store import make_store
from tests.drafting.test_cli_draft import use_model

runner = CliRunner()


@pytest.mark.parametrize(
    ("setting", "flag", "named"),
    [("3", [], "RETAIN_DRAFT_TIMEOUT_S"), ("600", ["--timeout-s", "3"], "--timeout-s")],
)
def test_a_draft_past_its_time_fails_naming_the_limit_and_stops_the_model(
    retain_home: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    setting: str,
    flag: list[str],
    named: str,
) -> None:
    make_store(retain_home, tmp_path)
    monkeypatch.setenv("RETAIN_DRAFT_TIMEOUT_S", setting)
    # Reads the prompt until let go (10 s at most), then writes 200 pieces: without the limit
    # the command printed the standard text once they were all written.
    model = SlowModel(pieces=200, hold=True)
    use_model(monkeypatch, model)
    result = runner.invoke(draft.app, ["offer", "c1", "--discount", "15", *flag])
    assert result.exit_code == 2, result.output
    assert isinstance(result.exception, SystemExit)  # an exit, no traceback
    assert f"the draft took longer than 3 s, its limit ({named})" in result.stderr
    assert result.stdout == ""
    model.release.set()
    # Closed at its next piece, not left writing on.
    assert model.closed.wait(LIMIT_S) and 0 < model.written < model.pieces


def test_a_limit_of_no_time_is_refused(
    retain_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_store(retain_home, tmp_path)
    model = SlowModel(pieces=2)
    use_model(monkeypatch, model)
    result = runner.invoke(draft.app, ["offer", "c1", "--timeout-s", "0"])
    assert result.exit_code == 2 and "--timeout-s 0: a draft needs more than 0 s" in result.stderr
    assert not model.started.is_set()
