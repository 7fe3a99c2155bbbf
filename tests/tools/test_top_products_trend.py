"""top_products with `trend` ("which products are declining?", "what is growing?"): the
products (or categories) whose measure fell, or rose, the most from the days just before,
ranked by the change in the measure's own units, with a product that stopped selling among
the fallers; each figure equal to a pandas sum over the store's lines, and the asks it cannot
answer refused by name."""

import pandas as pd
import pytest

from assistant.tools.data import StoreData
from assistant.tools.products import top_products
from commerce.errors import InvalidInput
from tests.tools.conftest import context
from tests.tools.sales_shop import LINES, store_of

# LINES with days=10: the period 2024-03-22..31, the 10 days before 2024-03-12..21.
# P1 $15.00 now against $20.00 before; P2 $40.00 against $20.00; P3 $6.00 against none.
# P4 sold only before ($30.00): it stopped selling.
SHOP_LINES = [*LINES, ("o8", "c5", "2024-03-18", "P4", 3, 10.0)]
PRODUCTS = [
    ("P1", "Coffee beans", "Coffee"),
    ("P2", "Teapot", "Tea"),
    ("P3", "Biscuits", "Snacks"),
    ("P4", "Green tea", "Tea"),
]


@pytest.fixture(scope="module")
def shop(tmp_path_factory: pytest.TempPathFactory) -> StoreData:
    folder = tmp_path_factory.mktemp("trend")
    return store_of(folder, ("order_items", "products"), SHOP_LINES, PRODUCTS)


def _changes(by: str, per: str = "product") -> "pd.Series[float]":
    """Each product's (or category's) `by` in the period minus the 10 days before, by pandas."""
    lines = pd.DataFrame(
        SHOP_LINES, columns=["order", "customer", "day", "product", "qty", "price"]
    )
    lines["revenue"] = lines["qty"] * lines["price"]
    lines["category"] = lines["product"].map({p: c for p, _, c in PRODUCTS})
    key = "product" if per == "product" else "category"
    column = {"revenue": "revenue", "units": "qty"}[by]

    def total(first: str, last: str) -> "pd.Series[float]":
        inside = lines[(lines["day"] >= first) & (lines["day"] <= last)]
        return inside.groupby(key)[column].sum()

    now, before = total("2024-03-22", "2024-03-31"), total("2024-03-12", "2024-03-21")
    return now.sub(before, fill_value=0.0)


def test_falling_ranks_the_largest_fall_first_with_what_stopped_selling(shop: StoreData) -> None:
    out = top_products(context(shop), days=10, trend="falling")
    rows = out.result["rows"]
    changes = _changes("revenue")
    fell = changes[changes < 0].sort_values()
    assert [row["product_id"] for row in rows] == list(fell.index) == ["P4", "P1"]
    assert [row["revenue"] - row["before"] for row in rows] == list(fell)
    assert (rows[0]["revenue"], rows[0]["before"], rows[0]["change"]) == (0.0, 30.0, -1.0)
    assert out.result["trend"] == "falling" and out.result["total"] == 2
    assert out.answer.endswith(
        "; products whose revenue fell the most from the 10 days before (2024-03-12 to "
        "2024-03-21): Green tea (P4) ($0.00, against $30.00: down 100%) and Coffee beans (P1) "
        "($15.00, against $20.00: down 25%)."
    )


def test_rising_ranks_the_largest_rise_first_and_says_what_is_new(shop: StoreData) -> None:
    out = top_products(context(shop), days=10, trend="rising", by="units")
    rows = out.result["rows"]
    changes = _changes("units")
    rose = changes[changes > 0].sort_values(ascending=False)
    assert [row["product_id"] for row in rows] == list(rose.index) == ["P3", "P2"]
    assert "products whose units sold rose the most" in out.answer
    assert "Biscuits (P3) (3 units, against 0 units: new)" in out.answer


def test_categories_fall_as_their_products_sum(shop: StoreData) -> None:
    out = top_products(context(shop), days=10, trend="falling", per="category")
    changes = _changes("revenue", "category")
    fell = changes[changes < 0].sort_values()
    assert [row["category"] for row in out.result["rows"]] == list(fell.index) == ["Tea", "Coffee"]
    assert "categories whose revenue fell the most" in out.answer


def test_nothing_fell_is_said(shop: StoreData) -> None:
    out = top_products(context(shop), days=10, trend="falling", category="Snacks")
    assert out.result["rows"] == []
    assert out.answer.endswith(
        "No product's revenue in Snacks fell from the 10 days before (2024-03-12 to 2024-03-21)."
    )


@pytest.mark.parametrize(
    ("asked", "named"),
    [({"product_id": "P1"}, "without product_id"), ({"per": "month"}, "without per month")],
)
def test_a_trend_of_one_product_or_of_months_is_refused(
    shop: StoreData, asked: dict[str, str], named: str
) -> None:
    with pytest.raises(InvalidInput, match=named):
        top_products(context(shop), days=10, trend="falling", **asked)  # type: ignore[arg-type]


def test_a_period_with_nothing_before_it_is_refused(shop: StoreData) -> None:
    with pytest.raises(InvalidInput, match="store's orders start on 2024-01-01"):
        top_products(context(shop), year="2024", trend="falling")


def test_compare_to_is_the_period_each_change_is_measured_from(shop: StoreData) -> None:
    # January sold P3 for $2.00 (o6); March P2 $60, P1 $35, P4 $30 and P3 $6.
    out = top_products(context(shop), month="2024-03", trend="rising", compare_to="2024-01")
    moved = [(r["product_id"], r["revenue"], r["before"], r["change"]) for r in out.result["rows"]]
    assert moved == [
        ("P2", 60.0, 0.0, None), ("P1", 35.0, 0.0, None), ("P4", 30.0, 0.0, None),
        ("P3", 6.0, 2.0, 2.0),
    ]  # fmt: skip
    assert (out.result["before_from"], out.result["before_to"]) == ("2024-01-01", "2024-01-31")
    assert "rose the most from 2024-01 (2024-01-01 to 2024-01-31): Teapot" in out.answer
    assert out.result["compared"]["totals"]["revenue"] == 2.0  # the totals beside it, as ever
    with pytest.raises(InvalidInput, match="overlaps the period asked"):
        top_products(context(shop), month="2024-03", trend="rising", compare_to="2024-Q1")
    # a year the orders do not reach gives every product "new": refused by name instead
    with pytest.raises(InvalidInput, match="the store's orders run from 2024-01-01"):
        top_products(context(shop), month="2024-03", trend="rising", compare_to="2023")


def test_stopped_keeps_what_sold_before_and_not_at_all_in_the_period(shop: StoreData) -> None:
    # Every product but P4 sold in the last 10 days; P4 sold $30.00 on 2024-03-18 only.
    out = top_products(context(shop), days=10, trend="stopped")
    stopped = [(r["product_id"], r["revenue"], r["before"]) for r in out.result["rows"]]
    assert stopped == [("P4", 0.0, 30.0)]
    assert (out.result["before_from"], out.result["before_to"]) == ("2024-01-01", "2024-03-21")
    assert out.answer.endswith(
        "products that sold from 2024-01-01 to 2024-03-21 and not at all in it, the most "
        "first: Green tea (P4) ($30.00 before)."
    )
    coffee = top_products(context(shop), days=10, trend="stopped", category="Coffee")
    assert coffee.result["rows"] == []
    assert coffee.answer.endswith("Every product in Coffee that sold from 2024-01-01 to "
                                  "2024-03-21 sold again in it.")  # fmt: skip
