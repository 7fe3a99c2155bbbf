"""The top-customers card with a floor and a category (top_customers' min_revenue and category)
against the stub API: the floor shows to the cent as applied, with how many customers met it,
and the units bought of the category beside the spend."""

from typing import TYPE_CHECKING

import pytest

from tests.e2e.pages import ask, sign_in
from tests.e2e.top_customers_cards import answer_with, ranking, spender

pytestmark = pytest.mark.e2e

if TYPE_CHECKING:  # playwright may be missing: the conftest then skips every test
    from playwright.sync_api import Page


@pytest.fixture
def tea_routes(monkeypatch: pytest.MonkeyPatch) -> None:
    """The stub answers "tea over 1000" with who spent over $1,000 on Tea (1 of 40 who
    bought it)."""
    rows = [spender(1, "07592", revenue=1250.5, orders=14, units=96, share_of_revenue=0.081,
                    segment="champions")]  # fmt: skip
    result = ranking(rows, category="Tea", min_revenue=1000.01, period_revenue=15438.2,
                     ordered=40, total=1)  # fmt: skip
    answer_with(monkeypatch, "tea over 1000", {"category": "Tea"}, result, "1 customer.")


@pytest.mark.usefixtures("tea_routes")
def test_the_floor_and_the_category_are_shown(desktop: "Page", stub_url: str) -> None:
    sign_in(desktop, stub_url, "op-key")
    card = ask(desktop, "tea over 1000").locator(".card-top_customers")
    assert card.locator(".card-title").inner_text() == "Top spenders of Tea"
    assert card.locator(".card-sub").inner_text() == (
        "1997-01-01 to 1998-06-30 · by spend · of Tea · spent $1,000.01 or more"
    )
    heads = card.locator("thead th").all_inner_texts()
    assert "Units" in heads
    assert "96" in card.locator("tbody tr").first.locator("td").all_inner_texts()
    text = card.inner_text()
    assert "1 of 40 customers spent $1,000.01 or more" in text
    assert "40 customers bought Tea" in text


@pytest.fixture
def per_order_routes(monkeypatch: pytest.MonkeyPatch) -> None:
    """The stub answers "average order over 50" with who averaged $50.01 or more an order."""
    rows = [spender(1, "07592", revenue=13990.93, orders=201, average_order=69.61)]
    result = ranking(rows, min_average_order=50.01, ordered=23570, total=3704)
    answer_with(monkeypatch, "average order over 50", {"min_average_order": 50.01}, result, "1.")


@pytest.mark.usefixtures("per_order_routes")
def test_a_bound_per_order_shows_each_average(desktop: "Page", stub_url: str) -> None:
    sign_in(desktop, stub_url, "op-key")
    card = ask(desktop, "customers whose average order over 50").locator(".card-top_customers")
    assert card.locator(".card-sub").inner_text().endswith("averaged $50.01 or more an order")
    heads = card.locator("thead th").all_inner_texts()
    assert heads[heads.index("Orders") + 1] == "Average order"
    assert "$69.61" in card.locator("tbody tr").first.locator("td").all_inner_texts()
    assert "3,704 of 23,570 customers averaged $50.01 or more an order" in card.inner_text()
