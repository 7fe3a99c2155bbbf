"""What the alerts page tests share: the stub's alert controls (/stub/alerts in
tests/e2e/stub_alerts.py) seen from the test's side, and the bell and panel as a person finds
them on the page."""

from typing import TYPE_CHECKING, Any

import httpx

from tests.e2e.pages import sign_in

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
        """POST to a /stub/alerts control and return its JSON answer."""
        response = httpx.post(f"{self.url}/stub/alerts{path}", json=body, timeout=10)
        response.raise_for_status()
        return response.json()

    def raise_alert(self, **fields: Any) -> dict[str, Any]:
        """Raise NEW_ALERT, with ``fields`` changed, and return it as stored."""
        return dict(self.post("", NEW_ALERT | fields))

    def state(self) -> dict[str, Any]:
        """Every alert the stub holds and the ``after=`` each stream was opened with."""
        response = httpx.get(f"{self.url}/stub/alerts/state", timeout=10)
        response.raise_for_status()
        state: dict[str, Any] = response.json()
        return state

    def alert(self, alert_id: int) -> dict[str, Any]:
        """One alert as the stub holds it now."""
        return next(a for a in self.state()["alerts"] if a["id"] == alert_id)


def bell(page: "Page") -> "Locator":
    """The alerts button in the header (hidden for a role that sees no alerts)."""
    return page.locator("#alerts-toggle")


def wait_count(page: "Page", count: str) -> None:
    """Wait until the bell is shown and says ``count`` alerts are open."""
    page.wait_for_function(
        "n => { const b = document.getElementById('alerts-toggle');"
        " return b && !b.hidden && b.getAttribute('aria-label') === `Alerts, ${n} open`; }",
        arg=count,
    )


def sign_in_to_the_board(page: "Page", url: str, key: str = "op-key") -> None:
    """Sign in with `key` and wait until the bell shows the seeded board's 3 open alerts."""
    sign_in(page, url, key)
    wait_count(page, "3")


def open_panel(page: "Page") -> "Locator":
    """Open the alerts panel with the bell and return it once shown."""
    bell(page).click()
    panel = page.get_by_role("region", name="Open alerts")
    panel.wait_for()
    return panel


def item(panel: "Locator", alert_id: int) -> "Locator":
    """The panel's (or an alerts card's) entry for one alert."""
    return panel.locator(f"li.alert-item[data-id='{alert_id}']")
