"""draft_offer's fallback for a segment or a customer says it missed them only when their RFM
recency says they have gone quiet: never to champions."""

from assistant.tools.offers import draft_offer
from tests.tools.conftest import MakeContext

BAD = "x"  # too short to pass: both tries fail, and the fallback answers


def test_a_segment_offer_misses_only_a_quiet_segment(make_ctx: MakeContext) -> None:
    ctx = make_ctx("marketer", [BAD, BAD])
    frame = ctx.data.segment_frame()
    medians = frame.groupby("segment")["r"].median()
    recent, quiet = str(medians.idxmax()), str(medians.idxmin())
    assert medians[recent] > 2 >= medians[quiet]
    out = draft_offer(ctx, segment=recent)
    assert out.result["path"] == "fallback" and "missed you" not in out.answer
    out = draft_offer(make_ctx("marketer", [BAD, BAD]), segment=quiet)
    assert out.result["path"] == "fallback" and "We have missed you." in out.answer


def test_a_customer_offer_follows_the_customers_recency(make_ctx: MakeContext) -> None:
    frame = make_ctx().data.segment_frame()
    for customer_id, missed in ((frame["r"].idxmax(), False), (frame["r"].idxmin(), True)):
        out = draft_offer(make_ctx("marketer", [BAD, BAD]), customer_id=str(customer_id))
        assert out.result["path"] == "fallback"
        assert ("We have missed you." in out.answer) is missed
