"""The forecast card: weeks by their number, drawn as rates per day (a short last week is
labelled as such), whose demand it is when the forecast is limited to one segment, and one
category's part leading it without an interval, or several side by side with which sells more;
the plan card: the most any plan could add."""

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from assistant.tools.forecast_category import NO_CATEGORY_INTERVAL
from tests.e2e import canned
from tests.e2e.pages import ask, shoot, sign_in
from tests.e2e.stub_routes import Route, answer_before_the_stub

if TYPE_CHECKING:
    from playwright.sync_api import Locator, Page

pytestmark = pytest.mark.e2e


def test_the_forecast_card_names_weeks_and_the_segment(desktop: "Page", stub_url: str) -> None:
    sign_in(desktop, stub_url, "op-key")
    card = ask(desktop, "forecast the next quarter").locator(".card-forecast")
    assert "From the 412 customers in 'champions'" in card.inner_text()
    chart = card.get_by_role(
        "img",
        name=re.compile(r"^Revenue per day, by week: 13 periods from week 1 to week 13 \(6 days\)"),
    )
    assert chart.count() == 1
    assert "week 0." not in card.inner_html() and "week 1.0" not in card.inner_html()


def test_a_short_last_week_is_drawn_as_its_rate_per_day(desktop: "Page", stub_url: str) -> None:
    # The canned last week has 6 days and $2,760 against week 12's 7 and $2,830: its bar was
    # drawn lower, as if demand fell. Per day it is $460 against $404.
    sign_in(desktop, stub_url, "op-key")
    card = ask(desktop, "forecast the next quarter").locator(".card-forecast")
    bars = card.locator(".column-chart rect.bar")
    assert bars.count() == 13
    heights = [float(bars.nth(i).get_attribute("height") or "nan") for i in (11, 12)]
    assert heights[1] / heights[0] == pytest.approx((2760 / 6) / (2830 / 7), rel=1e-3)
    last = card.locator(".column-chart g").nth(12).locator("title").text_content() or ""
    assert last.startswith("week 13 (6 days): $460") and last.endswith(" a day")


def whole_store() -> dict[str, Any]:
    """The canned forecast, of every existing customer rather than one segment's."""
    return {k: v for k, v in canned.forecast().items() if k not in ("segment", "customers")}


def category_card(
    page: "Page", stub_url: str, monkeypatch: pytest.MonkeyPatch, question: str, route: Route
) -> "Locator":
    """The forecast card an operator gets for `question`, which the stub answers by `route`."""
    answer_before_the_stub(monkeypatch, [route], "forecast_demand")
    sign_in(page, stub_url, "op-key")
    return ask(page, question).locator(".card-forecast")


def coffee_forecast(_: str = "") -> dict[str, Any]:
    """forecast_demand with category Coffee: the canned whole-store forecast, and Coffee's row
    of its split with the note that one category has no interval."""
    return whole_store() | {
        "category": "Coffee",
        "category_orders": 310.0,
        "category_revenue": 12840.0,
        "category_bought": True,
        "category_interval_note": NO_CATEGORY_INTERVAL,
    }


def test_one_category_leads_without_an_interval_of_its_own(
    desktop: "Page", stub_url: str, shots: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked = {"horizon_days": 90, "category": "coffee"}
    route: Route = ("coffee", "forecast_demand", asked, coffee_forecast, "310 orders.")
    question = "how much coffee will we sell next quarter"
    card = category_card(desktop, stub_url, monkeypatch, question, route)
    assert card.locator(".card-title").inner_text() == "Coffee: forecast for the next 90 days"
    labels = [text.lower() for text in card.locator(".metric-label").all_inner_texts()]
    assert labels == [
        "expected orders holding coffee",
        "expected coffee revenue",
        "expected orders",
        "expected revenue",
    ]
    assert card.locator(".metric-value").all_inner_texts() == ["310", "$12,840", "1,240", "$41,230"]
    notes = card.locator(".metric-note").all_inner_texts()
    assert notes[:2] == ["no 90% interval for one category"] * 2
    assert notes[2].startswith("90% interval 1,100")  # the whole forecast keeps its band
    assert NO_CATEGORY_INTERVAL in card.inner_text()
    assert "Category orders" not in card.inner_text()  # drawn once, not again as a fact
    shoot(desktop, shots, "desktop-card-forecast-category")


def tea_and_coffee_forecast(_: str = "") -> dict[str, Any]:
    """forecast_demand with category "Tea, Coffee": both rows side by side, Coffee ahead on
    revenue and Tea on orders."""
    return whole_store() | {
        "categories": [
            {"category": "Tea", "orders": 330.0, "revenue": 9120.0, "bought": True},
            {"category": "Coffee", "orders": 310.0, "revenue": 12840.0, "bought": True},
        ],
        "most_revenue": "Coffee",
        "most_orders": "Tea",
        "category_interval_note": NO_CATEGORY_INTERVAL,
    }


def test_several_categories_are_drawn_side_by_side(
    desktop: "Page", stub_url: str, shots: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked = {"horizon_days": 90, "category": "Tea, Coffee"}
    route: Route = ("tea or coffee", "forecast_demand", asked, tea_and_coffee_forecast, "")
    question = "will we sell more tea or coffee next quarter"
    card = category_card(desktop, stub_url, monkeypatch, question, route)
    assert (
        card.locator(".card-title").inner_text() == "Tea and Coffee: forecast for the next 90 days"
    )
    labels = [text.lower() for text in card.locator(".metric-label").all_inner_texts()]
    assert labels[:4] == [
        "expected orders holding tea",
        "expected tea revenue",
        "expected orders holding coffee",
        "expected coffee revenue",
    ]
    assert card.locator(".metric-value").all_inner_texts()[:4] == [
        "330",
        "$9,120",
        "310",
        "$12,840",
    ]
    assert (
        "Coffee is expected to sell more by revenue; Tea is expected to sell more by orders."
        in card.inner_text()
    )
    assert "Most revenue" not in card.inner_text()  # drawn once, not again as a fact
    shoot(desktop, shots, "desktop-card-forecast-categories")


def test_the_plan_card_says_the_most_any_plan_could_add(desktop: "Page", stub_url: str) -> None:
    sign_in(desktop, stub_url, "op-key")
    card = ask(desktop, "plan a 5k budget").locator(".card-plan")
    assert "after costs; no plan adds over +$7,150" in card.inner_text()
