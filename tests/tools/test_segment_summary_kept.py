"""segment_summary keeps a summary per facts and model: asked again, the segment's summary
comes without drafting it anew (R31: one segment was drafted four times, minutes each, on a
model shared by every user); a fallback, written when the model failed, is not kept."""

from collections.abc import Iterator, Sequence
from dataclasses import replace
from typing import Any

from assistant.llm.base import Message
from assistant.llm.fake import ScriptedChatModel
from assistant.tools.segments import segment_summary
from tests.tools.conftest import MakeContext, sent_model

SUMMARY = "These customers have gone quiet and mostly bought Coffee. A friendly reminder may help."
INVENTED = SUMMARY + " Some say their tea arrived cold."


def test_a_summary_asked_again_is_not_drafted_again(make_ctx: MakeContext) -> None:
    ctx = make_ctx("marketer", [SUMMARY, "a second draft the test never wants"])
    name = ctx.data.segment_rows("segment")[0]["name"]
    first = segment_summary(ctx, name)
    again = segment_summary(ctx, name)
    assert len(sent_model(ctx).sent) == 1
    assert again.answer == first.answer and again.result["path"] == first.result["path"]


def test_a_fallback_is_drafted_again(make_ctx: MakeContext) -> None:
    ctx = make_ctx("marketer", [INVENTED] * 8)  # every draft invents: the fallback each time
    name = ctx.data.segment_rows("segment")[0]["name"]
    assert segment_summary(ctx, name).result["path"] == "fallback"
    calls = len(sent_model(ctx).sent)
    assert segment_summary(ctx, name).result["path"] == "fallback"
    assert len(sent_model(ctx).sent) == 2 * calls


class _Handle:
    """A per-request handle on a shared model, as the server's gate gives one per call."""

    name = "handle"

    def __init__(self, shared: ScriptedChatModel) -> None:
        self.shared = shared

    def stream(self, messages: Sequence[Message], **params: Any) -> Iterator[str]:
        return self.shared.stream(messages, **params)


def test_a_new_handle_on_the_same_model_finds_the_summary_kept(make_ctx: MakeContext) -> None:
    shared = ScriptedChatModel([SUMMARY, "a second draft the test never wants"])
    ctx = replace(make_ctx("marketer"), chat_model=lambda: _Handle(shared))
    name = ctx.data.segment_rows("segment")[0]["name"]
    assert segment_summary(ctx, name).answer == segment_summary(ctx, name).answer
    assert len(shared.sent) == 1
