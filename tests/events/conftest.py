"""A small trained, scored and indexed workspace (tests/tools/store.py), copied for each test,
an app database beside it, and the events service over both (hashing embedder: the review
index was built with it, so new reviews can join)."""

import shutil
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from assistant.events.service import EventService
from assistant.persistence import open_app_database
from assistant.persistence.db import AppDatabase
from assistant.settings import Settings
from commerce.workspace import Workspace
from tests.retrieval.fakes import HashingEmbedder
from tests.tools.store import make_workspace


@pytest.fixture(scope="session")
def events_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("events")
    return make_workspace(folder / "home", folder / "sources").home


@pytest.fixture
def home(events_home: Path, tmp_path: Path) -> Path:
    """This test's copy of the workspace (the store link copied as a link)."""
    return Path(shutil.copytree(events_home, tmp_path / "home", symlinks=True))


@pytest.fixture
def settings(home: Path, tmp_path: Path) -> Settings:
    return Settings(
        home=home,
        database_url=f"sqlite:///{tmp_path / 'app.db'}",
        device="cpu",
        events_worker=False,
        events_poll_s=0.05,
    )


@pytest.fixture
def db(settings: Settings) -> AppDatabase:
    return open_app_database(settings)


@pytest.fixture
def cli_env(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Settings:
    """The environment a `retain events` command reads: this test's workspace and database,
    and the hashing embedder."""
    monkeypatch.setenv("RETAIN_HOME", str(settings.home))
    monkeypatch.setenv("RETAIN_DATABASE_URL", settings.database_url)
    monkeypatch.setenv("RETAIN_DEVICE", "cpu")
    monkeypatch.setattr("assistant.cli.events.make_embedder", HashingEmbedder)
    return settings


@pytest.fixture
def embedder() -> HashingEmbedder:
    return HashingEmbedder()


@pytest.fixture
def service(settings: Settings, db: AppDatabase, embedder: HashingEmbedder) -> EventService:
    return EventService(settings, db, lambda: embedder)


def last_day(home: Path) -> pd.Timestamp:
    """The store's last order day (events on it leave the scoring cutoff where it is)."""
    return pd.Timestamp(Workspace(home).store().manifest.last_order).normalize()


def order(
    event_id: str, customer: str, day: pd.Timestamp, amount: float = 30.0, **fields: Any
) -> dict[str, Any]:
    line = {"product_id": "B0000TEA01", "quantity": 1, "price": amount}
    return {"event_id": event_id, "kind": "order", "ts": f"{day:%Y-%m-%d}T12:00:00Z",
            "customer_id": customer, "amount": amount, "items": [line]} | fields  # fmt: skip


def review(
    event_id: str, customer: str, day: pd.Timestamp, text: str, rating: float | None = 1.0
) -> dict[str, Any]:
    return {"event_id": event_id, "kind": "review", "ts": f"{day:%Y-%m-%d}T13:00:00Z",
            "customer_id": customer, "product_id": "B000COFFEE", "rating": rating,
            "text": text}  # fmt: skip


def browse(event_id: str, customer: str, day: pd.Timestamp) -> dict[str, Any]:
    return {"event_id": event_id, "kind": "browse", "ts": f"{day:%Y-%m-%d}T09:00:00Z",
            "customer_id": customer, "type": "cart", "product_id": "B00SNACK01"}  # fmt: skip
