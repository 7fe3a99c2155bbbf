"""The top-customers card for a trend (top_customers' `trend`), against the stub API: the
customers whose spend fell the most, titled so, each with their spend before and the change
beside the period's ("new" for none before), in the tool's order."""

from typing import TYPE_CHECKING

import pytest

from tests.e2e.pages import ask, sign_in
from tests.e2e.top_customers_cards import answer_with, ranking, spender

pytestmark = pytest.mark.e2e

if TYPE_CHECKING:  # playwright may be missing: the conftest then skips every test
    from playwright.sync_api import Page


@pytest.fixture
def falling_routes(monkeypatch: pytest.MonkeyPatch) -> None:
    """The stub answers "spending less" with two customers whose spend fell in the 90 days to
    1998-06-30 against the 90 before: 13167 by $899.43, 00825 by $775.95 (to nothing)."""
    rows = [
        spender(1, "13167", revenue=334.75, before=1234.18, change=-0.7288),
        spender(2, "00825", revenue=0.0, orders=0, before=775.95, change=-1.0),
    ]
    result = ranking(rows, trend="falling", days=90, before_from="1998-01-02",
                     **{"from": "1998-04-02"})  # fmt: skip
    answer_with(monkeypatch, "spending less", {"trend": "falling"}, result, "2 fell.")


@pytest.mark.usefixtures("falling_routes")
def test_falling_spend_shows_before_and_change_in_the_tools_order(
    desktop: "Page", stub_url: str
) -> None:
    sign_in(desktop, stub_url, "op-key")
    card = ask(desktop, "which customers are spending less").locator(".card-top_customers")
    assert card.locator(".card-title").inner_text() == "Customers buying less"
    assert card.locator(".card-sub").inner_text() == (
        "1998-04-02 to 1998-06-30 · by spend · against the same days before, from 1998-01-02"
    )
    heads = card.locator("thead th").all_inner_texts()
    assert heads[3:6] == ["Spent", "Before", "Change"]
    first = card.locator("tbody tr").first.locator("td").all_inner_texts()
    assert first[2:5] == ["$334.75", "$1,234", "-73%"]
    second = card.locator("tbody tr").nth(1).inner_text()
    assert "00825" in second and "-100%" in second
