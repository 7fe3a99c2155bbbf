"""top_customers asked how many (`lead` "share": "what percentage of customers ordered only
once?", "how many customers spent over $100 in 1997?"): the count and its share of the
customers who ordered in the period lead the answer, that denominator named, then the top of
them; against the hand-computed store (sales_shop.py) and pandas on the scored workspace."""

import pytest

from assistant.tools.catalogue import run_tool
from assistant.tools.data import StoreData
from assistant.tools.top_customers import top_customers
from commerce.errors import InvalidInput
from tests.tools.conftest import MakeContext, context
from tests.tools.sales_shop import store_of

# To date: c1 $50.00 in 2 orders, c3 $40.00 in 2, c2 $18.00 in 2, c4 $2.00 in 1 (all: $110.00).
# In the 10 days to 03-31 only c1 ($50.00, 2 orders) and c2 ($18.00, 2 orders) ordered.


@pytest.fixture(scope="module")
def shop(tmp_path_factory: pytest.TempPathFactory) -> StoreData:
    return store_of(tmp_path_factory.mktemp("shop"), ("order_items", "products"))


def test_a_share_leads_with_the_count_of_those_who_ordered(shop: StoreData) -> None:
    out = top_customers(context(shop, "operator"), max_orders=1, lead="share")
    assert out.answer == (
        "1 of the 4 customers who ordered to 2024-03-31 (25.0%) placed exactly 1 order. "
        "The top by spend: c4 ($2.00)."
    )
    assert (out.result["total"], out.result["ordered"]) == (1, 4)
    assert (out.result["share_of_customers"], out.result["lead"]) == (0.25, "share")
    # The list still rides in the card, as it did.
    assert [r["customer_id"] for r in out.cards[0]["rows"]] == ["c4"]


def test_the_denominator_is_who_ordered_in_the_period(shop: StoreData) -> None:
    out = top_customers(context(shop, "operator"), min_revenue=20, days=10, lead="share")
    assert out.answer.startswith(
        "1 of the 2 customers who ordered in the 10 days to 2024-03-31 (50.0%) spent $20.00 "
        "or more. The top by spend: c1 ($50.00)."
    )


def test_nobody_within_the_bounds_is_a_share_of_nothing_with_what_was_reached(
    shop: StoreData,
) -> None:
    out = top_customers(context(shop, "operator"), min_revenue=1000, lead="share")
    assert out.answer == (
        "0 of the 4 customers who ordered to 2024-03-31 (0.0%) spent $1,000.00 or more: the "
        "most anyone spent was $50.00."
    )
    assert out.result["share_of_customers"] == 0.0


def test_without_bounds_the_count_alone_and_of_a_category_its_buyers(shop: StoreData) -> None:
    out = top_customers(context(shop, "operator"), lead="share", by="orders")
    assert out.answer.startswith("4 customers ordered to 2024-03-31. The top by orders: c1 (2)")
    tea = top_customers(context(shop, "operator"), category="Tea", min_revenue=30, lead="share")
    assert tea.answer.startswith(
        "1 of the 2 customers who bought Tea to 2024-03-31 (50.0%) spent $30.00 or more on Tea."
    )


def test_a_list_is_still_the_default(shop: StoreData) -> None:
    out = top_customers(context(shop, "operator"), max_orders=1)
    assert out.answer.startswith("1 customer placed exactly 1 order to 2024-03-31 (of 4 ")
    assert out.result["lead"] == "list"
    with pytest.raises(InvalidInput, match="argument 'lead'"):
        run_tool(context(shop, "operator"), "top_customers", {"lead": "percent"})


def test_the_scored_workspace_share_is_pandas_share(make_ctx: MakeContext) -> None:
    ctx = make_ctx("operator")
    orders = ctx.data.store().table("orders")
    placed = orders.groupby(orders["customer_id"].astype(str)).size()
    out = top_customers(ctx, max_orders=1, lead="share")
    once = int((placed == 1).sum())
    assert out.result["total"] == once > 0
    assert out.result["ordered"] == len(placed)
    assert out.answer.startswith(
        f"{once:,} of the {len(placed):,} customers who ordered to "
        f"{orders['ts'].max():%Y-%m-%d} ({once / len(placed):.1%}) placed exactly 1 order."
    )
