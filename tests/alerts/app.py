"""The real app with only what the alert routes need: the app database, keys, rate limiter,
metrics and an AlertService (no store, no models)."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import cast

import pandas as pd
from fastapi.testclient import TestClient

from assistant.alerts.service import AlertService
from assistant.api import create_app
from assistant.api.limits import RateLimiter
from assistant.api.observability import Metrics
from assistant.api.services import Services
from assistant.persistence import AppDatabase, create_key
from assistant.roles import ROLES, Role
from assistant.settings import Settings


@dataclass
class AlertServices:
    settings: Settings
    db: AppDatabase
    alerts: AlertService
    limiter: RateLimiter
    metrics: Metrics

    def warm(self) -> None:
        pass

    def start(self) -> None:
        self.alerts.start()

    def close(self) -> None:
        self.alerts.stop()


def alert_app(db: AppDatabase, segments: Callable[[], "pd.Series[str]"]) -> tuple[
    TestClient, AlertServices, dict[Role, str]
]:  # fmt: skip
    """A started TestClient (close it), its services, and a key per role."""
    settings = Settings()
    built = AlertServices(settings, db, AlertService(db, settings, segments),
                          RateLimiter(10_000), Metrics())  # fmt: skip
    keys = {role: create_key(db, role, f"test-{role}")[0] for role in ROLES}
    client = TestClient(create_app(settings, services=lambda s: cast(Services, built)))
    client.__enter__()
    return client, built, keys


def auth(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}
