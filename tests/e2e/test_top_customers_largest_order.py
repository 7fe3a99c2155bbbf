"""The top-customers card ranked by each customer's largest single order (top_customers by
largest_order) or average order (by average_order), against the stub API: titled so, the
amount as a column beside the orders, and the ranking named in the subtitle."""

from typing import TYPE_CHECKING

import pytest

from tests.e2e.pages import ask, sign_in
from tests.e2e.top_customers_cards import answer_with, ranking, spender

pytestmark = pytest.mark.e2e

if TYPE_CHECKING:  # playwright may be missing: the conftest then skips every test
    from playwright.sync_api import Page


@pytest.fixture
def largest_routes(monkeypatch: pytest.MonkeyPatch) -> None:
    """The stub answers "biggest" with two customers and their largest orders, "per order"
    with two and their average orders."""
    rows = [
        spender(1, "08830", revenue=1800.17, orders=11, largest_order=1286.01),
        spender(2, "18847", revenue=1200.0, orders=3, largest_order=1119.68),
    ]
    largest = ranking(rows, by="largest_order", ordered=23570, total=23570)
    answer_with(monkeypatch, "biggest", {"by": "largest_order"}, largest, "08830 first.")
    averaged = [
        spender(1, "18847", revenue=1119.68, orders=1, average_order=1119.68),
        spender(2, "15238", revenue=1089.66, orders=2, average_order=544.83),
    ]
    by_average = ranking(averaged, by="average_order", ordered=23570, total=23570)
    answer_with(monkeypatch, "per order", {"by": "average_order"}, by_average, "18847 first.")


@pytest.mark.usefixtures("largest_routes")
def test_the_largest_orders_are_shown_beside_the_orders(desktop: "Page", stub_url: str) -> None:
    sign_in(desktop, stub_url, "op-key")
    card = ask(desktop, "who placed the biggest single order").locator(".card-top_customers")
    assert card.locator(".card-title").inner_text() == "Largest single orders"
    assert card.locator(".card-sub").inner_text() == (
        "1997-01-01 to 1998-06-30 · by largest single order"
    )
    heads = card.locator("thead th").all_inner_texts()
    assert heads[heads.index("Orders") + 1] == "Largest order"
    assert "\t11\t$1,286\t" in card.locator("tbody tr").first.inner_text()  # whole dollars


@pytest.mark.usefixtures("largest_routes")
def test_the_average_orders_are_shown_beside_the_orders(desktop: "Page", stub_url: str) -> None:
    sign_in(desktop, stub_url, "op-key")
    card = ask(desktop, "who spends the most per order").locator(".card-top_customers")
    assert card.locator(".card-title").inner_text() == "Highest average orders"
    assert card.locator(".card-sub").inner_text() == "1997-01-01 to 1998-06-30 · by average order"
    heads = card.locator("thead th").all_inner_texts()
    assert heads[heads.index("Orders") + 1] == "Average order"
