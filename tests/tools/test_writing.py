"""draft_offer and segment_summary with the scripted chat model: streaming through on_token,
what the prompts hold for each role, the policy, and the retry notice."""

from typing import Any

import pytest

from assistant import drafting
from assistant.drafting import OfferFacts
from assistant.tools import offers
from assistant.tools.offers import draft_offer
from assistant.tools.segments import segment_summary
from assistant.tools.writing import NO_DRAFT, STANDARD_TEXT, shown_answer
from commerce.errors import InvalidInput, NotFound, Unavailable
from tests.drafting.factories import CATALOGUE, POLICY, offer_facts
from tests.drafting.fake import ScriptedModel
from tests.tools.conftest import MakeContext, sent_model
from tests.tools.store import REVIEWER

GOOD = (
    "Subject: 10% off for you\nHi {name},\nHere is 10% off your next order. See you soon!\nThe team"
)
GENERIC = (
    "Subject: 10% off for you\nHi there,\nHere is 10% off your next order. We hope to see you "
    "soon!\nThe team"
)
SUMMARY = "These customers have gone quiet and mostly bought Coffee. A friendly reminder may help."


def _first_name(make_ctx: MakeContext, customer_id: str) -> str:
    customers = make_ctx().data.store().table("customers").set_index("customer_id")
    return str(customers.loc[customer_id, "name"]).split()[0]


def test_offer_streams_through_on_token(make_ctx: MakeContext) -> None:
    name = _first_name(make_ctx, REVIEWER)
    pieces: list[str] = []
    ctx = make_ctx("support", [GOOD.format(name=name)], pieces.append)
    out = draft_offer(ctx, customer_id=REVIEWER)
    assert len(pieces) > 5 and "".join(pieces).strip() == out.answer == GOOD.format(name=name)
    card = out.cards[0]
    assert card["type"] == "offer" and card["customer_id"] == REVIEWER
    assert (card["path"], card["passed_verification"], card["channel"]) == ("first_pass", True,
                                                                            "email")  # fmt: skip
    assert card["facts"]["discount_pct"] == 10 and card["facts"]["customer_name"] == name
    prompt = " ".join(m["content"] for m in sent_model(ctx).sent[0][0])
    assert name in prompt  # support sees contacts: the copy may greet the customer


def test_a_marketer_prompt_holds_no_name_or_email(
    make_ctx: MakeContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    name = _first_name(make_ctx, REVIEWER)
    handed: list[OfferFacts] = []
    write = offers.write_offer  # type: ignore[attr-defined]

    def recording(facts: OfferFacts, *args: Any) -> Any:
        handed.append(facts)
        return write(facts, *args)

    monkeypatch.setattr(offers, "write_offer", recording)
    for channel in ("email", "sms"):
        ctx = make_ctx("marketer", [GENERIC, GENERIC])
        out = offers.draft_offer(ctx, customer_id=REVIEWER, channel=channel)
        prompt = " ".join(m["content"] for call in sent_model(ctx).sent for m in call[0])
        assert name not in prompt and "@" not in prompt
        assert out.result["facts"].get("customer_name") is None
    # What the drafting layer was handed, whatever its templates show: the customer's latest
    # review quoted an address, and it arrives masked.
    assert all(f.customer_name is None for f in handed)
    assert all("[email removed]" in (f.recent_review or "") for f in handed)


def test_the_policy_limits_the_discount(make_ctx: MakeContext) -> None:
    ctx = make_ctx("support")
    with pytest.raises(InvalidInput, match="above the policy maximum of 20%"):
        draft_offer(ctx, customer_id="00042", discount_pct=35)
    with pytest.raises(InvalidInput, match="whole percents"):
        draft_offer(ctx, customer_id="00042", discount_pct=12.5)
    with pytest.raises(InvalidInput, match="a customer_id or a segment"):
        draft_offer(ctx)
    with pytest.raises(InvalidInput, match="a customer_id or a segment"):
        draft_offer(ctx, customer_id="00042", segment="lost")
    with pytest.raises(NotFound, match="no customer '99999'"):
        draft_offer(ctx, customer_id="99999")
    assert sent_model(ctx).sent == []  # refused before any model call


def test_a_rejected_draft_is_followed_by_a_notice_and_the_retry(make_ctx: MakeContext) -> None:
    pieces: list[str] = []
    bad = "Subject: 50% off\nHello, take 50% off everything in the shop today, and free shipping!"
    ctx = make_ctx("marketer", [bad, GENERIC], pieces.append)
    out = draft_offer(ctx, customer_id="00042", discount_pct=10)
    streamed = "".join(pieces)
    assert out.answer == GENERIC and out.result["path"] == "retry"
    assert streamed.index("50% off") < streamed.index("broke a rule") < streamed.index("Hi there,")
    assert out.result["violations"] and out.result["passed_verification"]


def test_the_standard_text_is_said_to_be_it(make_ctx: MakeContext) -> None:
    bad = "Subject: 50% off\nHello, take 50% off everything in the shop today, and free shipping!"
    out = draft_offer(make_ctx("marketer", [bad, bad]), customer_id="00042", discount_pct=10)
    assert out.result["path"] == "fallback" and out.cards[0]["text"] == out.result["text"]
    assert out.answer == f"{STANDARD_TEXT}\n\n{out.result['text']}"
    drafted = draft_offer(make_ctx("marketer", [GENERIC]), customer_id="00042", discount_pct=10)
    assert drafted.answer == GENERIC  # a draft that passed is the answer as it is


def test_a_model_that_failed_is_said_to_have_written_no_draft() -> None:
    failed = drafting.draft_offer(
        offer_facts(), ScriptedModel(Unavailable("out of GPU memory")), POLICY, CATALOGUE
    )
    assert failed.path == "fallback"
    assert shown_answer(failed) == f"{NO_DRAFT}\n\n{failed.text}"


def test_one_offer_for_a_segment(make_ctx: MakeContext) -> None:
    ctx = make_ctx("marketer", [GENERIC])
    row = ctx.data.segment_rows("segment")[0]
    out = draft_offer(ctx, segment=row["name"].upper(), channel="sms", discount_pct=10)
    assert out.result["segment"] == row["name"] and "customer_id" not in out.result
    facts = out.result["facts"]
    assert (
        facts.get("customer_name") is None
        and facts["favourite_category"] == (row["top_categories"][0])
    )
    assert out.cards[0]["channel"] == "sms"


def test_segment_summary_streams_and_states_the_facts(make_ctx: MakeContext) -> None:
    pieces: list[str] = []
    ctx = make_ctx("marketer", [SUMMARY], pieces.append)
    row = ctx.data.segment_rows("segment")[0]
    out = segment_summary(ctx, row["name"])
    # The model's text, then (where the segment has review themes) code's theme sentence.
    assert out.answer.startswith(SUMMARY) and out.answer == "".join(pieces).strip()
    card = out.cards[0]
    assert card["type"] == "segment" and card["name"] == row["name"]
    assert card["customers"] == row["customers"] and card["summary"] == out.answer
    assert isinstance(card["themes"], list) and card["passed_verification"] is True
    prompt = sent_model(ctx).last_user_message
    assert f"size: {row['customers']}" in prompt
    with pytest.raises(NotFound, match="no segment 'nobody'"):
        segment_summary(ctx, "nobody")
