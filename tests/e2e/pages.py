"""What a person does on the page, as functions the tests share."""

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.sync_api import Locator, Page

ANSWER_TIMEOUT_MS = 120_000  # a drafted offer on a small CPU model can take a while


def sign_in(page: "Page", url: str, key: str) -> None:
    page.goto(url)
    page.get_by_label("API key").fill(key)
    page.get_by_role("button", name="Sign in").click()
    page.locator("#app-view").wait_for(state="visible")


def last_answer(page: "Page") -> "Locator":
    return page.locator("article.message.assistant").last


def ask(page: "Page", text: str) -> "Locator":
    """Type a question, press Enter, and wait for the whole answer; returns its message."""
    before = page.locator("article.message.assistant").count()
    box = page.get_by_label("Message")
    box.fill(text)
    box.press("Enter")
    return wait_answer(page, before)


def wait_answer(page: "Page", before: int) -> "Locator":
    """Wait until answer number `before + 1` is finished (its aria-busy is false)."""
    answer = page.locator("article.message.assistant").nth(before)
    answer.wait_for(state="attached")
    page.wait_for_function(
        "n => { const a = document.querySelectorAll('article.message.assistant')[n];"
        " return a && a.getAttribute('aria-busy') === 'false'; }",
        arg=before,
        timeout=ANSWER_TIMEOUT_MS,
    )
    return answer


def last_question(page: "Page") -> str:
    """The text of the last message the person sent (typed, or asked by a click)."""
    return page.locator("article.message.user .bubble").last.inner_text()


def follow(page: "Page", control: "Locator") -> tuple["Locator", str]:
    """Click `control` (a card's button or row that asks the next question) and wait for the
    answer; returns the answer's message and the question the click asked."""
    before = page.locator("article.message.assistant").count()
    control.click()
    return wait_answer(page, before), last_question(page)


def shoot(page: "Page", folder: Path, name: str, full_page: bool = False) -> Path:
    """Save a screenshot named `name`.png after the page settles."""
    path = folder / f"{name}.png"
    page.wait_for_timeout(150)  # let the smooth scroll finish
    page.screenshot(path=str(path), full_page=full_page)
    return path


def watch_stream(page: "Page") -> None:
    """Record the length of the streamed draft each time it grows (read by streamed_lengths)."""
    page.evaluate(
        """() => {
            window.__streamed = [];
            new MutationObserver(() => {
                const text = document.querySelector('.stream-text')?.textContent || '';
                const last = window.__streamed.at(-1) || 0;
                if (text.length > last) window.__streamed.push(text.length);
            }).observe(document.getElementById('log'),
                       {subtree: true, childList: true, characterData: true});
        }"""
    )


def wait_streaming(page: "Page", chars: int = 20) -> None:
    """Wait until a draft is being streamed and shows at least `chars` characters."""
    page.wait_for_function(
        "n => (document.querySelector('.stream-text')?.textContent || '').length >= n",
        arg=chars,
        timeout=ANSWER_TIMEOUT_MS,
    )


def streamed_lengths(page: "Page") -> list[int]:
    """The streamed draft's lengths as it grew: several values mean it came in pieces."""
    lengths: list[int] = page.evaluate("window.__streamed")
    assert len(lengths) > 3, f"the draft did not stream: {lengths}"
    return lengths


def show_top(element: "Locator") -> None:
    """Scroll the log so that `element` starts at the top of the view (for screenshots)."""
    element.evaluate("el => el.scrollIntoView({block: 'start'})")
