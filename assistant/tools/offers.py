"""The offer-drafting tool: copy for one customer, or one generic offer for a segment, written
by the chat model from computed facts, verified against them and the discount policy.

A marketer never sees contact details, so their prompts carry none: the customer's name is
left out of the facts and e-mail addresses in a quoted review are masked before the model
reads them. The policy comes from settings; a request above it is refused, naming the limit,
and so is an offer to a segment no customer is in now.
Whether the customers have gone quiet (their RFM recency) decides whether the fallback copy
may say it missed them: never to champions or new customers.
"""

from dataclasses import replace
from datetime import date, timedelta
from typing import Annotated, Any

from pydantic import Field

from assistant.drafting import OfferFacts, OfferPolicy, gather_offer_facts, policy_from_settings
from assistant.drafting import draft_offer as write_offer
from assistant.drafting.facts import Product
from assistant.drafting.recency import gone_quiet
from assistant.roles import redact, sees_contacts
from assistant.tools.args import Channel, CustomerId, SegmentName
from assistant.tools.base import ToolContext, ToolOutput
from assistant.tools.format import output
from assistant.tools.segments import find_segment
from assistant.tools.writing import TokenStream, draft_json, passed, shown_answer
from commerce.errors import InvalidInput, RetainError
from predictors.segment_facts import empty_segment

MAX_RECOMMENDED = 3  # recommended products an offer may name


def draft_offer(
    ctx: ToolContext,
    customer_id: CustomerId | None = None,
    segment: SegmentName | None = None,
    discount_pct: Annotated[
        float | None,
        Field(ge=0, le=100, description="Percent off; default and maximum from the policy."),
    ] = None,
    channel: Channel = "email",
) -> ToolOutput:
    """Write a retention offer (email or SMS) for one customer, or one generic offer for a
    whole segment, with a discount within the offer policy; the text is checked against the
    facts and the policy before it is shown.

    For "draft an offer for 00042", "write a 15% SMS for them" or "an email offer for the
    at-risk segment".
    """
    if (customer_id is None) == (segment is None):
        raise InvalidInput("draft_offer needs a customer_id or a segment (one of them)")
    policy = policy_from_settings(ctx.settings)
    discount = _discount(policy, discount_pct)
    data = ctx.data
    if customer_id is not None:
        target: dict[str, Any] = {"customer_id": ctx.customer(customer_id)}
        facts = gather_offer_facts(
            data.workspace, target["customer_id"], policy, discount, channel,
            recommended=_recommended(ctx, target["customer_id"]),
            recency=int(data.segment_frame().loc[target["customer_id"], "r"]),
        )  # fmt: skip
        if not sees_contacts(ctx.role):
            facts = replace(
                facts, customer_name=None, recent_review=redact(facts.recent_review, ctx.role)
            )
    else:
        assert segment is not None
        rows = data.segment_rows("segment") + data.segment_rows("cluster")
        row = find_segment(rows, segment)
        if row["customers"] == 0:  # an offer to nobody: no facts to write one from
            raise InvalidInput(
                f"{empty_segment(row['name'])}, so there is no one to send an offer to; "
                "list_segments shows the segments with customers"
            )
        target = {"segment": row["name"]}
        frame = data.segment_frame()
        members = frame[(frame["segment"] == row["name"]) | (frame["cluster"] == row["name"])]
        facts = replace(
            segment_offer_facts(row, policy, discount, channel),
            gone_quiet=gone_quiet(int(r) for r in members["r"]),
        )
    observer = TokenStream(ctx.on_token) if ctx.on_token else None
    drafted = write_offer(facts, ctx.chat_model(), policy, data.catalogue(), observer)
    verified = passed(drafted)
    card = {"type": "offer", **target, "channel": channel, "discount_pct": facts.discount_pct,
            "text": drafted.text, "path": drafted.path, "passed_verification": verified,
            "facts": drafted.facts}  # fmt: skip
    result = {**target, "channel": channel, "discount_pct": facts.discount_pct,
              "passed_verification": verified, **draft_json(drafted)}  # fmt: skip
    return output(shown_answer(drafted), result, [card], rows=1)


def segment_offer_facts(
    row: dict[str, Any],
    policy: OfferPolicy,
    discount: int,
    channel: Channel,
    today: date | None = None,
) -> OfferFacts:
    """The facts of one offer to every customer of a segment: no name, no order, only the
    discount, its end, the segment's favourite category and the policy's perks."""
    categories = row.get("top_categories") or []
    return OfferFacts(
        customer_id=f"segment:{row['name']}",
        channel=channel,
        discount_pct=discount,
        offer_expires=(today or date.today()) + timedelta(days=policy.offer_valid_days),
        favourite_category=str(categories[0]) if categories else None,
        perks=policy.perks,
    )


def _discount(policy: OfferPolicy, requested: float | None) -> int:
    """The discount to offer: the policy's default, or the request when within the policy
    (InvalidInput naming the limit above it; whole percents only)."""
    if requested is None:
        return policy.discount(None)
    if requested != int(requested):
        raise InvalidInput(
            f"discount_pct {requested:g}: offers take whole percents (e.g. {int(requested)})"
        )
    return policy.discount(int(requested))


def _recommended(ctx: ToolContext, customer_id: str) -> list[Product]:
    """The recommender's top picks for the customer, which the draft may name; none when the
    workspace has no recommender (the offer is written without them)."""
    try:
        picks = ctx.data.recommender().recommend(customer_id, MAX_RECOMMENDED)
    except RetainError:
        return []
    return [Product(pick.product_id, pick.title) for pick in picks if pick.title]
