"""The alerts bell and panel against the stub API (tests/e2e/stub_alerts.py): the open count,
alerts arriving live over the stream, Acknowledge, the links to a customer or segment, the
reconnect after a dropped stream, roles without alerts, keyboard use and the phone layout."""

import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

import httpx
import pytest

from tests.e2e.canned import HOSTILE
from tests.e2e.pages import ask, shoot, sign_in, wait_answer

pytestmark = pytest.mark.e2e

if TYPE_CHECKING:  # playwright may be missing: the conftest then skips every test
    from playwright.sync_api import Locator, Page

NEW_ALERT = {
    "rule": "risk_crossing",
    "severity": "high",
    "customer_id": "02001",
    "title": "Customer 02001 crossed 70% churn risk (66% → 77%), predicted value $388.00",
    "facts": {"churn_risk_before": 0.66, "churn_risk_after": 0.77, "clv": 388.0,
              "value_at_risk": 298.8},
}  # fmt: skip


class Board:
    """The stub's alert controls (/stub/alerts), from the test's side."""

    def __init__(self, url: str) -> None:
        self.url = url

    def post(self, path: str, body: dict[str, Any] | None = None) -> Any:
        response = httpx.post(f"{self.url}/stub/alerts{path}", json=body, timeout=10)
        response.raise_for_status()
        return response.json()

    def raise_alert(self, **fields: Any) -> dict[str, Any]:
        return dict(self.post("", NEW_ALERT | fields))

    def state(self) -> dict[str, Any]:
        response = httpx.get(f"{self.url}/stub/alerts/state", timeout=10)
        response.raise_for_status()
        state: dict[str, Any] = response.json()
        return state

    def alert(self, alert_id: int) -> dict[str, Any]:
        return next(a for a in self.state()["alerts"] if a["id"] == alert_id)


@pytest.fixture
def board(stub_url: str) -> Iterator[Board]:
    """The stub's alerts as seeded: alert 1 acknowledged, 2 (segment), 3 (review), 4 open."""
    controls = Board(stub_url)
    controls.post("/reset")
    yield controls


def bell(page: "Page") -> "Locator":
    return page.locator("#alerts-toggle")


def wait_count(page: "Page", count: str) -> None:
    page.wait_for_function(
        "n => { const b = document.getElementById('alerts-toggle');"
        " return b && !b.hidden && b.getAttribute('aria-label') === `Alerts, ${n} open`; }",
        arg=count,
    )


def open_panel(page: "Page") -> "Locator":
    bell(page).click()
    panel = page.get_by_role("region", name="Open alerts")
    panel.wait_for()
    return panel


def item(panel: "Locator", alert_id: int) -> "Locator":
    return panel.locator(f"li.alert-item[data-id='{alert_id}']")


def test_the_bell_shows_the_open_count_and_the_panel_lists_them(
    desktop: "Page", stub_url: str, board: Board, shots: Path
) -> None:
    sign_in(desktop, stub_url, "op-key")
    wait_count(desktop, "3")
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
    sign_in(desktop, stub_url, "op-key")
    wait_count(desktop, "3")
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
    sign_in(desktop, stub_url, "op-key")
    wait_count(desktop, "3")
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


def test_the_links_open_the_customer_and_the_segment(
    desktop: "Page", stub_url: str, board: Board, shots: Path
) -> None:
    sign_in(desktop, stub_url, "op-key")
    wait_count(desktop, "3")
    panel = open_panel(desktop)
    item(panel, 4).get_by_role("button", name="Open customer 00042").click()
    assert panel.is_hidden()  # the panel makes way for the answer
    customer = wait_answer(desktop, 0)
    asked = desktop.locator("article.message.user .bubble").last
    assert asked.inner_text() == "show customer 00042"
    assert customer.locator(".card-customer .card-title").inner_text() == "Customer 00042"
    panel = open_panel(desktop)
    item(panel, 2).get_by_role("button", name="Summarise segment at risk").click()
    segment = wait_answer(desktop, 1)
    assert desktop.locator("article.message.user .bubble").last.inner_text() == (
        "Summarise the at risk segment"
    )
    assert segment.locator(".card-segment").count() == 1


def test_the_stream_reconnects_after_a_drop_from_the_last_id_seen(
    desktop: "Page", stub_url: str, board: Board
) -> None:
    sign_in(desktop, stub_url, "op-key")
    wait_count(desktop, "3")
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


def test_a_role_that_sees_no_alerts_gets_no_bell_and_no_error(
    desktop: "Page", stub_url: str, board: Board
) -> None:
    with desktop.expect_response(lambda r: "/v1/alerts" in r.url) as answered:
        sign_in(desktop, stub_url, "quiet-key")
    assert answered.value.status == 403
    assert desktop.get_by_role("group", name="Suggested questions").is_visible()
    ask(desktop, "hello")  # a round trip later, the page has long handled the 403
    assert bell(desktop).is_hidden()
    assert desktop.get_by_role("alert").count() == 0
    assert board.state()["stream_afters"] == []  # no stream is opened for such a role


def test_a_marketer_reads_alerts_but_has_no_acknowledge(
    desktop: "Page", stub_url: str, board: Board
) -> None:
    sign_in(desktop, stub_url, "mk-key")
    wait_count(desktop, "3")
    panel = open_panel(desktop)
    assert panel.locator("li.alert-item").count() == 3
    assert panel.get_by_role("button", name="Acknowledge").count() == 0
    assert item(panel, 4).get_by_role("button", name="Open customer 00042").count() == 1


def test_the_panel_works_from_the_keyboard(desktop: "Page", stub_url: str, board: Board) -> None:
    sign_in(desktop, stub_url, "op-key")
    wait_count(desktop, "3")
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


def test_the_chat_lists_alerts_as_a_card(desktop: "Page", stub_url: str, board: Board) -> None:
    sign_in(desktop, stub_url, "op-key")
    answer = ask(desktop, "Any new alerts?")
    card = answer.locator(".card-alerts")
    assert "3 open alerts" in card.locator(".card-sub").inner_text()
    assert card.locator("li.alert-item").count() == 3
    assert card.get_by_role("button", name="Acknowledge").count() == 0  # the bell does that
    card.get_by_role("button", name="Open customer 01234").click()
    wait_answer(desktop, 1)
    assert desktop.locator("article.message.user .bubble").last.inner_text() == (
        "show customer 01234"
    )


def test_phone_bell_and_panel_fit(phone: "Page", stub_url: str, board: Board, shots: Path) -> None:
    sign_in(phone, stub_url, "op-key")
    wait_count(phone, "3")
    shoot(phone, shots, "phone-alerts-01-bell")
    panel = open_panel(phone)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    box = panel.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390
    shoot(phone, shots, "phone-alerts-02-panel")
    item(panel, 4).get_by_role("button", name="Open customer 00042").click()
    wait_answer(phone, 0)
    assert phone.locator(".card-customer").count() == 1


def test_why_explains_an_alert_in_the_chat(
    desktop: "Page", stub_url: str, board: Board, shots: Path
) -> None:
    sign_in(desktop, stub_url, "op-key")
    wait_count(desktop, "3")
    panel = open_panel(desktop)
    item(panel, 4).get_by_role("button", name="Why was alert 4 raised?").click()
    answer = wait_answer(desktop, 0)
    assert desktop.locator("article.message.user .bubble").last.inner_text() == (
        "Why was alert 4 raised?"
    )
    card = answer.locator(".card-alert")
    assert card.locator(".card-title").inner_text() == "Alert 4: Churn risk crossed"
    assert "High severity" in card.inner_text() and "Open" in card.inner_text()
    assert "crossing the 70% threshold" in card.locator(".summary").inner_text()
    assert answer.locator(".answer").count() == 0  # the explanation is shown once, in the card
    assert card.get_by_role("button", name="Open customer 00042").count() == 1
    shoot(desktop, shots, "desktop-card-alert")
