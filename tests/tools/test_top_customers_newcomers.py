"""top_customers for customers new to the store, against the hand-computed sales shop with one
more order: c4, who first ordered on 2024-01-01, orders again on 2024-03-29. First orders:
c4 2024-01-01, c3 2024-03-15, c1 2024-03-25, c2 2024-03-28 (its bare order; its lines are
on the 31st). In March c1 ($50), c3 ($40) and c2 ($18) are new, c4 ($5) returning; the
newest customers are c2, c1, c3, c4; a new customer is one whose first order ever is in the
period, as store_metrics counts them."""

from pathlib import Path

import pytest
from pydantic import ValidationError

from assistant.tools.base import ToolOutput
from assistant.tools.catalogue import CATALOGUE
from assistant.tools.data import StoreData
from assistant.tools.store_metrics import store_metrics
from assistant.tools.top_customers import top_customers
from commerce.errors import InvalidInput
from tests.tools import sales_shop
from tests.tools.conftest import context

LINES = [*sales_shop.LINES, ("o8", "c4", "2024-03-29", "P1", 1, 5.0)]


@pytest.fixture(scope="module")
def shop(tmp_path_factory: pytest.TempPathFactory) -> StoreData:
    folder: Path = tmp_path_factory.mktemp("newcomers")
    return sales_shop.store_of(folder, ("order_items", "products"), LINES)


def ids(out: ToolOutput) -> list[tuple[str, str]]:
    return [(row["customer_id"], row["first_order"]) for row in out.result["rows"]]


def test_the_newest_customers_come_first_by_their_first_order(shop: StoreData) -> None:
    out = top_customers(context(shop, "operator"), by="first_order")
    assert ids(out) == [
        ("c2", "2024-03-28"), ("c1", "2024-03-25"), ("c3", "2024-03-15"), ("c4", "2024-01-01"),
    ]  # fmt: skip
    assert out.answer.startswith(
        "Newest customers by first order to 2024-03-31 (of 4 customers who ordered): "
        "c2 (first order 2024-03-28), c1 (first order 2024-03-25), c3 (first order "
        "2024-03-15) and 1 more. c2 spent $18.00 on 2 orders"
    )
    assert "their first order ever on 2024-03-28" in out.answer


def test_a_periods_new_customers_are_those_whose_first_order_is_in_it(shop: StoreData) -> None:
    out = top_customers(context(shop, "operator"), month="2024-03", buyers="new")
    assert [row["customer_id"] for row in out.result["rows"]] == ["c1", "c3", "c2"]
    assert (out.result["ordered"], out.result["total"], out.result["buyers"]) == (3, 3, "new")
    # Shares stay of all the period's revenue: c4's $5 counts there.
    assert out.result["period_revenue"] == 113.0
    assert out.result["rows"][0]["share_of_revenue"] == round(50 / 113, 4)
    assert out.answer.startswith(
        "Top new customers by spend from 2024-03-01 to 2024-03-31 (of 3 new customers who "
        "ordered): c1 ($50.00), c3 ($40.00) and c2 ($18.00)."
    )
    assert out.answer.endswith(" New customers: their first order ever was in the period.")
    # The count is store_metrics' new customers of the same period.
    figures = store_metrics(context(shop, "operator"), month="2024-03").result["figures"]
    assert (figures["new_customers"], figures["returning_customers"]) == (3, 1)


def test_returning_customers_had_ordered_before_the_period(shop: StoreData) -> None:
    out = top_customers(context(shop, "operator"), month="2024-03", buyers="returning")
    assert ids(out) == [("c4", "2024-01-01")]
    assert out.answer.startswith(
        "Top returning customers by spend from 2024-03-01 to 2024-03-31 (of 1 returning "
        "customer who ordered): c4 ($5.00)."
    )
    over = top_customers(
        context(shop, "operator"), month="2024-03", buyers="returning", min_revenue=100
    )
    assert over.result["rows"] == []
    assert over.answer.startswith("No returning customer spent $100.00 or more from 2024-03-01")


def test_new_customers_with_bounds_a_category_and_a_count(shop: StoreData) -> None:
    tea = top_customers(context(shop, "operator"), month="2024-03", buyers="new", category="tea")
    assert [row["customer_id"] for row in tea.result["rows"]] == ["c1", "c3"]
    assert "(of 2 new customers who bought Tea)" in tea.answer
    share = top_customers(
        context(shop, "operator"), days=10, buyers="new", min_revenue=20, lead="share"
    )
    assert share.answer.startswith(
        "1 of the 2 new customers who ordered in the 10 days to 2024-03-31 (50.0%) spent "
        "$20.00 or more."
    )


def test_none_new_in_a_period_is_said(shop: StoreData) -> None:
    out = top_customers(context(shop, "operator"), year="2023", buyers="new")
    assert out.result["rows"] == []
    assert out.answer.startswith(
        "No new customers ordered from 2023-01-01 to 2023-12-31. The store's orders run from "
        "2024-01-01 to 2024-03-31."
    )


def test_none_new_after_the_last_first_order_says_when_that_was(shop: StoreData) -> None:
    out = top_customers(context(shop, "operator"), days=2, buyers="new")
    assert out.result["latest_first_order"] == "2024-03-28"
    assert out.answer.startswith(
        "No new customers ordered in the 2 days to 2024-03-31: the store's latest first order "
        "was on 2024-03-28."
    )


def test_new_or_returning_without_a_period_is_refused(shop: StoreData) -> None:
    with pytest.raises(InvalidInput, match=r"^buyers 'new' needs a period \(days, since"):
        top_customers(context(shop, "operator"), buyers="new")
    with pytest.raises(ValidationError, match="'all', 'new' or 'returning'"):
        CATALOGUE["top_customers"].args_model.model_validate({"buyers": "everyone"})
