"""An offer to a segment no customer is in now ('new' on the tools' store) is refused the way
segment_summary says it: the segment named, that it has no customers now, and where to look
for segments with customers; no model is asked to write to nobody."""

import pytest

from assistant.tools.catalogue import run_tool
from commerce.errors import InvalidInput
from tests.tools.conftest import MakeContext, sent_model

EMPTY = "new"


@pytest.mark.parametrize("typed", [EMPTY, " NEW "])
def test_an_offer_to_an_empty_segment_is_refused(make_ctx: MakeContext, typed: str) -> None:
    ctx = make_ctx("marketer", ["Subject: Hi\nHere is 10% off.\nThe team"])
    assert len(ctx.data.segments().members(EMPTY)) == 0
    with pytest.raises(InvalidInput) as refused:
        run_tool(ctx, "draft_offer", {"segment": typed})
    assert str(refused.value) == (
        "'new' has no customers now, so there is no one to send an offer to; "
        "list_segments shows the segments with customers"
    )
    assert sent_model(ctx).sent == []


def test_a_segment_with_customers_still_gets_its_offer(make_ctx: MakeContext) -> None:
    ctx = make_ctx("marketer", ["Subject: 10% off\nHi there,\nHere is 10% off.\nThe team"])
    row = next(r for r in ctx.data.segment_rows("segment") if r["customers"] > 0)
    out = run_tool(ctx, "draft_offer", {"segment": row["name"], "discount_pct": 10})
    assert out.result["segment"] == row["name"] and out.cards[0]["type"] == "offer"
