"""Caching a GGUF as bf16 safetensors, so later loads take seconds instead of a minute.

One of the two modules (with transformers_backend.py) that import transformers and torch.
"""

import os
import shutil
import warnings
from pathlib import Path

from commerce.errors import Unavailable

# Nothing here may reach for a model hub: these machines see only the package registries.
os.environ.setdefault("HF_HUB_OFFLINE", "1")


def cache_as_safetensors(gguf: Path, target: Path) -> Path:
    """Load `gguf` with transformers (dequantised to bf16) and save model and tokenizer to
    `target`, written to a sibling folder first so an interrupted run leaves no half cache."""
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    partial = target.with_name(target.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    try:
        with warnings.catch_warnings():
            # transformers advises float32 for packed GGUF kernels; we dequantise and save
            # bf16 on purpose (half the bytes to read per token, and bf16 decodes faster).
            warnings.simplefilter("ignore")
            tokenizer = AutoTokenizer.from_pretrained(
                gguf.parent, gguf_file=gguf.name, local_files_only=True
            )
            model = AutoModelForCausalLM.from_pretrained(
                gguf.parent, gguf_file=gguf.name, dtype=torch.bfloat16, local_files_only=True
            )
    except (OSError, ValueError) as error:
        raise Unavailable(f"could not load {gguf}: {error}") from error
    # save_pretrained refuses a "gguf-quantized" model, yet its weights are plain dense
    # tensors by now: forget the quantizer and the config entry that name it.
    model.hf_quantizer = None  # type: ignore[assignment]
    if hasattr(model.config, "quantization_config"):
        del model.config.quantization_config
    model.save_pretrained(partial)
    tokenizer.save_pretrained(partial)
    shutil.rmtree(target, ignore_errors=True)
    partial.replace(target)
    return target
