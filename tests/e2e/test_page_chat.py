"""The page's conversation around the cards, against the stub API (tests/e2e/stub.py): sign-in
and sign-out, suggestions and the conversation list, the busy and revoked-key errors, keyboard
use, names and landmarks, the SSE parser and the phone layout."""

import re
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.e2e.pages import ask, last_answer, shoot, show_top, sign_in, wait_answer

pytestmark = pytest.mark.e2e

if TYPE_CHECKING:  # playwright may be missing: the conftest then skips every test
    from playwright.sync_api import Page


def test_a_bad_key_is_refused_and_a_good_one_stays_in_this_tab_only(
    desktop: "Page", stub_url: str, shots: Path
) -> None:
    desktop.goto(stub_url)
    shoot(desktop, shots, "desktop-01-sign-in")
    desktop.get_by_label("API key").fill("wrong")
    desktop.get_by_label("API key").press("Enter")
    alert = desktop.get_by_role("alert")
    alert.wait_for()
    assert "not accepted" in alert.inner_text() and "unknown or revoked" in alert.inner_text()
    sign_in(desktop, stub_url, "op-key")
    assert desktop.evaluate("sessionStorage.getItem('retain.key')") == "op-key"
    assert desktop.evaluate("localStorage.length") == 0
    assert "op-key" not in desktop.evaluate("document.cookie")
    desktop.get_by_role("button", name="Sign out").click()
    desktop.get_by_label("API key").wait_for()
    assert desktop.evaluate("sessionStorage.getItem('retain.key')") is None


def test_suggestions_start_a_conversation_that_the_list_keeps(
    desktop: "Page", stub_url: str, shots: Path
) -> None:
    sign_in(desktop, stub_url, "op-key")
    suggestions = desktop.get_by_role("group", name="Suggested questions").get_by_role("button")
    assert suggestions.all_inner_texts() == [
        "Who is about to leave, and what are they worth?",
        "How good is the churn model?",
    ]
    shoot(desktop, shots, "desktop-02-welcome")
    suggestions.first.click()
    wait_answer(desktop, 0)
    assert desktop.locator(".card-at_risk").count() == 1
    nav = desktop.get_by_role("navigation", name="Conversations")
    conversations = nav.locator("button.conversation")
    # The list is fetched again after the answer; other tests' conversations (the stub keeps
    # them) are there before it, so wait for this one rather than for any.
    nav.locator("button.conversation", has_text="Who is about to leave").first.wait_for()
    assert "Who is about to leave" in conversations.first.inner_text()
    assert conversations.first.get_attribute("aria-current") == "page"
    # A new conversation shows the suggestions again; the old one comes back with its cards.
    desktop.get_by_role("button", name="New conversation").click()
    assert desktop.get_by_role("group", name="Suggested questions").is_visible()
    conversations.first.click()
    desktop.locator(".card-at_risk").wait_for()
    assert desktop.locator("article.message.user .bubble").inner_text().endswith("worth?")
    # A reload keeps the session (sessionStorage) and reopens the conversation.
    desktop.reload()
    desktop.locator(".card-at_risk").wait_for()


def test_busy_server_shows_its_words_and_when_to_retry(desktop: "Page", stub_url: str) -> None:
    sign_in(desktop, stub_url, "op-key")
    answer = ask(desktop, "busy")
    alert = answer.get_by_role("alert")
    assert "Retain is busy" in alert.inner_text()
    assert "The language model is busy with other requests." in alert.inner_text()
    assert re.search(r"Try again in [1-3] s", alert.inner_text())
    retry = alert.get_by_role("button", name="Try again")
    assert retry.is_disabled()
    alert.get_by_text("You can try again now.").wait_for(timeout=6000)
    assert retry.is_enabled()


def test_a_revoked_key_goes_back_to_sign_in(desktop: "Page", stub_url: str) -> None:
    sign_in(desktop, stub_url, "op-key")
    desktop.get_by_label("Message").fill("revoke")
    desktop.get_by_label("Message").press("Enter")
    alert = desktop.locator("#signin-error")
    alert.wait_for()
    assert "signed out" in alert.inner_text() and "unknown or revoked" in alert.inner_text()
    assert desktop.evaluate("sessionStorage.getItem('retain.key')") is None


def test_keyboard_enter_sends_and_shift_enter_adds_a_line(desktop: "Page", stub_url: str) -> None:
    sign_in(desktop, stub_url, "op-key")
    box = desktop.get_by_label("Message")
    box.click()
    box.type("first line")
    box.press("Shift+Enter")
    box.type("second line")
    assert box.input_value() == "first line\nsecond line"
    assert desktop.locator("article.message.user").count() == 0
    box.press("Enter")
    wait_answer(desktop, 0)
    assert desktop.locator("article.message.user .bubble").inner_text() == "first line\nsecond line"
    assert box.input_value() == ""


def test_sign_in_form_works_from_the_keyboard(desktop: "Page", stub_url: str) -> None:
    desktop.goto(stub_url)
    desktop.get_by_label("API key").wait_for()
    assert desktop.evaluate("document.activeElement.id") == "api-key"
    desktop.keyboard.type("op-key")
    desktop.keyboard.press("Tab")
    assert desktop.evaluate("document.activeElement.textContent.trim()") == "Sign in"
    desktop.keyboard.press("Enter")
    desktop.locator("#app-view").wait_for(state="visible")


def test_every_control_has_a_name_and_the_page_has_landmarks(
    desktop: "Page", stub_url: str
) -> None:
    sign_in(desktop, stub_url, "op-key")
    ask(desktop, "show customer 00042")
    ask(desktop, "who is at risk")
    unnamed = desktop.evaluate(
        """() => [...document.querySelectorAll('button, textarea, input, [role=img]')]
            .filter(el => el.offsetParent !== null || el.closest('svg'))
            .filter(el => !(el.getAttribute('aria-label') || el.textContent.trim()
                || (el.id && document.querySelector(`label[for="${el.id}"]`))))
            .map(el => el.outerHTML.slice(0, 80))"""
    )
    assert unnamed == []
    assert desktop.get_by_role("banner").count() == 1
    assert desktop.get_by_role("main").count() == 1  # the sign-in main is hidden
    assert desktop.get_by_role("navigation", name="Conversations").count() == 1
    assert desktop.get_by_role("log").get_attribute("aria-live") == "polite"


def test_sse_parser_joins_split_chunks(desktop: "Page", stub_url: str) -> None:
    desktop.goto(stub_url)
    events = desktop.evaluate(
        """async () => {
            const { SSEParser } = await import('/static/sse.js');
            const p = new SSEParser();
            const out = [];
            const chunks = ['event: tok', 'en\\r\\ndata: {"text":', ' "a"}\\r', '\\n\\r\\n',
                            ': comment\\n', 'data: one\\ndata: two\\n\\n',
                            'event: message\\ndata: {}'];
            for (const chunk of chunks)
                out.push(...p.feed(chunk));
            out.push(...p.finish());
            return out;
        }"""
    )
    assert events == [
        {"event": "token", "data": '{"text": "a"}'},
        {"event": "message", "data": "one\ntwo"},
        {"event": "message", "data": "{}"},
    ]


def test_phone_layout_uses_a_drawer(phone: "Page", stub_url: str, shots: Path) -> None:
    phone.goto(stub_url)
    phone.get_by_label("API key").wait_for()
    shoot(phone, shots, "phone-01-sign-in")
    sign_in(phone, stub_url, "op-key")
    shoot(phone, shots, "phone-02-welcome")
    assert not phone.get_by_role("button", name="New conversation").is_visible()
    answer = ask(phone, "who is at risk")
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390  # nothing spills sideways; wide tables scroll in their own box
    shoot(phone, shots, "phone-03-at-risk")
    answer.locator("tbody tr").first.locator("button").click()
    wait_answer(phone, 1)
    show_top(last_answer(phone).locator(".card-customer"))
    shoot(phone, shots, "phone-04-customer")
    toggle = phone.get_by_role("button", name="Conversations")
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true"
    phone.get_by_role("button", name="New conversation").wait_for(state="visible")
    shoot(phone, shots, "phone-05-drawer")
    phone.keyboard.press("Escape")
    assert toggle.get_attribute("aria-expanded") == "false"


def test_phone_offer_and_model_cards(phone: "Page", stub_url: str, shots: Path) -> None:
    sign_in(phone, stub_url, "mk-key")
    ask(phone, "Draft an offer for customer 00042")
    shoot(phone, shots, "phone-06-offer")
    phone.get_by_role("button", name="Sign out").click()
    sign_in(phone, stub_url, "op-key")
    ask(phone, "how good is the model")
    shoot(phone, shots, "phone-07-model-report")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
