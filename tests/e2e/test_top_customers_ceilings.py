"""The top-customers card with a ceiling (top_customers' max_revenue / max_orders) and with a
product asked by a name several products share, against the stub API: the ceiling shows to
the cent as applied, with how many met it and that only customers who ordered in the period
are counted; the candidates show with their ids."""

from typing import TYPE_CHECKING

import pytest

from tests.e2e.pages import ask, sign_in
from tests.e2e.top_customers_cards import answer_with, ranking, spender

pytestmark = pytest.mark.e2e

if TYPE_CHECKING:  # playwright may be missing: the conftest then skips every test
    from playwright.sync_api import Page


@pytest.fixture
def ceiling_routes(monkeypatch: pytest.MonkeyPatch) -> None:
    """The stub answers "under 20" with the one-time buyers of 1998 who spent under $20 (2 of
    9,120 who ordered), and "earl grey" with two products of that name."""
    rows = [spender(1, "00311", revenue=19.5), spender(2, "04410", revenue=7.25)]
    under = ranking(rows, year="1998", max_revenue=19.99, max_orders=1, ordered=9120, total=2,
                    period_revenue=801234.0, **{"from": "1998-01-01"})  # fmt: skip
    answer_with(monkeypatch, "under 20", {"max_revenue": 19.99}, under, "2 customers.")
    candidates = [
        {"product_id": "B0001", "title": "Earl Grey loose leaf", "category": "Tea"},
        {"product_id": "B0002", "title": "Earl Grey tea bags", "category": "Tea"},
    ]
    named = ranking([], total=0, ordered=0, candidates=candidates, note="2 products match.")
    answer_with(monkeypatch, "earl grey", {"product_name": "earl grey"}, named, "Which one?")


@pytest.mark.usefixtures("ceiling_routes")
def test_the_ceiling_and_who_is_counted_are_shown(desktop: "Page", stub_url: str) -> None:
    sign_in(desktop, stub_url, "op-key")
    card = ask(desktop, "one-time buyers under 20 in 1998").locator(".card-top_customers")
    assert card.locator(".card-sub").inner_text() == (
        "1998-01-01 to 1998-06-30 · by spend · spent $19.99 or less · at most 1 order"
    )
    assert len(card.locator("tbody tr").all()) == 2
    text = card.inner_text()
    assert "2 of 9,120 customers spent $19.99 or less and at most 1 order" in text
    assert "Only customers who ordered in the period are counted." in text


@pytest.mark.usefixtures("ceiling_routes")
def test_products_sharing_a_name_are_listed_with_their_ids(desktop: "Page", stub_url: str) -> None:
    sign_in(desktop, stub_url, "op-key")
    card = ask(desktop, "who bought the most earl grey").locator(".card-top_customers")
    cells = card.locator("tbody tr").first.locator("td").all_inner_texts()
    assert "B0001" in card.locator("tbody tr").first.inner_text()
    assert "Earl Grey loose leaf" in cells
    assert "2 products match." in card.inner_text()
