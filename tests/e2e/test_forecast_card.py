"""The forecast card: weeks by their number, drawn as rates per day (a short last week is
labelled as such), and whose demand it is when the forecast is limited to one segment; the plan
card: the most any plan could add."""

import re
from typing import TYPE_CHECKING

import pytest

from tests.e2e.pages import ask, sign_in

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


def test_the_plan_card_says_the_most_any_plan_could_add(desktop: "Page", stub_url: str) -> None:
    sign_in(desktop, stub_url, "op-key")
    card = ask(desktop, "plan a 5k budget").locator(".card-plan")
    assert "after costs; no plan adds over +$7,150" in card.inner_text()
