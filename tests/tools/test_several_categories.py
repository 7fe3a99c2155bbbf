"""top_products, top_customers, search_reviews and review_sentiment asked for several categories
("Tea, Coffee", as routing joins "tea or coffee"): what any of them holds, the numbers equal to
the store's own tables summed here; each category read as one is (a close misspelling said,
an unknown one refused naming it) and all of them named in the answer and the card; with
per category, the categories named side by side. One reader of the list for every tool."""

import re

import pandas as pd
import pytest

from assistant.tools.categories import categories_named
from assistant.tools.product_sales import SalesLines
from assistant.tools.products import top_products
from assistant.tools.reviews import review_sentiment, search_reviews
from assistant.tools.top_customers import top_customers
from commerce.errors import NotFound
from tests.tools.conftest import MakeContext
from tests.tools.store import PRODUCTS

BOTH = ("Tea", "Coffee")


def _of(categories: tuple[str, ...]) -> set[str]:
    return {pid for pid, (_, kind) in PRODUCTS.items() if kind in categories}


def _lines(make_ctx: MakeContext, start: str, end: str) -> pd.DataFrame:
    """The store's order lines from `start` to `end` (days, inclusive) with their customer
    and category, read from its tables here, not through the tools."""
    store = make_ctx().data.store()
    orders = store.table("orders", ["order_id", "customer_id", "ts"])
    lines = store.table("order_items").merge(orders, on="order_id")
    lines["category"] = lines["product_id"].map({p: kind for p, (_, kind) in PRODUCTS.items()})
    lines["revenue"] = lines["quantity"] * lines["price"]
    day = lines["ts"].dt.normalize()
    inside: pd.DataFrame = lines[(day >= pd.Timestamp(start)) & (day <= pd.Timestamp(end))]
    return inside


def test_top_products_of_two_categories_ranks_the_products_of_either(
    make_ctx: MakeContext,
) -> None:
    out = top_products(make_ctx("operator"), days=365, category="tea, coffee")
    result = out.result
    lines = _lines(make_ctx, result["from"], result["to"])
    both = lines[lines["category"].isin(BOTH)]
    assert result["totals"] == {
        "revenue": round(float(both["revenue"].sum()), 2),
        "orders": both["order_id"].nunique(),
        "customers": both["customer_id"].nunique(),
    }
    per_product = both.groupby("product_id")["revenue"].sum().round(2)
    assert {r["product_id"]: r["revenue"] for r in result["rows"]} == per_product.to_dict()
    assert {r["product_id"] for r in result["rows"]} == _of(BOTH)
    assert (result["category"], result["categories"]) == ("Tea and Coffee", ["Tea", "Coffee"])
    # Their revenue's change on the days before is theirs, beside their total.
    assert re.search(
        r" of Tea and Coffee \((up|down) \d+% on the 365 days before\) in ", out.answer
    )
    assert "top products by revenue in Tea and Coffee: " in out.answer
    assert out.cards[0]["category"] == "Tea and Coffee"


def test_per_category_sets_the_named_categories_side_by_side(make_ctx: MakeContext) -> None:
    out = top_products(make_ctx("operator"), year="last", category="Coffee, Tea", per="category")
    result = out.result
    lines = _lines(make_ctx, result["from"], result["to"])
    each = lines.groupby("category")["revenue"].sum().round(2)
    assert {r["category"]: r["revenue"] for r in result["rows"]} == {
        name: each[name] for name in BOTH
    }  # Snacks sold too, but was not asked about
    assert result["totals"]["revenue"] == round(float(each["Tea"] + each["Coffee"]), 2)
    ranked = sorted(BOTH, key=lambda name: -each[name])
    figures = " and ".join(f"{name} (${each[name]:,.2f})" for name in ranked)
    assert f"top categories by revenue in Coffee and Tea: {figures}. " in out.answer


def test_months_of_several_categories_count_their_lines(make_ctx: MakeContext) -> None:
    out = top_products(
        make_ctx("operator"), year="last", category="Tea, Coffee", per="month", limit=12
    )
    lines = _lines(make_ctx, out.result["from"], out.result["to"])
    both = lines[lines["category"].isin(BOTH)]
    assert len(out.result["rows"]) == out.result["total"] == 12
    assert sum(r["revenue"] for r in out.result["rows"]) == pytest.approx(both["revenue"].sum())
    assert out.result["totals"]["revenue"] == round(float(both["revenue"].sum()), 2)
    assert "Tea and Coffee's revenue in the period" in out.answer


def test_top_customers_of_two_categories_rank_by_spend_on_either(make_ctx: MakeContext) -> None:
    out = top_customers(make_ctx("operator"), category="Tea, Coffee", limit=100)
    result = out.result
    lines = _lines(make_ctx, result["from"], result["to"])
    spent = lines[lines["category"].isin(BOTH)].groupby("customer_id")["revenue"].sum()
    assert result["ordered"] == len(spent)
    assert result["period_revenue"] == round(float(spent.sum()), 2)
    assert {r["customer_id"]: r["revenue"] for r in result["rows"]} == (
        spent.round(2).sort_values(ascending=False).head(100).to_dict()
    )
    assert (result["category"], result["categories"]) == ("Tea and Coffee", ["Tea", "Coffee"])
    # What they bought of either: "of Tea and Coffee" would read as of both.
    assert out.answer.startswith("Top customers of Tea or Coffee by spend ")
    assert out.cards[0]["category"] == "Tea and Coffee"


def test_reviews_of_two_categories_are_those_of_either(make_ctx: MakeContext) -> None:
    rows = make_ctx().data.review_index().metadata
    labels = rows[rows["product_id"].isin(_of(BOTH))]["sentiment_label"].value_counts()
    summary = review_sentiment(make_ctx(), category="Tea, Coffee")
    counts = {k: v for k, v in summary.result["counts"].items() if v}
    assert counts == {str(k): int(v) for k, v in labels.items()}
    assert summary.answer.startswith(f"Of {int(labels.sum())} reviews in categories Tea and Coffee")
    filters = summary.result["filters"]
    assert (filters["category"], filters["categories"]) == ("Tea and Coffee", ["Tea", "Coffee"])
    found = search_reviews(make_ctx(), query="stale", category="Tea, Coffee", k=50)
    assert {h["product_id"] for h in found.result["hits"]} <= _of(BOTH)
    assert found.result["total"] == int(labels.sum())
    assert " in categories Tea and Coffee" in found.answer


def test_each_category_is_read_as_one_is(make_ctx: MakeContext) -> None:
    out = top_products(make_ctx("operator"), days=365, category="cofee, teas")
    assert out.result["categories"] == ["Coffee", "Tea"]
    assert out.answer.startswith("(Read 'cofee' as Coffee.) ")
    ranked = top_customers(make_ctx("operator"), category="tea, cofee")
    assert ranked.answer.startswith("(Read 'cofee' as Coffee.) ")
    once = top_products(make_ctx("operator"), days=365, category="Tea, tea")
    assert once.result["categories"] == ["Tea"] and once.result["category"] == "Tea"


@pytest.mark.parametrize("tool", [top_products, top_customers, review_sentiment])
def test_an_unknown_one_is_refused_naming_it(make_ctx: MakeContext, tool: object) -> None:
    with pytest.raises(NotFound, match="no category 'Kombucha'; known: Coffee, Snacks, Tea"):
        tool(make_ctx("operator"), category="Tea, Kombucha")  # type: ignore[operator]


def test_a_name_with_a_comma_that_is_one_category_stays_one() -> None:
    products = pd.DataFrame(
        {"title": ["Fudge", "Green tea"], "category": ["Candy, chocolate", "Tea"]},
        index=pd.Index(["P1", "P2"], name="product_id"),
    )
    day = pd.Timestamp("2024-01-01")
    sales = SalesLines(pd.DataFrame(), products, day, day, has_products=True)
    assert categories_named(sales, "candy, chocolate").names == ("Candy, chocolate",)
    assert categories_named(sales, "Tea").said == "Tea"
