"""The real loading path, end to end, on the small test pack (slow-ish: a real model)."""

from collections.abc import Generator
from pathlib import Path

from assistant.llm.base import ChatModel, Message, complete
from assistant.llm.factory import SpeedOptions, load_chat_model
from assistant.llm.install import install_pack
from assistant.llm.packs import get_pack

HELLO: list[Message] = [
    {"role": "system", "content": "You are a helpful assistant."},
    {"role": "user", "content": "Say hello to a customer called Ana."},
]


def test_install_is_idempotent(smollm2_home: Path) -> None:
    result = install_pack(get_pack("smollm2-135m"), smollm2_home)
    assert result.steps_done == []
    assert (result.model_dir / "model.safetensors").is_file()
    assert (result.model_dir / "tokenizer.json").is_file()


def test_streams_a_reply_in_pieces(smollm2: ChatModel) -> None:
    pieces = list(smollm2.stream(HELLO, max_new_tokens=10))
    assert len(pieces) > 1
    text = "".join(pieces)
    assert text.strip()
    assert "<|im_end|>" not in text and "<|im_start|>" not in text


def test_greedy_answers_repeat(smollm2: ChatModel) -> None:
    assert complete(smollm2, HELLO, max_new_tokens=6) == complete(smollm2, HELLO, max_new_tokens=6)


def test_stop_string_ends_the_answer(smollm2: ChatModel) -> None:
    full = complete(smollm2, HELLO, max_new_tokens=8)
    word = full.split()[1]
    cut = complete(smollm2, HELLO, max_new_tokens=8, stop=[word])
    assert word not in cut
    assert full.startswith(cut)


def test_closing_the_stream_stops_generation(smollm2: ChatModel) -> None:
    stream = smollm2.stream(HELLO, max_new_tokens=400)
    assert isinstance(stream, Generator)
    next(stream)
    stream.close()  # joins the worker: returns only once generation has stopped
    assert complete(smollm2, HELLO, max_new_tokens=4)


def test_int8_option_streams(smollm2_home: Path) -> None:
    model = load_chat_model(
        "transformers",
        pack="smollm2-135m",
        home=smollm2_home,
        device="cpu",
        speed=SpeedOptions(quantize="int8"),
    )
    assert complete(model, HELLO, max_new_tokens=6).strip()


def test_offer_draft_through_the_full_verify_path(smollm2: ChatModel, tmp_path: Path) -> None:
    """The real small model drafts an offer for a real store customer; whatever it writes, the
    result is verified, in policy, and says which path produced it."""
    from assistant.drafting import catalogue, draft_offer, gather_offer_facts, verify
    from assistant.drafting.policy import OfferPolicy
    from tests.drafting.store import make_store

    workspace = make_store(tmp_path / "home", tmp_path)
    policy = OfferPolicy()
    facts = gather_offer_facts(workspace, "c1", policy, discount_pct=15)
    result = draft_offer(facts, smollm2, policy, catalogue(workspace))
    assert result.path in {"first_pass", "retry", "fallback"}
    assert result.attempts and result.attempts[0].pieces > 0  # the model really streamed
    assert verify(result.text, facts.grounding(policy, catalogue(workspace)), policy) == []
    assert "90%" not in result.text
