"""The products card with `compared` (top_products given `compare_to`): the period's totals
beside the compared period's, both periods' days in the heads, each change signed to one
decimal (a dash where the compared period had none), and a note when the periods differ in
length. Without `compared` the card draws no such table."""

from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from tests.e2e.pages import ask, shoot, show_top, sign_in
from tests.e2e.stub_routes import Route, answer_before_the_stub

pytestmark = pytest.mark.e2e

if TYPE_CHECKING:  # playwright may be missing: the conftest then skips every test
    from playwright.sync_api import Locator, Page

ROW = {"rank": 1, "product_id": "B005I2C3SM", "title": "Oat cookies, 12 pack",
       "category": "Snacks", "revenue": 3546.54, "units": 245, "orders": 219, "customers": 212,
       "share_of_revenue": 0.0175, "before": 4893.47, "change": -0.2753}  # fmt: skip
DASH = "\u2013"  # what a card shows for a change it does not have


def first_half(_customer: str = "") -> dict[str, Any]:
    """top_products for the first half of 1998 as the orders reach it (181 days), alone."""
    return {"type": "products", "days": 181, "since": "1998-01-01", "until": None, "month": None,
            "quarter": None, "year": "1998", "from": "1998-01-01", "to": "1998-06-30",
            "before_from": "1997-07-04", "segment": None, "customers": None, "category": None,
            "totals": {"revenue": 512345.6, "orders": 4210, "customers": 2980},
            "by": "revenue", "per": "product", "period_revenue": 498000.0, "total": 1200,
            "offset": 0, "rows": [ROW]}  # fmt: skip


def against_1997(customer: str = "") -> dict[str, Any]:
    """The same with `compare_to` 1997: a whole year of 365 days, revenue up 12.3%, orders
    down 4%, and no customers counted then (no change can be given)."""
    compared = {"from": "1997-01-01", "to": "1997-12-31", "days": 365,
                "totals": {"revenue": 456229.4, "orders": 4385, "customers": 0},
                "change": {"revenue": 0.123, "orders": -0.04, "customers": None}}  # fmt: skip
    return first_half(customer) | {"compared": compared}


@pytest.fixture
def compared_routes(monkeypatch: pytest.MonkeyPatch) -> None:
    """The stub answers sales of 1998 against 1997, and of 1998 alone."""
    routes: list[Route] = [
        ("1998 vs 1997", "top_products", {"year": "1998", "compare_to": "1997"}, against_1997,
         "Revenue up 12.3%."),
        ("sales in 1998", "top_products", {"year": "1998"}, first_half, "The store sold."),
    ]  # fmt: skip
    answer_before_the_stub(monkeypatch, routes, "top_products")


def comparison(card: "Locator") -> "Locator":
    return card.get_by_role("region", name="Sales of the two periods")


@pytest.mark.usefixtures("compared_routes")
def test_the_compared_period_is_drawn_beside_the_period(
    desktop: "Page", stub_url: str, shots: Path
) -> None:
    sign_in(desktop, stub_url, "op-key")
    card = ask(desktop, "sales 1998 vs 1997").locator(".card-products")
    table = comparison(card)
    heads = table.locator("thead th").all_inner_texts()
    assert heads == ["Sales", "1998-01-01 to 1998-06-30", "1997-01-01 to 1997-12-31", "Change"]
    lines = [line.locator("th, td").all_inner_texts() for line in table.locator("tbody tr").all()]
    assert lines == [
        ["Revenue", "$512,346", "$456,229", "+12.3%"],
        ["Orders", "4,210", "4,385", "-4.0%"],
        ["Customers", "2,980", "0", DASH],
    ]
    assert table.locator("tbody .badge-good").inner_text() == "+12.3%"
    assert table.locator("tbody .badge-bad").inner_text() == "-4.0%"
    assert "The periods differ in length (181 and 365 days)" in card.inner_text()
    # The ranking is still drawn below.
    assert card.get_by_role("region", name="Best sellers, by revenue").count() == 1
    show_top(card)
    shoot(desktop, shots, "desktop-card-products-compared")


@pytest.mark.usefixtures("compared_routes")
def test_periods_of_one_length_have_no_note(
    desktop: "Page", stub_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    def same_length(customer: str) -> dict[str, Any]:
        answer = against_1997(customer)
        answer["compared"] |= {"from": "1997-01-01", "to": "1997-06-30", "days": 181}
        return answer

    routes: list[Route] = [("halves", "top_products", {}, same_length, "Up.")]
    answer_before_the_stub(monkeypatch, routes, "top_products")
    sign_in(desktop, stub_url, "op-key")
    card = ask(desktop, "compare the halves").locator(".card-products")
    assert comparison(card).locator("thead th").nth(2).inner_text() == "1997-01-01 to 1997-06-30"
    assert "differ in length" not in card.inner_text()


@pytest.mark.usefixtures("compared_routes")
def test_without_compared_the_card_draws_as_before(desktop: "Page", stub_url: str) -> None:
    sign_in(desktop, stub_url, "op-key")
    card = ask(desktop, "sales in 1998").locator(".card-products")
    assert comparison(card).count() == 0
    assert card.locator("table").count() == 1
    assert "The store sold $512,346 in 4,210 orders from 2,980 customers" in card.inner_text()
    assert "differ in length" not in card.inner_text()


@pytest.mark.parametrize(
    ("trend", "title"),
    [("falling", "Declining products"), ("rising", "Growing products"),
     ("stopped", "Products that stopped selling")],
)  # fmt: skip
def test_a_trend_is_titled_by_its_direction(
    desktop: "Page", stub_url: str, monkeypatch: pytest.MonkeyPatch, trend: str, title: str
) -> None:
    # A ranking of what moved was titled "Best sellers", as the top of the period's sales.
    def moved(customer: str = "") -> dict[str, Any]:
        return first_half(customer) | {"trend": trend}

    routes: list[Route] = [("which products moved", "top_products", {"trend": trend}, moved,
                            "They moved.")]  # fmt: skip
    answer_before_the_stub(monkeypatch, routes, "top_products")
    sign_in(desktop, stub_url, "op-key")
    card = ask(desktop, "which products moved").locator(".card-products")
    assert card.locator(".card-title").inner_text() == title
