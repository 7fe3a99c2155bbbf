"""The browser and the servers the page tests drive.

Chromium is Debian's (/usr/bin/chromium) driven by Playwright's Python client: no browser is
downloaded. Without either, every test here is skipped with the reason. Screenshots go to
$RETAIN_SCREENSHOTS (default tests/e2e/screenshots/, git-ignored).
"""

import importlib.util
import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:  # playwright may be absent: the tests then skip
    from playwright.sync_api import Browser, Page, ViewportSize

    from tests.e2e.live import LiveServer

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
DESKTOP: "ViewportSize" = {"width": 1280, "height": 800}
PHONE: "ViewportSize" = {"width": 390, "height": 844}


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "e2e: drives the web page in headless Chromium")


def missing_browser() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    if importlib.util.find_spec("playwright") is None:
        return "Playwright's Python client is not installed (pip install playwright)"
    if not CHROMIUM.is_file():
        return f"{CHROMIUM} is missing (apt-get install -y --no-install-recommends chromium)"
    return None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture(scope="session")
def browser() -> Iterator["Browser"]:
    reason = missing_browser()
    if reason:
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as driver:
        launched = driver.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def _page(browser: "Browser", viewport: "ViewportSize", mobile: bool) -> Iterator["Page"]:
    context = browser.new_context(
        viewport=viewport, is_mobile=mobile, has_touch=mobile, device_scale_factor=1
    )
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.set_default_timeout(15_000)
    yield page
    context.close()
    assert errors == [], f"the page threw: {errors}"


@pytest.fixture
def desktop(browser: "Browser") -> Iterator["Page"]:
    yield from _page(browser, DESKTOP, mobile=False)


@pytest.fixture
def phone(browser: "Browser") -> Iterator["Page"]:
    yield from _page(browser, PHONE, mobile=True)


@pytest.fixture(scope="session")
def shots() -> Path:
    folder = Path(os.environ.get("RETAIN_SCREENSHOTS") or Path(__file__).parent / "screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="session")
def stub_url(browser: "Browser") -> Iterator[str]:
    """The stub API (tests/e2e/stub.py) with the real page, served from a thread."""
    import uvicorn

    from tests.e2e.stub import create_stub

    port = free_port()
    config = uvicorn.Config(create_stub(), host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the stub server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def live(
    browser: "Browser", tmp_path_factory: pytest.TempPathFactory, pytestconfig: pytest.Config
) -> Iterator["LiveServer"]:
    """A real `retain serve` over a small demo workspace (built once per run: about a minute),
    with one API key per role."""
    from tests.e2e.live import build_workspace, start_server, stop_server

    folder = tmp_path_factory.mktemp("live")
    cache = getattr(pytestconfig, "cache", None)  # absent under -p no:cacheprovider
    llm_cache = Path(cache.mkdir("retain-llm")) if cache else folder / "llm-cache"
    reuse = os.environ.get("RETAIN_E2E_WORKSPACE")  # a folder a previous run built, to iterate
    env, has_llm = build_workspace(Path(reuse) if reuse else folder, llm_cache)
    server = start_server(env, free_port(), folder / "serve.log")
    server.has_llm = has_llm
    yield server
    stop_server(server)
