"""The catalogue's titles and ids as product names are matched against them
(product_titles.py): read once per store version, and read again when events grow the store,
so a product added since is found by its name and its id in any case."""

import pandas as pd
import pytest

from assistant.tools.product_sales import SalesLines, cached_sales
from assistant.tools.product_titles import ProductTitles, product_titles
from assistant.tools.top_customers import top_customers
from commerce.errors import NotFound
from tests.tools import sales_shop
from tests.tools.conftest import context


def test_titles_are_read_once_per_store_version(tmp_path_factory: pytest.TempPathFactory) -> None:
    data = sales_shop.store_of(tmp_path_factory.mktemp("grown"), ("order_items", "products"))
    sales = cached_sales(data)
    assert sales is not None
    first = product_titles(data, sales)
    assert product_titles(data, sales) is first
    with pytest.raises(NotFound, match="no product named 'shortbread'"):
        top_customers(context(data, "operator"), product_name="shortbread")
    data.workspace.grow(
        {
            "products": pd.DataFrame(
                {"product_id": ["P5"], "title": ["Shortbread  Fingers"], "category": ["Snacks"]}
            ),
            "orders": pd.DataFrame(
                {
                    "order_id": ["o9"],
                    "customer_id": ["c2"],
                    "ts": [pd.Timestamp("2024-03-30")],
                    "amount": [4.0],
                }
            ),
            "order_items": pd.DataFrame(
                {"order_id": ["o9"], "product_id": ["P5"], "quantity": [2], "price": [2.0]}
            ),
        }
    )
    grown = cached_sales(data)
    assert grown is not None and product_titles(data, grown) is not first
    named = top_customers(context(data, "operator"), product_name="FINGERS shortbread")
    assert (named.result["product_id"], named.result["product_title"]) == (
        "P5", "Shortbread  Fingers",
    )  # fmt: skip
    assert [(r["customer_id"], r["revenue"]) for r in named.result["rows"]] == [("c2", 4.0)]
    by_id = top_customers(context(data, "operator"), product_id="p5")
    assert by_id.result["product_id"] == "P5"


def test_titles_and_ids_are_matched_as_people_type_them() -> None:
    products = pd.DataFrame(
        {"title": ["Earl  Grey TEA", None, "earl grey tea"], "category": ["Tea", None, "Tea"]},
        index=pd.Index(["T1", "t1", "T2"], name="product_id"),
    )
    day = pd.Timestamp("2024-03-31")
    lines = pd.DataFrame({"product_id": ["T1", "Z9"]})
    titles = ProductTitles(SalesLines(lines, products, day, day, has_products=True))
    assert (titles.ids("t1"), titles.ids("T1"), titles.ids("z9")) == (["t1"], ["T1"], ["Z9"])
    assert (titles.ids("z9", sold=False), sorted(titles.ids("t2"))) == ([], ["T2"])
    assert titles.titled(" EARL grey  tea") == ["T1", "T2"]
    assert titles.holding({"tea", "earl"}) == ["T1", "T2"]
    assert titles.holding({"tea", "coffee"}) == titles.holding(set()) == []
    listed = titles.listed(["T2", "Z9", "T1"])  # by title as matched, then id
    assert listed.index.tolist() == ["Z9", "T1", "T2"]
    assert listed.to_dict("index")["Z9"] == {"title": None, "category": None}
