"""Support agents work one customer at a time: the tools that can reach a segment or the whole
store (draft_offer, search_reviews, review_sentiment) are refused to them unless a customer is
named; other roles, and support naming a customer, are not affected."""

from typing import Any

import pytest

from assistant.roles import scope_refusal
from assistant.tools.catalogue import run_tool
from commerce.errors import Forbidden, InvalidInput
from tests.tools.conftest import MakeContext
from tests.tools.store import REVIEWER

ONE_AT_A_TIME = "Support agents work one customer at a time: name the customer, e.g. "
GOOD = "Subject: 10% off for you\nHi there,\nHere is 10% off your next order.\nThe team"


@pytest.mark.parametrize(
    ("tool", "args", "needs"),
    [
        ("draft_offer", {"segment": "champions"}, "customer_id"),
        ("search_reviews", {"query": "stale coffee"}, "customer_id"),
        ("search_reviews", {"segment": "champions"}, "customer_id"),
        ("search_reviews", {"product_id": "B000COFFEE"}, "customer_id"),
        ("review_sentiment", {}, "customer_id or text"),
        ("review_sentiment", {"segment": "champions"}, "customer_id or text"),
    ],
)
def test_support_without_a_customer_is_refused_with_the_reason(
    make_ctx: MakeContext, tool: str, args: dict[str, Any], needs: str
) -> None:
    with pytest.raises(Forbidden) as refused:
        run_tool(make_ctx("support"), tool, args)
    assert str(refused.value).startswith(ONE_AT_A_TIME)
    assert str(refused.value).endswith(f"({tool} needs {needs} for the support role).")


def test_support_naming_the_customer_gets_the_answer(make_ctx: MakeContext) -> None:
    ctx = make_ctx("support", [GOOD])
    assert run_tool(ctx, "search_reviews", {"customer_id": REVIEWER}).result["hits"]
    assert run_tool(ctx, "review_sentiment", {"customer_id": REVIEWER}).answer
    assert run_tool(ctx, "review_sentiment", {"text": "The parcel came late."}).answer
    offer = run_tool(ctx, "draft_offer", {"customer_id": REVIEWER, "discount_pct": 10})
    assert offer.result["customer_id"] == REVIEWER


def test_other_roles_keep_the_store_wide_calls(make_ctx: MakeContext) -> None:
    for role in ("operator", "marketer", "admin"):
        assert run_tool(make_ctx(role), "review_sentiment", {}).answer
        assert scope_refusal(role, "draft_offer", {"segment": "champions"}) is None


def test_bad_arguments_are_named_before_the_scope(make_ctx: MakeContext) -> None:
    # A support agent's typo is corrected first: the scope refusal is for a well-formed call.
    with pytest.raises(InvalidInput, match="unknown argument 'customer'"):
        run_tool(make_ctx("support"), "search_reviews", {"customer": REVIEWER})
