"""The top-customers card for customers new to the store, against the stub API: the newest
customers (top_customers by first_order) titled so, with their first order as a column the
table opens sorted on; a period's new customers (buyers new) with the first order shown and
who they are said under the title."""

from typing import TYPE_CHECKING

import pytest

from tests.e2e.pages import ask, sign_in
from tests.e2e.top_customers_cards import answer_with, ranking, spender

pytestmark = pytest.mark.e2e

if TYPE_CHECKING:  # playwright may be missing: the conftest then skips every test
    from playwright.sync_api import Page


@pytest.fixture
def newcomer_routes(monkeypatch: pytest.MonkeyPatch) -> None:
    """The stub answers "newest" with the two customers who first ordered last, and "joined"
    with March 1997's new customers."""
    rows = [
        spender(1, "23570", first_order="1997-03-25", revenue=12.5),
        spender(2, "23569", first_order="1997-03-24", revenue=80.0),
    ]
    newest = ranking(rows, by="first_order", buyers="all", ordered=23570, total=23570)
    answer_with(monkeypatch, "newest", {"by": "first_order"}, newest, "23570 is the newest.")
    march = ranking(list(reversed(rows)), buyers="new", month="1997-03",
                    **{"from": "1997-03-01", "to": "1997-03-31"})  # fmt: skip
    answer_with(monkeypatch, "joined", {"buyers": "new", "month": "1997-03"}, march, "2 joined.")


@pytest.mark.usefixtures("newcomer_routes")
def test_the_newest_customers_show_their_first_order(desktop: "Page", stub_url: str) -> None:
    sign_in(desktop, stub_url, "op-key")
    card = ask(desktop, "who are our newest customers").locator(".card-top_customers")
    assert card.locator(".card-title").inner_text() == "Newest customers"
    assert card.locator(".card-sub").inner_text() == (
        "1997-01-01 to 1998-06-30 · by first order, newest first"
    )
    heads = card.locator("thead th").all_inner_texts()
    assert heads[:4] == ["Customer", "Rank", "Segment", "First order"]
    first = card.locator("tbody tr").first.inner_text()
    assert "23570" in first and "1997-03-25" in first


@pytest.mark.usefixtures("newcomer_routes")
def test_a_periods_new_customers_say_who_they_are(desktop: "Page", stub_url: str) -> None:
    sign_in(desktop, stub_url, "op-key")
    card = ask(desktop, "who joined in march 1997").locator(".card-top_customers")
    assert card.locator(".card-title").inner_text() == "Top spenders"
    assert card.locator(".card-sub").inner_text() == (
        "1997-03-01 to 1997-03-31 · by spend · new customers only (first order in the period)"
    )
    assert "First order" in card.locator("thead th").all_inner_texts()
