"""The forecast card: weeks by their number, drawn as rates per day (a short last week is
labelled as such), whose demand it is when the forecast is limited to one segment, and one
category's part leading it without an interval; the plan card: the most any plan could add."""

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from assistant.tools.forecast_category import NO_CATEGORY_INTERVAL
from tests.e2e import canned
from tests.e2e.pages import ask, shoot, sign_in
from tests.e2e.stub_routes import Route, answer_before_the_stub

if TYPE_CHECKING:
    from playwright.sync_api import Page

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


def coffee_forecast(_: str = "") -> dict[str, Any]:
    """forecast_demand with category Coffee: the canned whole-store forecast, and Coffee's row
    of its split with the note that one category has no interval."""
    whole = {k: v for k, v in canned.forecast().items() if k not in ("segment", "customers")}
    return whole | {
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
    routes: list[Route] = [("coffee", "forecast_demand", asked, coffee_forecast, "310 orders.")]
    answer_before_the_stub(monkeypatch, routes, "forecast_demand")
    sign_in(desktop, stub_url, "op-key")
    card = ask(desktop, "how much coffee will we sell next quarter").locator(".card-forecast")
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


def test_the_plan_card_says_the_most_any_plan_could_add(desktop: "Page", stub_url: str) -> None:
    sign_in(desktop, stub_url, "op-key")
    card = ask(desktop, "plan a 5k budget").locator(".card-plan")
    assert "after costs; no plan adds over +$7,150" in card.inner_text()
