"""The page's own behaviour against the stub API (tests/e2e/stub.py): sign-in, streaming,
every card, sorting, escaping, errors, keyboard use and the phone layout."""

import json
import re
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.e2e.canned import HOSTILE
from tests.e2e.pages import (
    ask,
    last_answer,
    shoot,
    show_top,
    sign_in,
    streamed_lengths,
    wait_answer,
    wait_streaming,
    watch_stream,
)

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


def test_the_most_valuable_customers_say_their_order(desktop: "Page", stub_url: str) -> None:
    sign_in(desktop, stub_url, "op-key")
    card = ask(desktop, "who are our most valuable customers?").locator(".card-at_risk")
    assert card.locator(".card-title").inner_text() == "Most valuable customers"
    assert " · by predicted value · " in card.locator(".card-sub").inner_text()
    value = card.get_by_role("columnheader", name=re.compile("Value \\("))
    assert value.get_attribute("aria-sort") == "descending"


def test_at_risk_table_sorts_and_opens_a_customer(
    desktop: "Page", stub_url: str, shots: Path
) -> None:
    sign_in(desktop, stub_url, "op-key")
    answer = ask(desktop, "Who is at risk?")
    shoot(desktop, shots, "desktop-03-at-risk")
    table = answer.locator(".card-at_risk table")

    def first_ids() -> list[str]:
        return table.locator("tbody tr th").all_inner_texts()

    assert first_ids()[0] == "00042"  # by value at risk, highest first
    rank = table.get_by_role("columnheader", name=re.compile("Rank"))
    assert rank.count() == 1  # a second page ("and the next 10?") shows where it starts
    assert table.locator("tbody tr").first.locator("td").first.inner_text() == "11"
    header = table.get_by_role("columnheader", name=re.compile("Churn risk"))
    header.get_by_role("button").click()
    assert header.get_attribute("aria-sort") == "descending"
    header.get_by_role("button").click()
    assert header.get_attribute("aria-sort") == "ascending"
    assert first_ids()[0] == "00888"  # the lowest risk first
    assert "most likely no purchase" in table.locator("tbody tr").first.inner_text()
    assert "most likely" not in table.locator("tbody tr").last.inner_text()
    table.locator("tbody tr").nth(1).click()
    customer = wait_answer(desktop, 1)
    asked = desktop.locator("article.message.user .bubble").last
    assert asked.inner_text() == "show customer 00005"
    assert customer.locator(".card-customer .card-title").inner_text() == "Customer 00005"


def test_customer_card_shows_hostile_review_as_text(
    desktop: "Page", stub_url: str, shots: Path
) -> None:
    sign_in(desktop, stub_url, "op-key")
    answer = ask(desktop, "show customer 00042")
    card = answer.locator(".card-customer")
    shoot(desktop, shots, "desktop-04-customer")
    assert card.get_by_role("img", name=re.compile(r"Churn risk 81%: high risk")).count() == 1
    assert card.get_by_role("img", name=re.compile(r"6 orders from")).count() == 1
    assert "80% interval $80.50 \u2013 $231.00" in card.inner_text()
    assert "No order for 212 days" in card.inner_text()
    review = card.locator(".review-text").first
    assert review.inner_text() == HOSTILE  # shown, as text
    assert card.locator(".review-text img, .review-text script, .review-text b").count() == 0
    assert desktop.evaluate("window.__pwned") is None
    assert card.locator(".badge", has_text="Negative").count() == 1
    # Review exports write line breaks as "<br />": they read as new lines.
    assert card.locator(".review-text").nth(1).inner_text() == "Nice coffee.\n\nFast delivery."


def test_review_hits_mark_the_matching_words(desktop: "Page", stub_url: str, shots: Path) -> None:
    sign_in(desktop, stub_url, "op-key")
    answer = ask(desktop, "search reviews about stale coffee")
    shoot(desktop, shots, "desktop-05-reviews")
    marks = answer.locator(".card-reviews .review").first.locator("mark").all_inner_texts()
    assert marks == ["coffee", "stale"]
    assert answer.locator(".card-reviews mark", has_text="coffee arrived stale").count() == 1
    assert desktop.evaluate("window.__pwned") is None


def test_tool_line_is_collapsible_and_shows_the_result(desktop: "Page", stub_url: str) -> None:
    sign_in(desktop, stub_url, "op-key")
    answer = ask(desktop, "list segments")
    line = answer.locator("details.tool")
    assert line.locator("summary").inner_text().startswith("tool: list_segments()")
    assert not line.locator(".tool-result").is_visible()
    line.locator("summary").click()
    result = json.loads(line.locator(".tool-result").inner_text())
    assert result["rows"][0]["name"] == "champions"
    line.locator("summary").press("Enter")  # the keyboard closes it again
    assert not line.locator(".tool-result").is_visible()


def test_offer_streams_then_shows_a_verified_card_with_copy(
    desktop: "Page", stub_url: str, shots: Path
) -> None:
    desktop.context.grant_permissions(["clipboard-read", "clipboard-write"])
    sign_in(desktop, stub_url, "mk-key")
    watch_stream(desktop)
    box = desktop.get_by_label("Message")
    box.fill("Draft an offer for customer 00042")
    box.press("Enter")
    wait_streaming(desktop)
    shoot(desktop, shots, "desktop-06-offer-streaming")
    answer = wait_answer(desktop, 0)
    assert streamed_lengths(desktop)[-1] > 100  # the draft arrived piece by piece
    card = answer.locator(".card-offer")
    assert card.locator(".badge", has_text="Verified").count() == 1
    assert "Favourite category" in card.inner_text() and "Coffee" in card.inner_text()
    assert desktop.locator(".stream-text").count() == 0  # the card replaced the draft
    assert answer.locator(".answer").count() == 1  # "Here is a draft offer." (not the text)
    shoot(desktop, shots, "desktop-07-offer")
    card.get_by_role("button", name="Copy").click()
    card.get_by_role("status").filter(has_text="Copied").wait_for()
    copied = desktop.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("Hi there, we've missed you!")


@pytest.mark.parametrize(
    ("question", "card", "expected"),
    [
        ("list segments", "segments", "Share of revenue"),
        ("summarise the at risk segment", "segment", "Template fallback"),
        ("what do people complain about", "sentiment", "stale product"),
        ("complaints last month", "sentiment", "352 reviews · 1998-05-01 to 1998-05-31"),
        ("how good is the model", "model_report", "AUC"),
        ("forecast the next quarter", "forecast", "$41,230"),
        ("plan a 5k budget", "plan", "+$7,100"),
        ("find customers similar to 00042", "similar", "Coffee buyer"),
        ("mystery", "generic", "Answer"),
    ],
)
def test_every_card_type_draws(
    desktop: "Page", stub_url: str, shots: Path, question: str, card: str, expected: str
) -> None:
    sign_in(desktop, stub_url, "op-key")
    answer = ask(desktop, question)
    drawn = answer.locator(f".card-{card}")
    assert drawn.count() == 1 and expected in drawn.inner_text()
    shoot(desktop, shots, f"desktop-card-{card}")


def test_charts_have_text_alternatives(desktop: "Page", stub_url: str) -> None:
    sign_in(desktop, stub_url, "op-key")
    ask(desktop, "how good is the model")
    plot = desktop.get_by_role("img", name=re.compile("^Calibration: predicted 5% observed 4%"))
    assert plot.count() == 1
    ask(desktop, "list segments")
    bars = desktop.get_by_role("img", name=re.compile("^Share of revenue: champions 41.0%"))
    assert bars.count() == 1


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
