"""The bought_with and review_ranking cards against the stub API: what one product's buyers
also bought, and products ranked by their reviews, each drawn as a ranked, sortable table
whose title says what it is; a row asks about its product. The stub gains the routes here, so
its canned answers stay as they are."""

from typing import TYPE_CHECKING, Any

import pytest

from tests.e2e.pages import ask, follow, sign_in
from tests.e2e.stub_routes import Route, answer_before_the_stub

pytestmark = pytest.mark.e2e

if TYPE_CHECKING:  # playwright may be missing: the conftest then skips every test
    from playwright.sync_api import Page


def bought_with(_customer: str) -> dict[str, Any]:
    """What bought_with returns for the buyers of one coffee (2 of 14 products above lift 1)."""
    rows = [
        {"rank": 1, "product_id": "B0029XLH4Y", "title": "Coffee filters, 100",
         "category": "Coffee", "together": 26, "share_of_buyers": 0.0131, "buyers": 59,
         "share_of_customers": 0.0025, "lift": 5.24},
        {"rank": 2, "product_id": "B001ELL4EA", "title": None, "category": None,
         "together": 41, "share_of_buyers": 0.0207, "buyers": 230,
         "share_of_customers": 0.0098, "lift": 2.11},
    ]  # fmt: skip
    return {"type": "bought_with", "from": "1997-01-01", "to": "1998-06-30",
            "orders_from": "1997-01-01", "orders_to": "1998-06-30", "product_id": "B000EYLDYE",
            "product_title": "Dark roast coffee beans, 1 kg", "buyers": 1984,
            "customers": 23570, "min_buyers": 10, "min_together": 19, "total": 14, "offset": 0,
            "rows": rows}  # fmt: skip


def review_ranking(_customer: str) -> dict[str, Any]:
    """What review_sentiment per product returns for the worst reviewed products."""
    rows = [
        {"rank": 1, "product_id": "B00X1", "title": "Instant noodles, 6 pack",
         "category": "Grocery", "reviews": 12, "negative": 7, "neutral": 1, "positive": 4,
         "negative_share": 0.5833, "positive_share": 0.3333, "mean_score": -0.21, "rated": 9,
         "mean_rating": 4.2},
        {"rank": 2, "product_id": "B00X2", "title": None, "category": None, "reviews": 5,
         "negative": 2, "neutral": 0, "positive": 3, "negative_share": 0.4,
         "positive_share": 0.6, "mean_score": 0.1, "rated": 0, "mean_rating": None},
    ]  # fmt: skip
    return {"type": "review_ranking", "per": "product", "by": "negative", "min_reviews": 5,
            "total": 2, "rows": rows}  # fmt: skip


@pytest.fixture
def product_routes(monkeypatch: pytest.MonkeyPatch) -> None:
    """The stub answers both questions, and operators may ask them."""
    routes: list[Route] = [
        ("goes with", "bought_with", {"product_id": "B000EYLDYE"}, bought_with, "Filters lead."),
        ("worst reviews", "review_sentiment", {"per": "product"}, review_ranking, "Noodles lead."),
    ]
    answer_before_the_stub(monkeypatch, routes, "bought_with")


@pytest.mark.usefixtures("product_routes")
def test_bought_with_is_a_ranked_table_of_what_its_buyers_also_bought(
    desktop: "Page", stub_url: str
) -> None:
    sign_in(desktop, stub_url, "op-key")
    card = ask(desktop, "what goes with B000EYLDYE?").locator(".card-bought_with")
    assert card.locator(".card-title").inner_text() == "Bought with Dark roast coffee beans, 1 kg"
    assert card.locator(".card-sub").inner_text() == (
        "product B000EYLDYE · 1997-01-01 to 1998-06-30 · 1,984 of 23,570 customers bought it"
    )
    lift = card.get_by_role("columnheader", name="Lift")
    assert lift.get_attribute("aria-sort") == "descending"
    first = card.locator("tbody tr").first
    assert first.locator("th").inner_text() == "Coffee filters, 100 B0029XLH4Y"
    assert first.locator("td").all_inner_texts() == [
        "1", "Coffee", "26", "1.3%", "59", "0.3%", "5.24x",
    ]  # fmt: skip
    assert first.locator("td").nth(2).evaluate("td => getComputedStyle(td).textAlign") == "right"
    card.get_by_role("button", name="Its buyers who bought it too").click()  # most together
    names = card.locator("tbody tr th").all_inner_texts()
    assert names == ["Product B001ELL4EA", "Coffee filters, 100 B0029XLH4Y"]
    _, asked = follow(
        desktop, card.get_by_role("button", name="What goes with Coffee filters, 100")
    )
    assert asked == "What goes with B0029XLH4Y?"


@pytest.mark.usefixtures("product_routes")
def test_products_ranked_by_reviews_show_their_counts_and_shares(
    desktop: "Page", stub_url: str
) -> None:
    sign_in(desktop, stub_url, "op-key")
    card = ask(desktop, "which products have the worst reviews?").locator(".card-review_ranking")
    assert card.locator(".card-title").inner_text() == (
        "Products by share of negative reviews, at least 5 reviews each"
    )
    assert card.locator(".card-sub").inner_text() == "2 products ranked · by the reviews' sentiment"
    share = card.get_by_role("columnheader", name="Share negative")
    assert share.get_attribute("aria-sort") == "descending"
    rows = card.locator("tbody tr")
    assert rows.first.locator("th").inner_text() == "Instant noodles, 6 pack B00X1"
    assert rows.first.locator("td").all_inner_texts() == [
        "1", "Grocery", "12", "7", "58%", "4", "33%", "4.2",
    ]  # fmt: skip
    assert rows.last.locator("td").last.inner_text() == "\u2013"  # no rated review: a dash
    _, asked = follow(
        desktop, card.get_by_role("button", name="Reviews of Instant noodles, 6 pack")
    )
    assert asked == "reviews of product B00X1"
