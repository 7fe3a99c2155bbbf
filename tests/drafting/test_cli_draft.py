"""`retain draft offer|segment` with a scripted model in place of the real one."""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.cli import draft
from assistant.settings import Settings
from commerce.errors import NotFound
from tests.drafting.factories import GOOD_EMAIL
from tests.drafting.fake import ScriptedModel
from tests.drafting.store import make_store

runner = CliRunner()


def use_model(monkeypatch: pytest.MonkeyPatch, model: ScriptedModel) -> None:
    def chat_model(settings: Settings) -> ScriptedModel:
        return model

    monkeypatch.setattr(draft, "_chat_model", chat_model)


def test_offer_streams_then_shows_the_fallback(
    retain_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_store(retain_home, tmp_path)
    use_model(monkeypatch, ScriptedModel("Subject: 90% off everything, Ada!"))
    result = runner.invoke(draft.app, ["offer", "c1", "--discount", "15"])
    assert result.exit_code == 0, result.output
    assert "Subject: 90% off everything, Ada!" in result.stdout  # streamed as it came
    assert result.stdout.rstrip().endswith("Thank you for shopping with us.\nThe team")
    assert "rejected:" in result.stderr and "sent by: fallback" in result.stderr


def test_offer_json(retain_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    make_store(retain_home, tmp_path)
    email = GOOD_EMAIL.replace("$23.50", "$13.50").replace("May 1, 2026", "{expires}")
    model = ScriptedModel(lambda m: email.format(expires=_expiry(m[-1]["content"])))
    use_model(monkeypatch, model)
    result = runner.invoke(draft.app, ["offer", "c1", "--discount", "15", "--json"])
    assert result.exit_code == 0, result.output
    body = json.loads(result.stdout)
    assert body["path"] == "first_pass", body["violations"]
    assert body["facts"]["customer_name"] == "Ada" and body["violations"] == []


def _expiry(prompt: str) -> str:
    line = next(x for x in prompt.splitlines() if x.startswith("offer_expires:"))
    return str(json.loads(line.split(": ", 1)[1]))


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["offer", "c1", "--discount", "50"], "above the policy maximum of 20%"),
        (["offer", "nobody"], "has no orders"),
        (["offer", "c1", "--channel", "fax"], "unknown channel"),
        (["segment", "No Such Group"], "no segment 'No Such Group'"),
    ],
)
def test_errors_exit_2_with_a_message(
    retain_home: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    args: list[str],
    message: str,
) -> None:
    make_store(retain_home, tmp_path)
    use_model(monkeypatch, ScriptedModel(GOOD_EMAIL))
    result = runner.invoke(draft.app, args)
    assert result.exit_code == 2 and message in result.stderr, result.output


def test_chat_model_comes_from_the_llm_settings(
    retain_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import assistant.llm.factory

    # Nothing installed in the temp workspace: the error names the pack to install.
    with pytest.raises(NotFound, match="not installed"):
        draft._chat_model(Settings())
    fake = ScriptedModel("hi")
    seen: list[Path] = []

    def load(config: object, home: Path) -> ScriptedModel:
        seen.append(home)
        return fake

    monkeypatch.setattr(assistant.llm.factory, "load_from_config", load)
    assert draft._chat_model(Settings()) is fake and seen == [retain_home]
