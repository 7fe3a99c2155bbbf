"""top_customers with a ceiling on spend or orders ("customers who spent under $20", "one-time
buyers", "between 2 and 4 orders") against the hand-computed store (sales_shop.py): the top
of those under it first, how many pass, counted by code, both bounds together, a floor above
its ceiling refused by name, and customers who did not order in the period said to be left
out rather than counted as spending nothing."""

import pytest

from assistant.tools.catalogue import run_tool
from assistant.tools.data import StoreData
from assistant.tools.top_customers import top_customers
from commerce.errors import InvalidInput
from tests.tools.conftest import MakeContext, context
from tests.tools.sales_shop import store_of

# To date: c1 $50.00 in 2 orders, c3 $40.00 in 2, c2 $18.00 in 2, c4 $2.00 in 1 (all: $110.00).
# In the 10 days to 03-31 only c1 ($50.00, 2 orders) and c2 ($18.00, 2 orders) ordered.
LEFT_OUT = (
    " Only customers who ordered in the period are counted; those who placed no order in it "
    "are not listed."
)


@pytest.fixture(scope="module")
def shop(tmp_path_factory: pytest.TempPathFactory) -> StoreData:
    return store_of(tmp_path_factory.mktemp("shop"), ("order_items", "products"))


def ids(out_rows: list[dict[str, object]]) -> list[object]:
    return [row["customer_id"] for row in out_rows]


def test_a_spend_ceiling_ranks_the_top_of_those_under_it(shop: StoreData) -> None:
    out = top_customers(context(shop, "operator"), max_revenue=19.99)
    result = out.result
    assert ids(result["rows"]) == ["c2", "c4"]  # the biggest under the ceiling first
    assert (result["total"], result["ordered"], result["max_revenue"]) == (2, 4, 19.99)
    assert out.answer == (
        "2 customers spent $19.99 or less to 2024-03-31 (of 4 customers who ordered); the top "
        "2: c2 ($18.00) and c4 ($2.00). c2 spent $18.00 on 2 orders (16.4% of all revenue in the "
        f"period), the last on 2024-03-31.{LEFT_OUT}"
    )
    # Inclusive, in cents: $18.00 is under a ceiling of $18, not under $17.99 ("under $18").
    assert ids(top_customers(context(shop, "operator"), max_revenue=18).result["rows"]) == [
        "c2", "c4",
    ]  # fmt: skip
    assert ids(top_customers(context(shop, "operator"), max_revenue=17.99).result["rows"]) == ["c4"]


def test_one_time_buyers_and_an_order_range(shop: StoreData) -> None:
    once = top_customers(context(shop, "operator"), max_orders=1)
    assert ids(once.result["rows"]) == ["c4"]
    assert once.answer.startswith(
        "1 customer placed exactly 1 order to 2024-03-31 (of 4 customers who ordered); the top "
        "1: c4 ($2.00)."
    )
    assert once.answer.endswith(LEFT_OUT)
    some = top_customers(context(shop, "operator"), min_orders=2, max_orders=4, by="orders")
    assert ids(some.result["rows"]) == ["c1", "c3", "c2"]
    assert some.answer.startswith("3 customers placed 2 to 4 orders to 2024-03-31")
    two = top_customers(context(shop, "operator"), max_orders=3, limit=1, offset=1)
    assert [(r["rank"], r["customer_id"]) for r in two.result["rows"]] == [(2, "c3")]
    assert "placed 3 orders or fewer" in two.answer and "customer 2 of 4: c3" in two.answer


def test_both_spend_bounds_and_nobody_between_them(shop: StoreData) -> None:
    out = top_customers(context(shop, "operator"), min_revenue=10, max_revenue=45)
    assert ids(out.result["rows"]) == ["c3", "c2"]
    assert out.answer.startswith("2 customers spent $10.00 to $45.00 to 2024-03-31 (of 4 ")
    gap = top_customers(context(shop, "operator"), min_revenue=19, max_revenue=39)
    assert gap.answer == (
        "No customer spent $19.00 to $39.00 to 2024-03-31: what anyone spent ran from $2.00 to "
        f"$50.00 (of 4 customers who ordered).{LEFT_OUT}"
    )


def test_customers_without_orders_in_the_period_are_said_to_be_left_out(
    shop: StoreData,
) -> None:
    # c3 and c4 placed no order in these 10 days: they are not "one-time buyers" of them.
    out = top_customers(context(shop, "operator"), max_orders=1, days=10)
    assert out.result["rows"] == [] and out.result["ordered"] == 2
    assert out.answer == (
        "No customer placed exactly 1 order in the 10 days to 2024-03-31: the fewest orders "
        f"anyone placed was 2 (of 2 customers who ordered).{LEFT_OUT}"
    )
    tea = top_customers(context(shop, "operator"), category="Tea", max_revenue=30)
    assert ids(tea.result["rows"]) == ["c3"]
    assert tea.answer.startswith("1 customer spent $30.00 or less on Tea to 2024-03-31 (of 2 ")
    assert tea.answer.endswith(
        " Only customers who bought Tea in the period are counted; those who bought none are "
        "not listed."
    )
    # A floor alone leaves nobody out that it could hold: nothing is added.
    assert "Only customers" not in top_customers(context(shop, "operator"), min_orders=1).answer


def test_a_floor_above_its_ceiling_is_refused_naming_both(shop: StoreData) -> None:
    with pytest.raises(InvalidInput, match=r"min_revenue \(\$500.00\) is above max_revenue "
                                           r"\(\$100.00\)"):  # fmt: skip
        top_customers(context(shop, "operator"), min_revenue=500, max_revenue=100)
    with pytest.raises(InvalidInput, match=r"min_orders \(5\) is above max_orders \(2\)"):
        top_customers(context(shop, "operator"), min_orders=5, max_orders=2)
    # Equal bounds in cents are one amount, no error: $20.004 and $20 are both $20.00.
    same = top_customers(context(shop, "operator"), min_revenue=20.004, max_revenue=20)
    assert same.answer.startswith("No customer spent $20.00 to $20.00 to 2024-03-31")


def test_ceilings_are_bounded(make_ctx: MakeContext) -> None:
    with pytest.raises(
        InvalidInput,
        match=r"A maximum spend must be at least \$0\.00"
        r"; you asked for -\$1\.00 \(argument 'max_revenue'\)",
    ):
        run_tool(make_ctx("operator"), "top_customers", {"max_revenue": -1})
    with pytest.raises(
        InvalidInput, match=r"must be at least 1; you asked for 0 \(argument 'max_orders'\)"
    ):
        run_tool(make_ctx("operator"), "top_customers", {"max_orders": 0})


def test_the_scored_workspace_counts_customers_under_a_ceiling_like_pandas(
    make_ctx: MakeContext,
) -> None:
    ctx = make_ctx("operator")
    orders = ctx.data.store().table("orders")
    spent = orders.groupby(orders["customer_id"].astype(str))["amount"].agg(["sum", "size"])
    ceiling = float(spent["sum"].median())
    out = top_customers(ctx, max_revenue=ceiling, max_orders=3, limit=100)
    expected = spent[(spent["sum"].round(2) <= round(ceiling, 2)) & (spent["size"] <= 3)]
    assert out.result["total"] == len(expected) > 0
    ranked = expected.rename_axis("id").reset_index()
    ranked = ranked.sort_values(["sum", "size", "id"], ascending=[False, False, True])
    assert [r["customer_id"] for r in out.result["rows"]] == list(ranked["id"][:100])
    assert out.answer.startswith(f"{len(expected):,} customers spent ")
