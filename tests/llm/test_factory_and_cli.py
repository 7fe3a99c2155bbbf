"""Choosing a backend from settings, and the `retain llm` commands (with fakes, no model)."""

import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from assistant.cli import llm as cli
from assistant.llm.factory import LLMConfig, SpeedOptions, load_chat_model, load_from_config
from assistant.llm.fake import ScriptedChatModel
from assistant.llm.install import InstallResult
from assistant.llm.openai_http import OpenAIChatModel
from assistant.settings import Settings
from commerce.errors import InvalidInput, NotFound

runner = CliRunner()


def test_openai_backend_needs_a_url_and_builds_without_torch(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="URL"):
        load_chat_model("openai", home=tmp_path)
    model = load_chat_model("openai", home=tmp_path, url="http://h:1", served_model="q")
    assert isinstance(model, OpenAIChatModel) and model.base == "http://h:1/v1"


def test_unknown_backend_and_missing_models_are_named(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="transformers, openai"):
        load_chat_model("llamafile", home=tmp_path)
    with pytest.raises(NotFound, match="retain llm install qwen-0"):
        load_chat_model("transformers", home=tmp_path, pack="qwen-0.5b")
    with pytest.raises(NotFound, match=r"config\.json"):
        load_chat_model("transformers", home=tmp_path, folder=tmp_path)


def test_config_reads_llm_settings_and_keeps_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RETAIN_LLM_BACKEND", "openai")
    monkeypatch.setenv("RETAIN_LLM_URL", "http://v:8000")
    monkeypatch.setenv("RETAIN_DEVICE", "cpu")
    config = LLMConfig.from_settings(Settings())
    assert (config.backend, config.url, config.device, config.pack) == (
        "openai", "http://v:8000", "cpu", "qwen-1.5b",
    )  # fmt: skip
    assert isinstance(load_from_config(config, Path(".")), OpenAIChatModel)
    assert LLMConfig().speed == SpeedOptions()


def app() -> typer.Typer:
    return cli.app


def test_list_shows_every_pack_not_installed() -> None:
    result = runner.invoke(app(), ["list", "--json"])
    assert result.exit_code == 0
    rows = json.loads(result.stdout)
    assert [r["pack"] for r in rows] == ["qwen-1.5b", "qwen-0.5b", "smollm2-135m"]
    assert not any(r["cached"] for r in rows) and rows[0]["default"]


def test_install_reports_and_refuses_unknown_packs(
    monkeypatch: pytest.MonkeyPatch, retain_home: Path
) -> None:
    seen = []

    def fake_install(pack: object, home: Path, *, force: bool, progress: object) -> InstallResult:
        seen.append((pack, home, force))
        return InstallResult("qwen-0.5b", home / "llm", ["cached"])

    monkeypatch.setattr(cli, "install_pack", fake_install)
    result = runner.invoke(app(), ["install", "qwen-0.5b", "--force", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["steps_done"] == ["cached"]
    assert seen[0][1] == retain_home and seen[0][2] is True
    bad = runner.invoke(app(), ["install", "nope"])
    assert bad.exit_code == 2 and "unknown model pack" in bad.output


def test_chat_streams_the_answer(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = ScriptedChatModel(["Hi Ana, welcome back."])
    configs: list[LLMConfig] = []

    def make(config: LLMConfig, home: Path) -> ScriptedChatModel:
        configs.append(config)
        return fake

    monkeypatch.setattr(cli, "make_chat_model", make)
    args = ["chat", "greet Ana", "--system", "be kind", "--pack", "qwen-0.5b"]
    result = runner.invoke(app(), args)
    assert result.exit_code == 0, result.output
    assert result.stdout == "Hi Ana, welcome back.\n"
    assert configs[0].pack == "qwen-0.5b"
    assert [m["role"] for m in fake.sent[0][0]] == ["system", "user"]
