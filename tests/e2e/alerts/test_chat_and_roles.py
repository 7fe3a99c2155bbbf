"""Alerts in the chat against the stub API (tests/e2e/stub_alerts.py): the panel's links to a
customer or segment, Why, the chat's alerts card, and the roles that see no alerts or cannot
acknowledge them."""

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.e2e.alerts.board import Board, bell, item, open_panel, sign_in_to_the_board
from tests.e2e.pages import ask, follow, last_question, shoot, sign_in, wait_answer

pytestmark = pytest.mark.e2e

if TYPE_CHECKING:  # playwright may be missing: the conftest then skips every test
    from playwright.sync_api import Page


def test_the_links_open_the_customer_and_the_segment(
    desktop: "Page", stub_url: str, board: Board, shots: Path
) -> None:
    sign_in_to_the_board(desktop, stub_url)
    panel = open_panel(desktop)
    item(panel, 4).get_by_role("button", name="Open customer 00042").click()
    assert panel.is_hidden()  # the panel makes way for the answer
    customer = wait_answer(desktop, 0)
    assert last_question(desktop) == "show customer 00042"
    assert customer.locator(".card-customer .card-title").inner_text() == "Customer 00042"
    panel = open_panel(desktop)
    segment, asked = follow(
        desktop, item(panel, 2).get_by_role("button", name="Summarise segment at risk")
    )
    assert asked == "Summarise the at risk segment"
    assert segment.locator(".card-segment").count() == 1


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
    sign_in_to_the_board(desktop, stub_url, "mk-key")
    panel = open_panel(desktop)
    assert panel.locator("li.alert-item").count() == 3
    assert panel.get_by_role("button", name="Acknowledge").count() == 0
    assert item(panel, 4).get_by_role("button", name="Open customer 00042").count() == 1


def test_the_chat_lists_alerts_as_a_card(desktop: "Page", stub_url: str, board: Board) -> None:
    sign_in(desktop, stub_url, "op-key")
    answer = ask(desktop, "Any new alerts?")
    card = answer.locator(".card-alerts")
    assert "3 open alerts" in card.locator(".card-sub").inner_text()
    assert card.locator("li.alert-item").count() == 3
    assert card.get_by_role("button", name="Acknowledge").count() == 0  # the bell does that
    _, asked = follow(desktop, card.get_by_role("button", name="Open customer 01234"))
    assert asked == "show customer 01234"


def test_why_explains_an_alert_in_the_chat(
    desktop: "Page", stub_url: str, board: Board, shots: Path
) -> None:
    sign_in_to_the_board(desktop, stub_url)
    panel = open_panel(desktop)
    answer, asked = follow(
        desktop, item(panel, 4).get_by_role("button", name="Why was alert 4 raised?")
    )
    assert asked == "Why was alert 4 raised?"
    card = answer.locator(".card-alert")
    assert card.locator(".card-title").inner_text() == "Alert 4: Churn risk crossed"
    assert "High severity" in card.inner_text() and "Open" in card.inner_text()
    assert "crossing the 70% threshold" in card.locator(".summary").inner_text()
    assert answer.locator(".answer").count() == 0  # the explanation is shown once, in the card
    assert card.get_by_role("button", name="Open customer 00042").count() == 1
    shoot(desktop, shots, "desktop-card-alert")
