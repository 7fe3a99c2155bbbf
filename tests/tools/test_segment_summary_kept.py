"""segment_summary keeps a summary per facts and model: asked again, the segment's summary
comes without drafting it anew (R31: one segment was drafted four times, minutes each, on a
model shared by every user); a fallback, written when the model failed, is not kept."""

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
