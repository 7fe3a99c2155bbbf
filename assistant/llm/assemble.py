"""Assembling a pack's GGUF from its part packages, and checking it is the file we expect.

The part packages are data-only modules with a `get_part_path()` function that names their
slice of the file; concatenating the slices in order gives the GGUF. The size and sha256 are
checked on the way (one pass over the bytes), and the file is moved into place only when both
match, so a half-written or tampered file is never loaded.
"""

import hashlib
import importlib
from collections.abc import Callable
from pathlib import Path

from assistant.llm.packs import Pack
from commerce.errors import Unavailable

CHUNK = 16 * 1024 * 1024
Progress = Callable[[str], None]


def part_paths(pack: Pack) -> list[Path]:
    """The files of the pack's parts, in order; Unavailable names the first missing package."""
    paths = []
    for module_name in pack.part_modules():
        try:
            module = importlib.import_module(module_name)
        except ImportError:
            raise Unavailable(
                f"model pack {pack.name}: part package {module_name} is not installed "
                f"(run `retain llm install {pack.name}`)"
            ) from None
        path = Path(module.get_part_path())
        if not path.is_file():
            raise Unavailable(f"model pack {pack.name}: {path} is missing; reinstall the pack")
        paths.append(path)
    return paths


def assemble(pack: Pack, sources: list[Path], target: Path, progress: Progress) -> Path:
    """Concatenate `sources` into `target`, checking size and sha256 before it is moved in."""
    total = sum(path.stat().st_size for path in sources)
    if total != pack.size:
        raise Unavailable(
            f"model pack {pack.name}: the parts hold {total:,} bytes, expected {pack.size:,}; "
            "reinstall with --force"
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".partial")
    digest = hashlib.sha256()
    done = 0
    with partial.open("wb") as out:
        for path in sources:
            with path.open("rb") as part:
                while chunk := part.read(CHUNK):
                    out.write(chunk)
                    digest.update(chunk)
                    done += len(chunk)
                    progress(f"assembling {pack.gguf_name}: {done * 100 // total}%")
    _check_digest(pack, digest.hexdigest(), partial)
    partial.replace(target)
    return target


def verify(pack: Pack, path: Path, progress: Progress) -> Path:
    """Check a GGUF that ships whole has the pinned size and sha256."""
    size = path.stat().st_size
    if size != pack.size:
        raise Unavailable(
            f"model pack {pack.name}: {path} has {size:,} bytes, expected {pack.size:,}"
        )
    progress(f"checking {pack.gguf_name}")
    digest = hashlib.sha256()
    with path.open("rb") as file:
        while chunk := file.read(CHUNK):
            digest.update(chunk)
    _check_digest(pack, digest.hexdigest(), None)
    return path


def _check_digest(pack: Pack, actual: str, partial: Path | None) -> None:
    if actual == pack.sha256:
        return
    if partial is not None:
        partial.unlink(missing_ok=True)
    raise Unavailable(
        f"model pack {pack.name}: sha256 {actual} does not match the pinned {pack.sha256}; "
        "the packages were changed or corrupted: reinstall with --force"
    )
