"""The transformers backend on each device this machine has, with a tiny model made here.

The model's final norm is zeroed, so every logit is 0 and greedy decoding always picks token 0
("hello"): its replies are known without a real pack. On a GPU machine this is the test that
runs generation on CUDA (bench/gpu.sh); elsewhere the CUDA case is skipped.
"""

from collections.abc import Generator
from pathlib import Path

import pytest
import torch
from tokenizers import Tokenizer, models, pre_tokenizers
from transformers import LlamaConfig, LlamaForCausalLM, PreTrainedTokenizerFast

from assistant.llm.base import ChatModel, Message, complete
from assistant.llm.transformers_backend import load_transformers

WORDS = ["hello", "<unk>", "<|im_start|>", "<|im_end|>", "system", "user", "assistant", "hi"]
TEMPLATE = (
    "{% for m in messages %}<|im_start|> {{ m['role'] }} {{ m['content'] }} <|im_end|> "
    "{% endfor %}{% if add_generation_prompt %}<|im_start|> assistant {% endif %}"
)
HI: list[Message] = [{"role": "user", "content": "hi"}]
DEVICES = [
    "cpu",
    pytest.param(
        "cuda",
        marks=pytest.mark.skipif(not torch.cuda.is_available(), reason="needs a CUDA GPU"),
    ),
]


@pytest.fixture(scope="module")
def tiny_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("tiny-llama")
    vocab = {word: i for i, word in enumerate(WORDS)}
    words = Tokenizer(models.WordLevel(vocab, unk_token="<unk>"))
    words.pre_tokenizer = pre_tokenizers.WhitespaceSplit()
    tokenizer = PreTrainedTokenizerFast(  # type: ignore[no-untyped-call]
        tokenizer_object=words, unk_token="<unk>", eos_token="<|im_end|>", pad_token="<|im_end|>"
    )
    tokenizer.chat_template = TEMPLATE
    tokenizer.save_pretrained(folder)
    torch.manual_seed(0)
    config = LlamaConfig(
        vocab_size=len(WORDS),
        hidden_size=32,
        intermediate_size=64,
        num_hidden_layers=2,
        num_attention_heads=4,
        num_key_value_heads=2,
        max_position_embeddings=64,
        eos_token_id=vocab["<|im_end|>"],
        pad_token_id=vocab["<|im_end|>"],
        bos_token_id=None,
    )
    model = LlamaForCausalLM(config)
    with torch.no_grad():
        model.model.norm.weight.zero_()  # every logit 0: greedy picks token 0
    model.save_pretrained(folder)
    return folder


@pytest.fixture(scope="module", params=DEVICES)
def tiny(request: pytest.FixtureRequest, tiny_folder: Path) -> ChatModel:
    return load_transformers(tiny_folder, name="tiny", device=request.param)


def test_generates_on_the_device(tiny: ChatModel) -> None:
    assert complete(tiny, HI, max_new_tokens=3).split() == ["hello"] * 3


def test_closing_the_stream_stops_generation_on_the_device(tiny: ChatModel) -> None:
    stream = tiny.stream(HI, max_new_tokens=50)
    assert isinstance(stream, Generator)
    next(stream)
    stream.close()  # joins the worker: the stopping criterion ran on the ids' device
    assert complete(tiny, HI, max_new_tokens=1).strip() == "hello"
