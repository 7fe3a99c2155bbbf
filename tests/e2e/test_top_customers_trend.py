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


@pytest.fixture
def compared_routes(monkeypatch: pytest.MonkeyPatch) -> None:
    """The stub answers "spent less in 1998 than 1997" with one customer whose 1998 spend fell
    against 1997 (compare_to): 07592, $3,573.88 against $10,417.05."""
    rows = [spender(1, "07592", revenue=3573.88, before=10417.05, change=-0.6569)]
    result = ranking(rows, trend="falling", year="1998", compare_to="1997",
                     before_from="1997-01-01", before_to="1997-12-31",
                     **{"from": "1998-01-01"})  # fmt: skip
    answer_with(monkeypatch, "spent less in 1998 than 1997", {"trend": "falling"}, result, "1.")


@pytest.mark.usefixtures("compared_routes")
def test_a_named_period_heads_the_column_and_gives_its_days(desktop: "Page", stub_url: str) -> None:
    sign_in(desktop, stub_url, "op-key")
    question = "which customers spent less in 1998 than 1997"
    card = ask(desktop, question).locator(".card-top_customers")
    assert card.locator(".card-sub").inner_text() == (
        "1998-01-01 to 1998-06-30 · by spend · against 1997-01-01 to 1997-12-31"
    )
    heads = card.locator("thead th").all_inner_texts()
    assert heads[3:6] == ["Spent", "1997", "Change"]


@pytest.fixture
def stopped_routes(monkeypatch: pytest.MonkeyPatch) -> None:
    """The stub answers "stopped buying tea" with one customer who bought $1,135.60 of Tea
    before the last 90 days and none in them."""
    rows = [spender(1, "20944", revenue=0.0, orders=0, before=1135.6, change=-1.0)]
    result = ranking(rows, trend="stopped", days=90, category="Tea", before_from="1997-01-01",
                     before_to="1998-04-01", **{"from": "1998-04-02"})  # fmt: skip
    answer_with(monkeypatch, "stopped buying tea", {"trend": "stopped"}, result, "1.")


@pytest.mark.usefixtures("stopped_routes")
def test_who_stopped_buying_is_titled_so_with_every_day_before(
    desktop: "Page", stub_url: str
) -> None:
    sign_in(desktop, stub_url, "op-key")
    card = ask(desktop, "which customers stopped buying tea").locator(".card-top_customers")
    assert card.locator(".card-title").inner_text() == "Customers who stopped buying Tea"
    assert "against 1997-01-01 to 1998-04-01" in card.locator(".card-sub").inner_text()
    first = card.locator("tbody tr").first.inner_text()
    assert "20944" in first and "-100%" in first


@pytest.fixture
def returned_routes(monkeypatch: pytest.MonkeyPatch) -> None:
    """The stub answers "bought tea again" with one customer who bought Tea in 1997 and again
    in 1998."""
    rows = [spender(1, "07592", revenue=2380.58, before=6844.59, change=-0.6522)]
    result = ranking(rows, trend="returned", year="1998", category="Tea", compare_to="1997",
                     before_from="1997-01-01", before_to="1997-12-31",
                     **{"from": "1998-01-01"})  # fmt: skip
    answer_with(monkeypatch, "bought tea", {"trend": "returned"}, result, "1.")


@pytest.mark.usefixtures("returned_routes")
def test_who_came_back_is_titled_so_against_the_period_named(
    desktop: "Page", stub_url: str
) -> None:
    sign_in(desktop, stub_url, "op-key")
    asked = "customers who bought tea in 1997 and again in 1998"
    card = ask(desktop, asked).locator(".card-top_customers")
    assert card.locator(".card-title").inner_text() == "Customers who bought Tea again"
    assert "against 1997-01-01 to 1997-12-31" in card.locator(".card-sub").inner_text()
    heads = card.locator("thead th").all_inner_texts()
    assert "1997" in heads and "Change" in heads  # the spend in compare_to's period beside
