"""The top-customers card (top_customers) against the stub API: who spent the most in a period,
drawn as a ranked, sortable table with their risk now, each row opening the customer's profile.
The stub gains the route here (top_customers_cards.py), so its canned answers stay as they
are."""

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.e2e.pages import ask, follow, last_answer, shoot, show_top, sign_in
from tests.e2e.top_customers_cards import answer_with, ranking, spender

pytestmark = pytest.mark.e2e
DASH = "\u2013"  # what a card shows for a value it does not have

if TYPE_CHECKING:  # playwright may be missing: the conftest then skips every test
    from playwright.sync_api import Page


@pytest.fixture
def spender_routes(monkeypatch: pytest.MonkeyPatch) -> None:
    """The stub answers "top spenders" with 1997's biggest spenders (2 of 11,522 who
    ordered)."""
    rows = [
        spender(1, "07592", revenue=10417.05, orders=143, share_of_revenue=0.0051,
                segment="champions", churn_risk=0.0042, clv=7169.83, value_at_risk=30.43),
        spender(2, "19339", revenue=6552.7, orders=12, last_order="1997-11-02",
                share_of_revenue=0.0032),
    ]  # fmt: skip
    result = ranking(rows, year="1997", days=365, to="1997-12-31", period_revenue=2045123.5,
                     ordered=11522, total=11522)  # fmt: skip
    answer_with(monkeypatch, "top spenders", {"year": "1997"}, result, "07592 leads.")


@pytest.mark.usefixtures("spender_routes")
def test_top_spenders_are_a_ranked_table_that_opens_profiles(
    desktop: "Page", stub_url: str, shots: Path
) -> None:
    sign_in(desktop, stub_url, "op-key")
    card = ask(desktop, "top spenders of 1997").locator(".card-top_customers")
    assert card.locator(".card-title").inner_text() == "Top spenders"
    assert card.locator(".card-sub").inner_text() == "1997-01-01 to 1997-12-31 · by spend"
    heads = card.locator("thead th").all_inner_texts()
    assert heads[:3] == ["Customer", "Rank", "Segment"]
    assert heads[-2:] == ["Churn risk now", "Predicted value"]
    first = card.locator("tbody tr").first.locator("td").all_inner_texts()
    assert first == ["1", "champions", "$10,417", "143", "0.5%", "1997-12-12", "0%", "$7,170"]
    # A customer never scored (nor put in a segment) shows dashes, not zeros.
    second = card.locator("tbody tr").nth(1).locator("td").all_inner_texts()
    assert second[-2:] == [DASH, DASH] and second[1] == DASH
    assert "11,522 customers ordered · $2,045,124 revenue in the period" in card.inner_text()
    show_top(card)
    shoot(desktop, shots, "desktop-card-top-customers")
    _, asked = follow(desktop, card.get_by_role("button", name="Open customer 19339"))
    assert asked == "show customer 19339"


@pytest.mark.usefixtures("spender_routes")
def test_the_top_customers_card_fits_a_phone(phone: "Page", stub_url: str) -> None:
    sign_in(phone, stub_url, "op-key")
    ask(phone, "top spenders of 1997")
    card = last_answer(phone).locator(".card-top_customers")
    assert card.locator("tbody tr").count() == 2
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
