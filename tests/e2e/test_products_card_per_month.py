"""The products card ranking the period's own months, quarters, weeks or weekdays
(top_products `per` "month", "quarter", "week" or "weekday"): one row per month with its
revenue, orders, customers and share, a month the period's edges cut marked "(part)" with the
days counted, no change column, and the totals and any compared period as for products;
weekdays led by their average day. A card of products still draws its product columns."""

from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from tests.e2e.pages import ask, shoot, show_top, sign_in
from tests.e2e.stub_routes import Route, answer_before_the_stub

pytestmark = pytest.mark.e2e

if TYPE_CHECKING:  # playwright may be missing: the conftest then skips every test
    from playwright.sync_api import Locator, Page

# 1997-01-15 to 1997-03-31: January is cut by the period's start, February and March are whole.
MONTHS = [
    {"rank": 1, "month": "1997-03", "from": "1997-03-01", "to": "1997-03-31", "part": False,
     "revenue": 393155.27, "orders": 9012, "customers": 8040, "share_of_revenue": 0.4612},
    {"rank": 2, "month": "1997-02", "from": "1997-02-01", "to": "1997-02-28", "part": False,
     "revenue": 301220.4, "orders": 7105, "customers": 6630, "share_of_revenue": 0.3534},
    {"rank": 3, "month": "1997-01", "from": "1997-01-15", "to": "1997-01-31", "part": True,
     "revenue": 158010.0, "orders": 3890, "customers": 3702, "share_of_revenue": 0.1854},
]  # fmt: skip
PRODUCT = {
    "rank": 1, "product_id": "B005I2C3SM", "title": "Oat cookies, 12 pack", "category": "Snacks",
    "revenue": 3546.54, "units": 245, "orders": 219, "customers": 212, "share_of_revenue": 0.0175,
    "before": 4893.47, "change": -0.2753,
}  # fmt: skip
FIGURE_HEADS = ["Revenue", "Orders", "Customers", "Share of revenue"]


def the_period(per: str, rows: list[dict[str, Any]]) -> dict[str, Any]:
    """top_products from 1997-01-15 to 1997-03-31, store-wide, ranked by revenue per `per`."""
    return {"type": "products", "days": 76, "since": "1997-01-15", "until": "1997-03-31",
            "month": None, "quarter": None, "year": None, "from": "1997-01-15",
            "to": "1997-03-31", "segment": None, "customers": None, "category": None,
            "totals": {"revenue": 852385.67, "orders": 20007, "customers": 15120},
            "by": "revenue", "per": per, "total": len(rows), "offset": 0, "rows": rows}  # fmt: skip


def per_month(_customer: str = "") -> dict[str, Any]:
    return the_period("month", MONTHS)


def per_quarter(_customer: str = "") -> dict[str, Any]:
    quarter = {"rank": 1, "quarter": "1997-Q1", "from": "1997-01-15", "to": "1997-03-31",
               "part": True, "revenue": 852385.67, "orders": 20007, "customers": 15120,
               "share_of_revenue": 1.0}  # fmt: skip
    return the_period("quarter", [quarter])


def per_week(_customer: str = "") -> dict[str, Any]:
    week = {"rank": 1, "week": "1997-03-24", "from": "1997-03-24", "to": "1997-03-30",
            "part": False, "revenue": 90120.5, "orders": 2101, "customers": 1990,
            "share_of_revenue": 0.1057}  # fmt: skip
    return the_period("week", [week])


def per_weekday(_customer: str = "") -> dict[str, Any]:
    monday = {"rank": 1, "weekday": "Monday", "days": 11, "revenue": 140000.0, "orders": 3300,
              "customers": 3100, "share_of_revenue": 0.1642, "revenue_per_day": 12727.27,
              "orders_per_day": 300.0, "customers_per_day": 281.82}  # fmt: skip
    return the_period("weekday", [monday]) | {"by": "orders"}


def per_month_against_1996(customer: str = "") -> dict[str, Any]:
    compared = {"from": "1996-01-15", "to": "1996-03-31", "days": 77,
                "totals": {"revenue": 700000.0, "orders": 18000, "customers": 14000},
                "change": {"revenue": 0.2177, "orders": 0.1115, "customers": 0.08}}  # fmt: skip
    return per_month(customer) | {"compared": compared}


def per_product(_customer: str = "") -> dict[str, Any]:
    return the_period("product", [PRODUCT]) | {"period_revenue": 852385.67, "total": 1200}


@pytest.fixture
def ranked_routes(monkeypatch: pytest.MonkeyPatch) -> None:
    """The stub ranks the period's months, its quarters, or its products."""
    routes: list[Route] = [
        ("months vs 1996", "top_products", {"per": "month", "compare_to": "1996"},
         per_month_against_1996, "Revenue up 21.8%."),
        ("by month", "top_products", {"per": "month"}, per_month, "March was best."),
        ("by quarter", "top_products", {"per": "quarter"}, per_quarter, "One quarter."),
        ("by weekday", "top_products", {"per": "weekday"}, per_weekday, "Mondays."),
        ("by week", "top_products", {"per": "week"}, per_week, "One week."),
        ("best sellers", "top_products", {}, per_product, "Oat cookies."),
    ]  # fmt: skip
    answer_before_the_stub(monkeypatch, routes, "top_products")


def ranking(card: "Locator", title: str) -> "Locator":
    return card.get_by_role("region", name=f"{title}, by revenue")


def lines(table: "Locator") -> list[list[str]]:
    return [line.locator("th, td").all_inner_texts() for line in table.locator("tbody tr").all()]


@pytest.mark.usefixtures("ranked_routes")
def test_months_are_ranked_with_their_figures_and_a_part_month_marked(
    desktop: "Page", stub_url: str, shots: Path
) -> None:
    sign_in(desktop, stub_url, "op-key")
    card = ask(desktop, "sales by month").locator(".card-products")
    assert card.locator(".card-title").inner_text() == "Best months"
    table = ranking(card, "Best months")
    assert table.locator("thead th").all_inner_texts() == ["Month", "Rank", *FIGURE_HEADS]
    assert lines(table) == [
        ["1997-03", "1", "$393,155", "9,012", "8,040", "46.1%"],
        ["1997-02", "2", "$301,220", "7,105", "6,630", "35.3%"],
        ["1997-01 (part) 1997-01-15 to 1997-01-31", "3", "$158,010", "3,890", "3,702", "18.5%"],
    ]
    # The rows have no change: no badge is drawn for one.
    assert table.locator(".badge").count() == 0
    assert "The store sold $852,386 in 20,007 orders from 15,120 customers" in card.inner_text()
    show_top(card)
    shoot(desktop, shots, "desktop-card-products-per-month")


@pytest.mark.usefixtures("ranked_routes")
def test_a_quarter_is_headed_quarter(desktop: "Page", stub_url: str) -> None:
    sign_in(desktop, stub_url, "op-key")
    card = ask(desktop, "sales by quarter").locator(".card-products")
    table = ranking(card, "Best quarters")
    assert table.locator("thead th").all_inner_texts() == ["Quarter", "Rank", *FIGURE_HEADS]
    assert lines(table) == [
        ["1997-Q1 (part) 1997-01-15 to 1997-03-31", "1", "$852,386", "20,007", "15,120", "100.0%"]
    ]


@pytest.mark.usefixtures("ranked_routes")
def test_a_week_is_named_by_its_monday(desktop: "Page", stub_url: str) -> None:
    sign_in(desktop, stub_url, "op-key")
    card = ask(desktop, "sales by week").locator(".card-products")
    assert card.locator(".card-title").inner_text() == "Best weeks"
    table = ranking(card, "Best weeks")
    assert table.locator("thead th").all_inner_texts() == ["Week of", "Rank", *FIGURE_HEADS]
    assert lines(table) == [["1997-03-24", "1", "$90,121", "2,101", "1,990", "10.6%"]]


@pytest.mark.usefixtures("ranked_routes")
def test_weekdays_lead_with_their_average_day(desktop: "Page", stub_url: str) -> None:
    sign_in(desktop, stub_url, "op-key")
    card = ask(desktop, "sales by weekday").locator(".card-products")
    title = "Best weekdays (an average day)"
    assert card.locator(".card-title").inner_text() == title
    table = card.get_by_role("region", name=f"{title}, by orders")
    assert table.locator("thead th").all_inner_texts() == [
        "Weekday", "Rank", "Orders a day", "Days in the period", *FIGURE_HEADS
    ]  # fmt: skip
    assert lines(table) == [["Monday", "1", "300", "11", "$140,000", "3,300", "3,100", "16.4%"]]


@pytest.mark.usefixtures("ranked_routes")
def test_months_against_another_period_keep_the_compared_table(
    desktop: "Page", stub_url: str
) -> None:
    sign_in(desktop, stub_url, "op-key")
    card = ask(desktop, "sales by months vs 1996").locator(".card-products")
    compared = card.get_by_role("region", name="Sales of the two periods")
    assert compared.locator("tbody tr").first.locator("th, td").all_inner_texts() == [
        "Revenue", "$852,386", "$700,000", "+21.8%"
    ]  # fmt: skip
    assert "The periods differ in length (76 and 77 days)" in card.inner_text()
    assert len(lines(ranking(card, "Best months"))) == 3


@pytest.mark.usefixtures("ranked_routes")
def test_a_card_of_products_still_draws_its_products(desktop: "Page", stub_url: str) -> None:
    sign_in(desktop, stub_url, "op-key")
    card = ask(desktop, "best sellers").locator(".card-products")
    assert card.locator(".card-title").inner_text() == "Best sellers"
    table = ranking(card, "Best sellers")
    assert table.locator("thead th").all_inner_texts() == [
        "Product", "Rank", "Category", "Revenue", "Units", "Orders", "Customers",
        "Share of revenue", "Change in revenue",
    ]  # fmt: skip
    assert lines(table) == [
        ["Oat cookies, 12 pack B005I2C3SM", "1", "Snacks", "$3,547", "245", "219", "212",
         "1.8%", "-28%"],
    ]  # fmt: skip
