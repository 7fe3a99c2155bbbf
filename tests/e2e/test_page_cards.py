"""The page's cards against the stub API (tests/e2e/stub.py): every card type, sorting and
opening a customer from the at-risk table, escaping a hostile review, review highlights, the
tool line, the streamed offer with Copy, and the charts' text alternatives."""

import json
import re
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.e2e.canned import HOSTILE
from tests.e2e.pages import (
    ask,
    follow,
    shoot,
    sign_in,
    streamed_lengths,
    wait_answer,
    wait_streaming,
    watch_stream,
)

pytestmark = pytest.mark.e2e

if TYPE_CHECKING:  # playwright may be missing: the conftest then skips every test
    from playwright.sync_api import Page


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
    customer, asked = follow(desktop, table.locator("tbody tr").nth(1))
    assert asked == "show customer 00005"
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
    assert "Last order 3 Jan 1998, $9.99" in card.inner_text()  # the latest, with its amount
    # What it held, a title's markup shown as text.
    held = card.locator(".order-lines li").all_inner_texts()
    assert held == ["3 \u00d7 Earl Grey <b>loose</b> \u00b7 Tea \u00b7 $3.33 each"]
    heads = card.locator("h4").all_text_contents()  # as written: headings show in capitals
    assert "Last order o106 \u00b7 3 Jan 1998 \u00b7 $9.99" in heads
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
        ("sentiment of earl grey reviews", "sentiment", "352 reviews mentioning 'earl grey'"),
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


def test_a_rate_in_a_table_of_facts_is_a_percent(desktop: "Page", stub_url: str) -> None:
    sign_in(desktop, stub_url, "op-key")
    facts = ask(desktop, "mystery").locator(".card-generic").inner_text()
    assert "Repeat rate" in facts and "48.9%" in facts and "0.4886" not in facts


def test_charts_have_text_alternatives(desktop: "Page", stub_url: str) -> None:
    sign_in(desktop, stub_url, "op-key")
    ask(desktop, "how good is the model")
    plot = desktop.get_by_role("img", name=re.compile("^Calibration: predicted 5% observed 4%"))
    assert plot.count() == 1
    ask(desktop, "list segments")
    bars = desktop.get_by_role("img", name=re.compile("^Share of revenue: champions 41.0%"))
    assert bars.count() == 1
