"""The local backend: a Hugging Face causal LM run by transformers, streamed token by token.

With convert.py, the only module that imports transformers and torch for the LLM. The model
runs in bf16 (half the bytes of fp32 to read per token, and decoding is bound by memory
bandwidth) on CUDA when present, else on the CPU. `generate` runs in a background thread and
hands text to the caller through a TextIteratorStreamer, so the first words show while the
rest is being written. One generation runs at a time per model: a second caller waits.
"""

import os
import threading
import warnings
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import torch
from transformers import (
    AutoModelForCausalLM,
    AutoTokenizer,
    PreTrainedModel,
    StoppingCriteria,
    StoppingCriteriaList,
    TextIteratorStreamer,
)

from assistant.llm.base import Message
from assistant.llm.factory import SpeedOptions
from assistant.llm.stops import cut_at_stops
from commerce.errors import InvalidInput, NotFound, Unavailable
from retrieval.embedder import choose_device

os.environ.setdefault("HF_HUB_OFFLINE", "1")
DEFAULT_MAX_NEW_TOKENS = 512
# Chat templates end a turn with one of these, while a GGUF's config may name only the
# end-of-text token as eos: without them the model runs on into a made-up next turn.
END_OF_TURN = ("<|im_end|>", "<|eot_id|>", "<|end|>", "<end_of_turn>")


def load_transformers(
    folder: Path, *, name: str, device: str = "auto", options: SpeedOptions | None = None
) -> "TransformersChatModel":
    """Load a local Hugging Face model folder (config.json, weights, tokenizer), offline."""
    options = options or SpeedOptions()
    if not (folder / "config.json").is_file():
        raise NotFound(f"{folder} is not a Hugging Face model folder (it has no config.json)")
    where = choose_device(device)
    if options.quantize == "int8" and where != "cpu":
        raise InvalidInput("int8 dynamic quantisation runs on the CPU only: use device=cpu")
    if options.threads > 0:
        torch.set_num_threads(options.threads)
    # Dynamic int8 quantises fp32 linear layers (its kernels take fp32 activations).
    dtype = torch.float32 if options.quantize == "int8" else torch.bfloat16
    try:
        tokenizer = AutoTokenizer.from_pretrained(folder, local_files_only=True)
        model: Any = AutoModelForCausalLM.from_pretrained(
            folder, dtype=dtype, local_files_only=True
        )
    except (OSError, ValueError) as error:
        raise Unavailable(f"could not load the model in {folder}: {error}") from error
    model = model.to(where).eval()
    if options.quantize == "int8":
        model = _quantize_int8(model)
    if options.compile:
        model.forward = torch.compile(model.forward, dynamic=False)
    return TransformersChatModel(model, tokenizer, name=name, device=where, options=options)


def _quantize_int8(model: PreTrainedModel) -> PreTrainedModel:
    with warnings.catch_warnings():
        # torch.ao.quantization is deprecated in favour of torchao, which is not installed
        # here; the dynamic int8 kernels still work and halve the bytes read per token.
        warnings.simplefilter("ignore")
        from torch.ao.quantization import per_channel_dynamic_qconfig, quantize_dynamic

        # One scale per output channel: a per-tensor scale lets one outlier weight flatten
        # the rest of its matrix to a few levels, which small LLMs notice.
        spec = {torch.nn.Linear: per_channel_dynamic_qconfig}
        quantized: PreTrainedModel = quantize_dynamic(  # type: ignore[no-untyped-call]
            model, spec, dtype=torch.qint8
        )
    return quantized


class _Cancelled(StoppingCriteria):
    """Ends generation when the reader stops reading (closed the stream, or disconnected)."""

    def __init__(self, event: threading.Event) -> None:
        self.event = event

    def __call__(self, input_ids: torch.LongTensor, scores: Any, **kwargs: Any) -> torch.Tensor:
        # On the ids' device: generate ORs this into a flag that lives there (a GPU's).
        done = self.event.is_set()
        return torch.full((input_ids.shape[0],), done, dtype=torch.bool, device=input_ids.device)


class TransformersChatModel:
    """A ChatModel over a loaded transformers model and its tokenizer's chat template."""

    def __init__(
        self, model: Any, tokenizer: Any, *, name: str, device: str, options: SpeedOptions
    ) -> None:
        self.model, self.tokenizer = model, tokenizer
        self.name, self.device, self.options = name, device, options
        self._lock = threading.Lock()
        vocab = tokenizer.get_vocab()
        eos = model.generation_config.eos_token_id
        ids = set(eos if isinstance(eos, list) else [eos] if eos is not None else [])
        ids |= {vocab[token] for token in END_OF_TURN if token in vocab}
        if tokenizer.eos_token_id is not None:
            ids.add(tokenizer.eos_token_id)
        self.eos_ids = sorted(ids)

    def stream(self, messages: Sequence[Message], **params: Any) -> Iterator[str]:
        """Stream the reply; params: max_new_tokens, temperature (0 = greedy), stop."""
        inputs = self.tokenizer.apply_chat_template(
            [dict(m) for m in messages],
            add_generation_prompt=True,
            return_tensors="pt",
            return_dict=True,
        ).to(self.device)
        streamer = TextIteratorStreamer(self.tokenizer, skip_prompt=True, skip_special_tokens=True)
        cancelled = threading.Event()
        kwargs = self._generate_kwargs(params) | dict(inputs)
        kwargs["streamer"] = streamer
        kwargs["stopping_criteria"] = StoppingCriteriaList([_Cancelled(cancelled)])
        failure: list[BaseException] = []

        def generate() -> None:
            try:
                with self._lock, torch.inference_mode():
                    self.model.generate(**kwargs)
            except Exception as error:  # handed to the reader below
                failure.append(error)
                streamer.end()  # type: ignore[no-untyped-call]

        worker = threading.Thread(target=generate, name=f"generate-{self.name}", daemon=True)
        worker.start()
        try:
            yield from cut_at_stops(streamer, list(params.get("stop") or []))
        finally:
            cancelled.set()  # a no-op when generation already ended
            worker.join()
        if failure:
            error = failure[0]
            raise Unavailable(f"model {self.name} failed while writing: {error}") from error

    def _generate_kwargs(self, params: dict[str, Any]) -> dict[str, Any]:
        temperature = float(params.get("temperature", 0.0))
        kwargs: dict[str, Any] = {
            "max_new_tokens": int(params.get("max_new_tokens", DEFAULT_MAX_NEW_TOKENS)),
            "eos_token_id": self.eos_ids,
            "pad_token_id": self.tokenizer.pad_token_id or self.eos_ids[0],
            "do_sample": temperature > 0,
        }
        if temperature > 0:
            kwargs |= {"temperature": temperature, "top_p": float(params.get("top_p", 0.95))}
        else:
            # Sampling knobs from the model's generation config would warn under greedy.
            kwargs |= {"temperature": None, "top_p": None, "top_k": None}
        if self.options.static_cache or self.options.compile:
            kwargs["cache_implementation"] = "static"
        return kwargs
