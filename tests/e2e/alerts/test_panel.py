"""The alerts bell and panel against the stub API (tests/e2e/stub_alerts.py): the open count,
alerts arriving live over the stream, Acknowledge, the reconnect after a dropped stream,
keyboard use and the phone layout."""

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.e2e.alerts.board import (
    NEW_ALERT,
    Board,
    bell,
    item,
    open_panel,
    sign_in_to_the_board,
    wait_count,
)
from tests.e2e.canned import HOSTILE
from tests.e2e.pages import shoot, wait_answer

pytestmark = pytest.mark.e2e

if TYPE_CHECKING:  # playwright may be missing: the conftest then skips every test
    from playwright.sync_api import Page


def test_the_bell_shows_the_open_count_and_the_panel_lists_them(
    desktop: "Page", stub_url: str, board: Board, shots: Path
) -> None:
    sign_in_to_the_board(desktop, stub_url)
    assert bell(desktop).locator(".alerts-count").inner_text() == "3"
    assert bell(desktop).get_attribute("aria-expanded") == "false"
    panel = open_panel(desktop)
    assert bell(desktop).get_attribute("aria-expanded") == "true"
    ids = panel.locator("li.alert-item").evaluate_all("els => els.map(e => e.dataset.id)")
    assert ids == ["4", "3", "2"]  # newest first; alert 1 is acknowledged
    newest = item(panel, 4)
    text = newest.inner_text()
    assert "High severity" in text and "Churn risk crossed" in text
    assert "Customer 00042 crossed 70% churn risk" in text
    assert "$116.00 at risk · No order for 212 days" in text
    # Raised 12 minutes ago: the page shows a time for today's alerts, a date for older ones
    # (just after midnight, 12 minutes ago was yesterday).
    shown = newest.locator("time").inner_text()
    now = datetime.now(UTC)
    today = (now - timedelta(minutes=12)).date() == now.date()
    assert re.search(r"\b\d{2}:\d{2}\b" if today else r"\b\d{1,2} [A-Z][a-z]{2}\b", shown)
    review = item(panel, 3)
    assert "Medium severity" in review.inner_text()
    assert "About product B000EYLDYE · 2 negative reviews · churn risk 64%" in review.inner_text()
    assert review.locator(".alert-quote").inner_text() == f"“{HOSTILE}”"  # as text, never run
    assert review.locator(".alert-quote img, .alert-quote script").count() == 0
    assert desktop.evaluate("window.__pwned") is None
    segment = item(panel, 2)
    assert "212 crossed 70% · $381k at risk" in segment.inner_text()
    shoot(desktop, shots, "desktop-alerts-01-panel")
    desktop.keyboard.press("Escape")
    assert panel.is_hidden()
    assert desktop.evaluate("document.activeElement.id") == "alerts-toggle"


def test_a_streamed_alert_appears_live_without_stealing_the_focus(
    desktop: "Page", stub_url: str, board: Board, shots: Path
) -> None:
    sign_in_to_the_board(desktop, stub_url)
    box = desktop.get_by_label("Message")
    box.click()
    box.type("half a question")
    raised = board.raise_alert()
    wait_count(desktop, "4")
    status = desktop.locator("#alerts-status")
    assert status.get_attribute("aria-live") == "polite"
    status.filter(has_text=f"New alert: {NEW_ALERT['title']}").wait_for()
    # Nothing moved: the person typing keeps the focus and what they typed.
    assert desktop.evaluate("document.activeElement.id") == "composer-input"
    assert box.input_value() == "half a question"
    panel = open_panel(desktop)
    first = panel.locator("li.alert-item").first
    assert first.get_attribute("data-id") == str(raised["id"])
    # With the panel open and the focus on an alert, the next one arrives above it.
    item(panel, 4).get_by_role("button", name="Why").focus()
    second = board.raise_alert(customer_id="00310", title="Customer 00310 crossed 70% risk")
    item(panel, second["id"]).wait_for()
    assert panel.locator("li.alert-item").first.get_attribute("data-id") == str(second["id"])
    assert desktop.evaluate("document.activeElement.getAttribute('aria-label')") == (
        "Why was alert 4 raised?"
    )
    wait_count(desktop, "5")
    assert desktop.locator(".error-box").count() == 0
    shoot(desktop, shots, "desktop-alerts-02-live")


def test_acknowledge_removes_the_alert_from_the_open_ones(
    desktop: "Page", stub_url: str, board: Board
) -> None:
    sign_in_to_the_board(desktop, stub_url)
    panel = open_panel(desktop)
    item(panel, 4).get_by_role("button", name="Acknowledge").click()
    item(panel, 4).wait_for(state="detached")
    wait_count(desktop, "2")
    acknowledged = board.alert(4)
    assert acknowledged["state"] == "acknowledged"
    assert acknowledged["acknowledged_by"] == "Olive Operator"
    # The focus moved on to the next alert's Acknowledge, so the keyboard keeps its place.
    assert desktop.evaluate("document.activeElement.getAttribute('aria-label')") == (
        "Acknowledge alert 3"
    )
    # Someone else acknowledges alert 2: it leaves the open list live.
    board.post("/2/ack-elsewhere")
    item(panel, 2).wait_for(state="detached")
    wait_count(desktop, "1")
    # The server's list agrees after a reload.
    desktop.reload()
    wait_count(desktop, "1")
    assert open_panel(desktop).locator("li.alert-item").count() == 1


def test_the_stream_reconnects_after_a_drop_from_the_last_id_seen(
    desktop: "Page", stub_url: str, board: Board
) -> None:
    sign_in_to_the_board(desktop, stub_url)
    first = board.raise_alert()
    wait_count(desktop, "4")
    board.post("/drop")
    # While the page is away, one alert is raised and one acknowledged elsewhere: after the
    # reconnect the panel holds both changes.
    second = board.raise_alert(customer_id="00310", title="Customer 00310 crossed 70% risk")
    board.post("/3/ack-elsewhere")
    panel = open_panel(desktop)
    item(panel, second["id"]).wait_for(timeout=10_000)
    item(panel, 3).wait_for(state="detached", timeout=10_000)
    wait_count(desktop, "4")
    afters = board.state()["stream_afters"]
    assert afters[0] == 4  # the newest open alert in the first list
    assert first["id"] in afters[1:] or second["id"] in afters[1:]  # resumed, not from zero
    assert 0 not in afters
    assert desktop.locator(".error-box, #signin-error:visible").count() == 0


def test_the_panel_works_from_the_keyboard(desktop: "Page", stub_url: str, board: Board) -> None:
    sign_in_to_the_board(desktop, stub_url)
    bell(desktop).focus()
    desktop.keyboard.press("Enter")
    assert desktop.evaluate("document.activeElement.id") == "alerts-title"
    reached = []
    for _ in range(4):
        desktop.keyboard.press("Tab")
        reached.append(desktop.evaluate("document.activeElement.textContent.trim()"))
    assert reached == ["Close", "Open customer 00042", "Why?", "Acknowledge"]
    desktop.keyboard.press("Enter")  # acknowledges alert 4
    wait_count(desktop, "2")
    desktop.keyboard.press("Escape")
    assert desktop.get_by_role("region", name="Open alerts").is_hidden()
    assert desktop.evaluate("document.activeElement.id") == "alerts-toggle"


def test_phone_bell_and_panel_fit(phone: "Page", stub_url: str, board: Board, shots: Path) -> None:
    sign_in_to_the_board(phone, stub_url)
    shoot(phone, shots, "phone-alerts-01-bell")
    panel = open_panel(phone)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    box = panel.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390
    shoot(phone, shots, "phone-alerts-02-panel")
    item(panel, 4).get_by_role("button", name="Open customer 00042").click()
    wait_answer(phone, 0)
    assert phone.locator(".card-customer").count() == 1
