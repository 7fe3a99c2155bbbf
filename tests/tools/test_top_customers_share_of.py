"""top_customers' share of the customers just listed (`share_of`: "how many of them placed 2
orders or more?" after "customers who spent over $20"): the bounds it names make the
denominator, the rest are counted within them; against the hand-computed store
(sales_shop.py)."""

import pytest

from assistant.tools.data import StoreData
from assistant.tools.top_customers import top_customers
from commerce.errors import InvalidInput
from tests.tools.conftest import context
from tests.tools.sales_shop import store_of

# To date: c1 $50.00 in 2 orders, c3 $40.00 in 2, c2 $18.00 in 2, c4 $2.00 in 1.


@pytest.fixture(scope="module")
def shop(tmp_path_factory: pytest.TempPathFactory) -> StoreData:
    return store_of(tmp_path_factory.mktemp("share_of"), ("order_items", "products"))


def test_the_share_is_of_those_within_the_bounds_named(shop: StoreData) -> None:
    ctx = context(shop, "operator")
    out = top_customers(ctx, min_orders=2, min_revenue=20.01, lead="share", share_of="min_orders")
    assert out.answer == (
        "2 of the 3 customers who ordered to 2024-03-31 and placed 2 orders or more (66.7%) "
        "spent $20.01 or more. The top by spend: c1 ($50.00) and c3 ($40.00)."
    )
    assert (out.result["total"], out.result["within_base"], out.result["ordered"]) == (2, 3, 4)
    assert (out.result["share_of_customers"], out.result["share_of"]) == (0.6667, ["min_orders"])


def test_without_share_of_the_share_is_of_everyone_who_ordered(shop: StoreData) -> None:
    out = top_customers(context(shop, "operator"), min_orders=2, min_revenue=20.01, lead="share")
    assert out.answer.startswith(
        "2 of the 4 customers who ordered to 2024-03-31 (50.0%) spent $20.01 or more and "
        "placed 2 orders or more."
    )
    assert (out.result["share_of_customers"], out.result["share_of"]) == (0.5, None)


def test_two_bounds_named_and_one_counted_within_them(shop: StoreData) -> None:
    out = top_customers(
        context(shop, "operator"),
        min_revenue=10,
        max_revenue=45,
        max_orders=1,
        lead="share",
        share_of=" min_revenue, max_revenue",
    )
    assert out.answer.startswith(
        "0 of the 2 customers who ordered to 2024-03-31 and spent $10.00 to $45.00 (0.0%) "
        "placed exactly 1 order:"
    )


def test_nobody_within_the_named_bounds_is_said_so(shop: StoreData) -> None:
    out = top_customers(
        context(shop, "operator"),
        min_revenue=1000,
        min_orders=2,
        lead="share",
        share_of="min_revenue",
    )
    assert out.answer == (
        "No customer spent $1,000.00 or more to 2024-03-31, so none placed 2 orders or more."
    )
    assert (out.result["within_base"], out.result["share_of_customers"]) == (0, None)


@pytest.mark.parametrize(
    ("share_of", "error"),
    [
        ("min_spend", r"^share_of names 'min_spend': it takes bounds by name, comma-separated"),
        ("max_orders", r"^share_of names max_orders, which is not given"),
        ("min_revenue,min_orders", r"^share_of names every bound given"),
    ],
)
def test_share_of_names_bounds_given_and_leaves_one_to_count(
    shop: StoreData, share_of: str, error: str
) -> None:
    with pytest.raises(InvalidInput, match=error):
        top_customers(
            context(shop, "operator"),
            min_revenue=10,
            min_orders=2,
            lead="share",
            share_of=share_of,
        )
