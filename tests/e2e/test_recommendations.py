"""The recommendations card against the stub API: asked from the customer card's follow-up,
drawn as a ranked list (title, category, the first reason, the product id, the chance)."""

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.e2e.pages import ask, follow, last_answer, shoot, show_top, sign_in

pytestmark = pytest.mark.e2e

if TYPE_CHECKING:  # playwright may be missing: the conftest then skips every test
    from playwright.sync_api import Page


def test_the_customer_card_asks_for_recommendations_and_the_card_ranks_them(
    desktop: "Page", stub_url: str, shots: Path
) -> None:
    sign_in(desktop, stub_url, "op-key")
    customer = ask(desktop, "show customer 00042")
    answer, asked = follow(desktop, customer.get_by_role("button", name="Recommend products"))
    assert asked == "What should we recommend to 00042?"
    card = answer.locator(".card-recommendations")
    assert card.locator(".card-title").inner_text() == "Recommended for customer 00042"
    assert "4 products, most likely first" in card.inner_text()
    products = card.get_by_role("list", name="Products for customer 00042, most likely first")
    rows = products.locator("li.rec")
    assert rows.evaluate_all("els => els.map(e => e.dataset.product)") == [
        "B000EYLDYE", "B001ELL4EA", "B0029XLH4Y", "B00DS842HS",
    ]  # fmt: skip
    first = rows.first
    assert first.locator(".rec-title").inner_text() == "Dark roast coffee beans, 1 kg"
    assert first.locator(".badge").inner_text() == "Coffee"
    assert first.locator(".rec-id").inner_text() == "B000EYLDYE"  # the id stays visible
    assert first.locator(".rec-reason").inner_text() == (
        "bought Medium roast coffee beans, 500 g (Coffee); customers who buy it also buy this"
    )
    assert first.locator(".rec-chance").inner_text() == "4.1%"
    assert first.locator(".rec-more summary").inner_text() == "1 more reason"
    assert not first.locator(".rec-more li").is_visible()  # folded until asked
    # A product with no title, category or reasons still reads sensibly.
    last = rows.last
    assert last.locator(".rec-title").inner_text() == "Product B00DS842HS"
    assert last.locator(".rec-chance").inner_text() == "<0.1%"
    assert "No reason given." in last.inner_text()
    show_top(card)
    shoot(desktop, shots, "desktop-card-recommendations")
    _, asked = follow(desktop, card.get_by_role("button", name="Open customer"))
    assert asked == "show customer 00042"


def test_the_recommendations_card_fits_a_phone(phone: "Page", stub_url: str, shots: Path) -> None:
    sign_in(phone, stub_url, "mk-key")
    ask(phone, "What should we recommend to 00042?")
    card = last_answer(phone).locator(".card-recommendations")
    assert card.locator("li.rec").count() == 4
    assert card.get_by_role("button", name="Draft an offer").count() == 1  # marketers draft
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    show_top(card)
    shoot(phone, shots, "phone-card-recommendations")
