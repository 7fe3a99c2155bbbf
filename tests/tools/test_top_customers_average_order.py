"""top_customers bounded by what customers spend per order ("customers whose average order is
over $50", "under $20 per order") against the hand-computed store (sales_shop.py): each one's
spend over their orders, in cents, both ends inclusive, said as applied, what anyone reached
when nobody passes, and a floor above its ceiling refused by name."""

import pytest

from assistant.tools.data import StoreData
from assistant.tools.top_customers import top_customers
from commerce.errors import InvalidInput
from tests.tools.conftest import context
from tests.tools.sales_shop import store_of

# To date: c1 $50.00 in 2 orders ($25.00 an order), c3 $40.00 in 2 ($20.00), c2 $18.00 in 2
# ($9.00: o2 $11 and o7 $7), c4 $2.00 in 1 ($2.00).


@pytest.fixture(scope="module")
def shop(tmp_path_factory: pytest.TempPathFactory) -> StoreData:
    return store_of(tmp_path_factory.mktemp("shop"), ("order_items", "products"))


def averages(rows: list[dict[str, object]]) -> list[tuple[object, object]]:
    return [(row["customer_id"], row["average_order"]) for row in rows]


def test_a_floor_keeps_who_averaged_at_least_it(shop: StoreData) -> None:
    out = top_customers(context(shop, "operator"), min_average_order=20.0)
    assert averages(out.result["rows"]) == [("c1", 25.0), ("c3", 20.0)]  # inclusive
    assert (out.result["total"], out.result["ordered"]) == (2, 4)
    assert out.answer.startswith(
        "2 customers averaged $20.00 or more an order to 2024-03-31 (of 4 customers who "
        "ordered); the top 2: c1 ($50.00) and c3 ($40.00). c1 spent $50.00 on 2 orders (45.5% "
        "of all revenue in the period), averaging $25.00 an order, the last on 2024-03-30"
    )


def test_a_ceiling_and_both_ends(shop: StoreData) -> None:
    ctx = context(shop, "operator")
    low = top_customers(ctx, max_average_order=8.99)
    assert averages(low.result["rows"]) == [("c4", 2.0)]
    both = top_customers(ctx, min_average_order=5.0, max_average_order=20.0)
    assert averages(both.result["rows"]) == [("c3", 20.0), ("c2", 9.0)]
    assert "customers averaged $5.00 to $20.00 an order to 2024-03-31" in both.answer


def test_nobody_passing_says_what_anyone_reached(shop: StoreData) -> None:
    out = top_customers(context(shop, "operator"), min_average_order=25.01)
    assert out.result["rows"] == [] and out.result["most_average_order"] == 25.0
    assert out.answer == (
        "No customer averaged $25.01 or more an order to 2024-03-31: the highest average order "
        "was $25.00 (of 4 customers who ordered)."
    )


def test_a_floor_above_its_ceiling_is_refused(shop: StoreData) -> None:
    with pytest.raises(InvalidInput, match=r"min_average_order \(\$30.00\) is above max_average"):
        top_customers(context(shop, "operator"), min_average_order=30.0, max_average_order=10.0)


def test_the_average_order_ranks_when_asked(shop: StoreData) -> None:
    out = top_customers(context(shop, "operator"), by="average_order")
    assert averages(out.result["rows"]) == [("c1", 25.0), ("c3", 20.0), ("c2", 9.0), ("c4", 2.0)]
    assert out.answer.startswith(
        "Top customers by average order to 2024-03-31 (of 4 customers who ordered): c1 ($25.00 "
        "an order), c3 ($20.00 an order), c2 ($9.00 an order) and 1 more. c1 spent $50.00 on 2 "
        "orders (45.5% of all revenue in the period), averaging $25.00 an order"
    )
    with pytest.raises(InvalidInput, match="without by 'average_order'"):
        top_customers(context(shop, "operator"), by="average_order", trend="falling")
