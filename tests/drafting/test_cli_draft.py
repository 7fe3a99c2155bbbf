"""`retain draft offer|segment` with a scripted model in place of the real one."""

import json
from collections.abc import Sequence
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.cli import draft
from assistant.llm.base import ChatModel, Message
from assistant.settings import Settings
from commerce.errors import NotFound
from tests.drafting.factories import GOOD_EMAIL, segment_facts
from tests.drafting.fake import ScriptedModel
from tests.drafting.store import make_store

runner = CliRunner()


def use_model(monkeypatch: pytest.MonkeyPatch, model: ChatModel) -> None:
    def chat_model(settings: Settings) -> ChatModel:
        return model

    monkeypatch.setattr(draft, "_chat_model", chat_model)


def test_offer_streams_drafts_to_stderr_and_prints_only_the_fallback(
    retain_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_store(retain_home, tmp_path)
    # A long name makes the fallback's thank-you line longer than a terminal's 80 columns.
    monkeypatch.setenv(
        "RETAIN_STORE_NAME", "The Happy Brewing and Fine Coffee Roasting Co. of Portland"
    )
    use_model(monkeypatch, ScriptedModel("Subject: 90% off everything, Ada!"))
    result = runner.invoke(draft.app, ["offer", "c1", "--discount", "15"])
    assert result.exit_code == 0, result.output
    assert "Subject: 90% off everything, Ada!" in result.stderr  # streamed as it came
    assert "rejected:" in result.stderr and "sent by: fallback" in result.stderr
    # `retain draft offer c1 > offer.txt` keeps the template alone, its lines as written.
    text = _json_text(["offer", "c1", "--discount", "15"])
    assert max(len(line) for line in text.splitlines()) > 80  # a line a terminal would wrap
    assert result.stdout == text + "\n"


def test_a_retry_that_passes_is_all_stdout_holds(
    retain_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_store(retain_home, tmp_path)
    use_model(monkeypatch, ScriptedModel("Subject: 90% off everything, Ada!", _good_offer))
    result = runner.invoke(draft.app, ["offer", "c1", "--discount", "15"])
    assert result.exit_code == 0, result.output
    assert "sent by: retry" in result.stderr and "90% off" in result.stderr
    # The model's next answer is the good one again, now on the first pass.
    assert result.stdout == _json_text(["offer", "c1", "--discount", "15"]) + "\n"


def _json_text(args: list[str]) -> str:
    result = runner.invoke(draft.app, [*args, "--json"])
    assert result.exit_code == 0, result.output
    return str(json.loads(result.stdout)["text"])


def _good_offer(messages: Sequence[Message]) -> str:
    email = GOOD_EMAIL.replace("$23.50", "$13.50").replace("May 1, 2026", "{expires}")
    return email.format(expires=_expiry(messages[-1]["content"]))


def test_offer_json(retain_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    make_store(retain_home, tmp_path)
    use_model(monkeypatch, ScriptedModel(_good_offer))
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


def test_a_segment_fallback_shows_no_theme_sentence_as_the_template_on_stderr(
    retain_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_store(retain_home, tmp_path)
    facts = segment_facts(themes=("tea · time · order",))
    monkeypatch.setattr(draft, "gather_segment_facts", lambda workspace, name: facts)
    invented = "Lapsing coffee lovers are 1,234 customers. Some say their tea is too hot."
    use_model(monkeypatch, ScriptedModel(invented))
    result = runner.invoke(draft.app, ["segment", "Lapsing coffee lovers"])
    assert result.exit_code == 0, result.output
    sentence = facts.theme_sentence()
    assert sentence is not None and "sent by: fallback" in result.stderr
    # stdout holds the template and the theme sentence; stderr streamed neither.
    assert result.stdout.rstrip("\n").endswith("\n" + sentence)
    assert sentence not in result.stderr and "fallback (template) ──" not in result.stderr
