"""A profile says when the customer's last order was and how much it was ("when was her last
order and how much was it?"), in the answer and the result's order summary."""

from assistant.tools.customers import customer_profile
from tests.tools.conftest import MakeContext
from tests.tools.store import REVIEWER


def test_the_profile_says_the_last_orders_day_and_amount(make_ctx: MakeContext) -> None:
    ctx = make_ctx("support")
    orders = ctx.data.store().table("orders").astype({"customer_id": str})
    theirs = orders[orders["customer_id"] == REVIEWER].sort_values("ts", kind="stable")
    last = theirs.iloc[-1]
    out = customer_profile(ctx, REVIEWER)
    summary = out.result["order_summary"]
    assert summary["last_order_amount"] == round(float(last["amount"]), 2)
    assert f", the last on {last['ts']:%Y-%m-%d} for ${last['amount']:,.2f}." in out.answer
    assert out.cards[0]["orders"][-1]["amount"] == summary["last_order_amount"]
