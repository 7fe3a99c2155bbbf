"""The products card (top_products) against the stub API: best sellers drawn as a ranked,
sortable table with the Rank column, changes as badges, and whole categories that open their
own best sellers. The stub gains the route here, so its canned answers stay as they are."""

from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from tests.e2e.pages import ask, follow, last_answer, shoot, show_top, sign_in
from tests.e2e.stub_routes import Route, answer_before_the_stub

pytestmark = pytest.mark.e2e

if TYPE_CHECKING:  # playwright may be missing: the conftest then skips every test
    from playwright.sync_api import Page

PERIOD = {"days": 90, "from": "1998-04-02", "to": "1998-06-30", "before_from": "1998-01-02",
          "segment": "champions", "customers": 7000, "by": "revenue", "period_revenue": 202081.3,
          "offset": 0}  # fmt: skip


def products(_customer: str) -> dict[str, Any]:
    """What top_products returns for champions' best sellers (a page of 3 of 3,643)."""
    rows = [
        {"rank": 1, "product_id": "B005I2C3SM", "title": "Oat cookies, 12 pack",
         "category": "Snacks", "revenue": 3546.54, "units": 245, "orders": 219, "customers": 212,
         "share_of_revenue": 0.0175, "before": 4893.47, "change": -0.2753},
        {"rank": 2, "product_id": "B004134H9W", "title": None, "category": None,
         "revenue": 2447.55, "units": 159, "orders": 139, "customers": 136,
         "share_of_revenue": 0.0121, "before": 2273.98, "change": 0.0763},
        {"rank": 3, "product_id": "B000CBR2I0", "title": "Green tea B000CBR2I0",
         "category": "Tea", "revenue": 51.89, "units": 4, "orders": 4, "customers": 4,
         "share_of_revenue": 0.0003, "before": 0.0, "change": None},
    ]  # fmt: skip
    return {"type": "products", **PERIOD, "category": None, "per": "product", "total": 3643,
            "rows": rows}  # fmt: skip


def categories(_customer: str) -> dict[str, Any]:
    rows = [
        {"rank": 1, "category": "Grocery", "products": 1095, "revenue": 60434.8, "units": 4254,
         "orders": 2423, "customers": 1567, "share_of_revenue": 0.2991, "before": 75202.18,
         "change": -0.1964},
        {"rank": 2, "category": "Sauces & spices", "products": 447, "revenue": 25370.66,
         "units": 1778, "orders": 1084, "customers": 778, "share_of_revenue": 0.1255,
         "before": 30638.02, "change": -0.1719},
    ]  # fmt: skip
    # Every order's lines come to its amount: one total, so the lines' is not named again.
    return {"type": "products", **PERIOD, "category": None, "per": "category", "total": 10,
            "rows": rows, "orders_without_lines": 0, "orders_unlike_lines": 0}  # fmt: skip


def first_quarter(customer: str) -> dict[str, Any]:
    """Whole categories of a calendar quarter, store-wide."""
    period = {"quarter": "Q1", "days": 90, "from": "1998-01-01", "to": "1998-03-31",
              "before_from": "1997-10-03", "segment": None, "customers": None}  # fmt: skip
    return categories(customer) | period


def coffee(customer: str) -> dict[str, Any]:
    """Coffee's best sellers store-wide, opening with what Coffee sold (its order lines)."""
    totals = {"revenue": 34294.3, "orders": 1461, "customers": 954}
    return products(customer) | {"segment": None, "category": "Coffee", "totals": totals}


@pytest.fixture
def sales_routes(monkeypatch: pytest.MonkeyPatch) -> None:
    """The stub answers sales questions, and operators may ask them."""
    routes: list[Route] = [
        (
            "q1 categories",
            "top_products",
            {"per": "category", "quarter": "Q1"},
            first_quarter,
            "Grocery leads.",
        ),
        ("top categories", "top_products", {"per": "category"}, categories, "Grocery leads."),
        ("coffee sales", "top_products", {"category": "Coffee"}, coffee, "Coffee sold."),
        ("best sellers", "top_products", {"segment": "champions"}, products, "Cookies lead."),
    ]
    answer_before_the_stub(monkeypatch, routes, "top_products")


@pytest.mark.usefixtures("sales_routes")
def test_best_sellers_are_a_ranked_sortable_table(
    desktop: "Page", stub_url: str, shots: Path
) -> None:
    sign_in(desktop, stub_url, "op-key")
    card = ask(desktop, "best sellers among champions").locator(".card-products")
    assert card.locator(".card-title").inner_text() == "Best sellers"
    assert card.locator(".card-sub").inner_text() == (
        "90 days to 1998-06-30 · by revenue · segment champions"
    )
    heads = card.locator("thead th").all_inner_texts()
    assert heads[:3] == ["Product", "Rank", "Category"] and heads[-1] == "Change in revenue"
    first = card.locator("tbody tr").first
    assert first.locator("th").inner_text() == "Oat cookies, 12 pack B005I2C3SM"
    cells = first.locator("td").all_inner_texts()
    assert cells == ["1", "Snacks", "$3,547", "245", "219", "212", "1.8%", "-28%"]
    changes = card.locator("tbody tr td:last-child").all_inner_texts()
    assert changes == ["-28%", "+8%", "new"]
    # A title holding the id is not followed by it again; no title shows the id.
    names = card.locator("tbody tr th").all_inner_texts()
    assert names[1:] == ["Product B004134H9W", "Green tea B000CBR2I0"]
    # Orders and lines not known to agree: the lines' own total is named as theirs.
    assert "3,643 products sold · $202,081 in all products' order lines" in card.inner_text()
    card.get_by_role("button", name="Revenue", exact=True).click()  # ascending after descending
    card.get_by_role("button", name="Revenue", exact=True).click()
    ranks = card.locator("tbody tr td:first-of-type").all_inner_texts()
    assert ranks == ["3", "2", "1"]
    show_top(card)
    shoot(desktop, shots, "desktop-card-products")


@pytest.mark.usefixtures("sales_routes")
def test_a_category_s_totals_say_they_are_that_category_s(desktop: "Page", stub_url: str) -> None:
    # The totals of a category are its order lines', not the whole store's.
    sign_in(desktop, stub_url, "op-key")
    card = ask(desktop, "coffee sales").locator(".card-products")
    assert "The store sold $34,294 of Coffee in 1,461 orders from 954 customers" in (
        card.inner_text()
    )


@pytest.mark.usefixtures("sales_routes")
def test_a_category_opens_its_own_best_sellers(desktop: "Page", stub_url: str) -> None:
    sign_in(desktop, stub_url, "op-key")
    card = ask(desktop, "top categories among champions").locator(".card-products")
    assert card.locator(".card-title").inner_text() == "Top categories"
    assert card.locator("thead th").all_inner_texts()[:3] == ["Category", "Rank", "Products sold"]
    assert "10 categories sold" in card.inner_text()
    assert "order lines" not in card.inner_text()
    _, asked = follow(desktop, card.get_by_role("button", name="Best sellers in Sauces & spices"))
    assert asked == (
        "Best sellers in the Sauces & spices category among champions in the last 90 days"
    )


@pytest.mark.usefixtures("sales_routes")
def test_a_category_of_a_calendar_period_opens_the_same_days(
    desktop: "Page", stub_url: str
) -> None:
    sign_in(desktop, stub_url, "op-key")
    card = ask(desktop, "q1 categories").locator(".card-products")
    assert card.locator(".card-sub").inner_text() == "1998-01-01 to 1998-03-31 · by revenue"
    _, asked = follow(desktop, card.get_by_role("button", name="Best sellers in Grocery"))
    assert asked == "Best sellers in the Grocery category from 1998-01-01 to 1998-03-31"


@pytest.mark.usefixtures("sales_routes")
def test_the_products_card_fits_a_phone(phone: "Page", stub_url: str, shots: Path) -> None:
    sign_in(phone, stub_url, "op-key")
    ask(phone, "best sellers among champions")
    card = last_answer(phone).locator(".card-products")
    assert card.locator("tbody tr").count() == 3
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    show_top(card)
    shoot(phone, shots, "phone-card-products")
