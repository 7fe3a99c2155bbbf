"""Choosing and loading the chat model that settings name: a pack, a local folder, or a URL.

The transformers backend is imported only when it is chosen, so a deployment that talks to
a vLLM server never loads torch for the LLM.
"""

from dataclasses import dataclass
from pathlib import Path
from typing import Literal, get_args

from assistant.llm.base import ChatModel
from assistant.llm.packs import DEFAULT_PACK, get_pack, is_cached, pack_paths
from assistant.settings import Settings
from commerce.errors import InvalidInput, NotFound

Backend = Literal["transformers", "openai"]


@dataclass(frozen=True)
class SpeedOptions:
    """Ways to decode faster on a CPU (transformers backend); bench/llm.py measures each."""

    quantize: Literal["none", "int8"] = "none"  # int8: dynamic int8 linear layers (CPU only)
    threads: int = 0  # torch intra-op threads; 0 leaves torch's default (one per core)
    static_cache: bool = False  # a preallocated KV cache (what torch.compile needs)
    compile: bool = False  # torch.compile the forward pass (minutes on the first call)


@dataclass(frozen=True)
class LLMConfig:
    """What `load_chat_model` needs, read from the RETAIN_LLM_* settings by `from_settings`."""

    backend: Backend = "transformers"
    pack: str = DEFAULT_PACK
    folder: Path | None = None  # a local Hugging Face model folder; wins over `pack`
    url: str = ""  # an OpenAI-compatible server (backend "openai")
    served_model: str = ""  # the model name the server knows; empty: the first it lists
    api_key: str = ""
    timeout_s: float = 60.0
    device: str = "auto"
    quantize: Literal["none", "int8"] = "none"
    threads: int = 0
    static_cache: bool = False
    compile: bool = False

    @property
    def speed(self) -> SpeedOptions:
        return SpeedOptions(self.quantize, self.threads, self.static_cache, self.compile)

    @classmethod
    def from_settings(cls, settings: Settings) -> "LLMConfig":
        """Read the RETAIN_LLM_* settings and RETAIN_DEVICE."""
        return cls(
            backend=settings.llm_backend,
            pack=settings.llm_pack,
            folder=settings.llm_folder,
            url=settings.llm_url,
            served_model=settings.llm_served_model,
            api_key=settings.llm_api_key.get_secret_value(),  # unwrapped only here, at the edge
            timeout_s=settings.llm_timeout_s,
            device=settings.device,
            quantize=settings.llm_quantize,
            threads=settings.llm_threads,
            static_cache=settings.llm_static_cache,
            compile=settings.llm_compile,
        )


def load_chat_model(
    backend: str,
    *,
    home: Path,
    pack: str = DEFAULT_PACK,
    folder: Path | None = None,
    url: str = "",
    served_model: str = "",
    api_key: str = "",
    timeout_s: float = 60.0,
    device: str = "auto",
    speed: SpeedOptions | None = None,
) -> ChatModel:
    """The chat model to use. backend "transformers": `folder` if given, else the installed
    `pack` from `home/llm/`; backend "openai": the server at `url`."""
    if backend == "openai":
        if not url:
            raise InvalidInput("the openai backend needs a server URL (RETAIN_LLM_URL)")
        from assistant.llm.openai_http import OpenAIChatModel

        return OpenAIChatModel(url, model=served_model, api_key=api_key, timeout_s=timeout_s)
    if backend != "transformers":
        choices = ", ".join(get_args(Backend))
        raise InvalidInput(f"unknown LLM backend {backend!r}: choose one of {choices}")
    from assistant.llm.transformers_backend import load_transformers

    if folder is not None:
        return load_transformers(folder, name=folder.name, device=device, options=speed)
    chosen = get_pack(pack)
    if not is_cached(home, chosen):
        raise NotFound(f"model pack {pack} is not installed: run `retain llm install {pack}`")
    model_dir = pack_paths(home, chosen).model_dir
    return load_transformers(model_dir, name=pack, device=device, options=speed)


def load_from_config(config: LLMConfig, home: Path) -> ChatModel:
    """`load_chat_model` with every argument taken from `config`."""
    return load_chat_model(
        config.backend,
        home=home,
        pack=config.pack,
        folder=config.folder,
        url=config.url,
        served_model=config.served_model,
        api_key=config.api_key,
        timeout_s=config.timeout_s,
        device=config.device,
        speed=config.speed,
    )
