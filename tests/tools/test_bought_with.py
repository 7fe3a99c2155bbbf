"""bought_with on a hand-made store whose counts are worked out below: the ranking by lift
(the best seller everyone buys is not listed, a pair two customers share is noise), the
counts behind each product, per customer not per order, the period, paging, and the
refusals (unknown product, a category, too few buyers, several products of one name)."""

import pytest

from assistant.tools.bought_with import bought_with
from assistant.tools.catalogue import run_tool
from assistant.tools.data import StoreData
from commerce.errors import Forbidden, InvalidInput, NotFound
from tests.tools import sales_shop
from tests.tools.conftest import context

PRODUCTS = [
    ("PX", "Earl Grey tea", "Tea"),
    ("PB", "Butter biscuits", "Snacks"),
    ("PH", "Honey jar", "Pantry"),
    ("PL", "Lemon curd", "Pantry"),
    ("PT", "Teapot", "Tea"),
    ("PS", "Sugar", "Pantry"),
    ("PG", "Earl Grey cake", "Snacks"),
]
CUSTOMERS = [f"c{n:02}" for n in range(1, 21)]  # 20 customers, every one buys PB
# PX: c01-c10 (10 buyers; c10 on 2024-01-05, before the last 30 days).
# PB: all 20, so its buyers' share among PX's (10 of 10) is everyone's (20 of 20): lift 1.
# PH: c01-c06 and c11 (7 buyers; c01 twice): 6 of PX's 10 (60%) against 7 of 20 (35%): 1.71.
# PL: c01-c03, each in an order without PX: 3 of 10 (30%) against 3 of 20 (15%): 2.0.
# PT: c01-c02 only: 2 of PX's buyers, under the floor of 3.
# PS: c11-c20 and c01: 1 of PX's buyers.
# PG: c20 alone.
Line = tuple[str, str, str, str, int, float]


def _lines() -> list[Line]:
    lines: list[Line] = []
    for n, customer in enumerate(CUSTOMERS, start=1):
        order = f"o{n:02}"
        lines.append((order, customer, "2024-03-20", "PB", 1, 3.0))
        if n <= 10:
            day = "2024-01-05" if n == 10 else "2024-03-20"
            lines.append((f"{order}x", customer, day, "PX", 1, 6.0))
        if n <= 6 or n == 11:
            lines.append((order, customer, "2024-03-20", "PH", 1, 4.0))
        if n <= 3:
            lines.append((f"{order}l", customer, "2024-03-25", "PL", 2, 2.5))
        if n <= 2:
            lines.append((order, customer, "2024-03-20", "PT", 1, 20.0))
        if n >= 11 or n == 1:
            lines.append((order, customer, "2024-03-20", "PS", 1, 1.0))
    lines.append(("o01h", "c01", "2024-03-31", "PH", 3, 4.0))  # PH again: c01 counts once
    lines.append(("o20g", "c20", "2024-03-31", "PG", 1, 5.0))
    return lines


@pytest.fixture(scope="module")
def shop(tmp_path_factory: pytest.TempPathFactory) -> StoreData:
    return sales_shop.store_of(
        tmp_path_factory.mktemp("bought_with"), ("order_items", "products"), _lines(), PRODUCTS
    )


def test_ranked_by_lift_with_the_counts_behind_it(shop: StoreData) -> None:
    out = bought_with(context(shop, "marketer"), product_id="px")  # any case
    result = out.result
    assert (result["product_id"], result["product_title"]) == ("PX", "Earl Grey tea")
    assert (result["buyers"], result["customers"], result["total"]) == (10, 20, 2)
    assert result["rows"] == [
        {"rank": 1, "product_id": "PL", "title": "Lemon curd", "category": "Pantry",
         "together": 3, "share_of_buyers": 0.3, "buyers": 3, "share_of_customers": 0.15,
         "lift": 2.0},
        {"rank": 2, "product_id": "PH", "title": "Honey jar", "category": "Pantry",
         "together": 6, "share_of_buyers": 0.6, "buyers": 7, "share_of_customers": 0.35,
         "lift": 1.71},
    ]  # fmt: skip
    assert out.answer == (
        "The 10 customers who bought Earl Grey tea (PX) from 2024-01-05 to 2024-03-31 bought "
        "these more often than the store's customers overall: Lemon curd (PL) and Honey jar (PH). "
        "Lemon curd (PL): bought by 3 of them (30.0%), against 15.0% of all 20 customers of "
        "the period (3): 2.0x as often. Ranked by that ratio (lift), among products at least 3 "
        "of them bought."
    )
    assert out.cards[0]["type"] == "bought_with" and out.rows == 2


def test_pages_and_names(shop: StoreData) -> None:
    second = bought_with(context(shop, "operator"), product_name="EARL grey TEA", offset=1)
    assert [r["product_id"] for r in second.result["rows"]] == ["PH"]
    assert second.result["rows"][0]["rank"] == 2
    assert "(product 2 of 2)" in second.answer
    past = bought_with(context(shop, "operator"), product_id="PX", offset=5)
    assert past.answer.startswith("There are only 2 products bought more often by the 10 ")


def test_several_products_of_a_name_are_listed_to_choose_from(shop: StoreData) -> None:
    out = bought_with(context(shop, "operator"), product_name="earl grey")
    assert [c["product_id"] for c in out.result["candidates"]] == ["PG", "PX"]
    assert out.result["rows"] == []
    assert out.answer == (
        "2 products match 'earl grey': Earl Grey cake (PG); Earl Grey tea (PX). Ask again with "
        'one product\'s id (e.g. "what do people buy with PG") or more of its name.'
    )


def test_too_few_buyers_are_said_plainly(shop: StoreData) -> None:
    # In the last 30 days PX has 9 buyers (c10 bought it on 2024-01-05).
    out = bought_with(context(shop, "operator"), product_id="PX", days=30)
    assert (out.result["buyers"], out.result["rows"]) == (9, [])
    assert out.answer == (
        "Only 9 customers bought Earl Grey tea (PX) in the 30 days to 2024-03-31: too few to "
        "tell what its buyers favour (at least 10 are needed). Ask about a longer period or a "
        "product more customers bought."
    )
    assert out.result["note"] == out.answer
    nobody = bought_with(context(shop, "operator"), product_id="PX", year="2023")
    assert nobody.answer == (
        "Nobody bought Earl Grey tea (PX) from 2023-01-01 to 2023-12-31. The store's orders "
        "run from 2024-01-05 to 2024-03-31."
    )


def test_nothing_bought_clearly_more_often_is_said(shop: StoreData) -> None:
    # PB's 20 buyers are everyone: every other product is bought by them as by all.
    out = bought_with(context(shop, "operator"), product_name="butter biscuits")
    assert (out.result["total"], out.result["rows"]) == (0, [])
    assert out.answer.startswith("No other product was bought by at least 3 of the 20 ")


def test_refusals_name_what_is_wrong(shop: StoreData) -> None:
    ctx = context(shop, "operator")
    with pytest.raises(NotFound, match="no product 'P9'"):
        bought_with(ctx, product_id="P9")
    with pytest.raises(NotFound, match="no product named 'scones'"):
        bought_with(ctx, product_name="scones")
    with pytest.raises(InvalidInput, match="'pantry' is the category Pantry, not one product"):
        bought_with(ctx, product_name="pantry")
    with pytest.raises(InvalidInput, match="give product_id or product_name"):
        bought_with(ctx)
    with pytest.raises(InvalidInput, match="not both"):
        bought_with(ctx, product_id="PX", product_name="earl grey tea")
    with pytest.raises(Forbidden, match="support role may not use bought_with"):
        run_tool(context(shop, "support"), "bought_with", {"product_id": "PX"})


def test_a_store_without_order_lines_says_so(tmp_path_factory: pytest.TempPathFactory) -> None:
    bare = sales_shop.store_of(tmp_path_factory.mktemp("bare"), (), _lines(), PRODUCTS)
    out = bought_with(context(bare, "operator"), product_id="PX")
    assert out.result["rows"] == [] and "no order lines" in out.answer
