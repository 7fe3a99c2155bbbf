"""POST /v1/events and GET /v1/events/status over HTTP: who may send, what comes back, and the
worker that applies events while the server runs."""

import time
from collections.abc import Iterator
from dataclasses import dataclass, fields
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.exc import OperationalError

from assistant.api import create_app
from assistant.api.services import Services, build_services
from assistant.events.service import EventService
from assistant.llm.fake import ScriptedChatModel
from assistant.persistence import audit, create_key, open_app_database, recent
from assistant.roles import KEY_ROLES, Role
from assistant.settings import Settings
from commerce.workspace import Workspace
from tests.events.conftest import last_day, order, review
from tests.retrieval.fakes import HashingEmbedder


@dataclass
class Unwarmed(Services):
    """The app's services without the warm-up at start: its forecast thread would still be
    running (pandas in it) while the next test builds its app, and `warnings.catch_warnings`,
    which both use, is not thread-safe (FastAPI's route building then sees pytest's "error")."""

    def warm(self) -> None:
        pass


def app_client(settings: Settings) -> TestClient:
    def services(s: Settings) -> Services:
        built = build_services(
            s, embedder=HashingEmbedder(), load_chat_model=lambda: ScriptedChatModel([])
        )
        return Unwarmed(**{f.name: getattr(built, f.name) for f in fields(built)})

    return TestClient(create_app(settings, services=services))


@pytest.fixture
def keys(settings: Settings) -> dict[Role, str]:
    with open_app_database(settings) as db:
        return {role: create_key(db, role, f"test-{role}")[0] for role in KEY_ROLES}


@pytest.fixture
def client(settings: Settings, keys: dict[Role, str]) -> Iterator[TestClient]:
    with app_client(settings) as client:
        yield client


def auth(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


def test_ingest_and_admin_keys_may_send_events_and_no_one_else(
    client: TestClient, keys: dict[Role, str], home: Path
) -> None:
    # one app for every role: building apps concurrently with background threads is what the
    # test should not be about
    day = last_day(home)
    senders: tuple[Role, ...] = ("ingest", "admin")
    others: tuple[Role, ...] = ("operator", "marketer", "support")
    for n, role in enumerate(senders):
        batch = [order(f"e{n}", "00010", day), order(f"bad{n}", "00011", day, amount=-1)]
        response = client.post("/v1/events", json=batch, headers=auth(keys[role]))
        assert response.status_code == 202, response.text
        assert response.json() == {
            "accepted": 1,
            "duplicates": 0,
            "rejected": [{"index": 1, "event_id": f"bad{n}",
                          "reason": "amount -1 is negative; amounts must be 0 or more"}],
        }  # fmt: skip
        again = client.post("/v1/events", json=batch[:1], headers=auth(keys[role])).json()
        assert again == {"accepted": 0, "duplicates": 1, "rejected": []}
        status = client.get("/v1/events/status", headers=auth(keys[role])).json()
        assert status["pending"] + status["applied"] == n + 1

    for role in others:
        response = client.post(
            "/v1/events", json=[order("e9", "00010", day)], headers=auth(keys[role])
        )
        assert response.status_code == 403
        assert response.json()["detail"] == (
            f"{role} keys may not send events: use an ingest or admin key"
        )
        assert client.get("/v1/events/status", headers=auth(keys[role])).status_code == 403

    key = keys["ingest"]  # ...and an ingest key may do nothing else
    chat = client.post("/v1/chat", json={"message": "who is about to leave?"}, headers=auth(key))
    assert chat.status_code == 403
    assert chat.json()["detail"] == "an ingest key may only send events (POST /v1/events)"
    for path in ("/v1/me", "/v1/customers", "/v1/conversations", "/v1/tools"):
        assert client.get(path, headers=auth(key)).status_code == 403, path
    probe = client.post("/v1/tools/customer_profile", json={"customer_id": "1"}, headers=auth(key))
    assert probe.status_code == 403
    db = client.app.state.services.db  # type: ignore[attr-defined]
    refused = [e for e in recent(db, limit=100) if e.tool == "route"]  # each one audited
    assert len(refused) == 6 and all(e.outcome == "refused" for e in refused)
    assert refused[0].arguments == {"method": "POST", "path": "/v1/tools/customer_profile"}
    assert refused[0].error == probe.json()["detail"] and refused[0].key_name.startswith("test")


def test_an_ingest_keys_403_stays_a_403_when_its_audit_cannot_be_written(
    client: TestClient, keys: dict[Role, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def locked(*args: object) -> None:
        raise OperationalError("INSERT", {}, Exception("database is locked"))

    monkeypatch.setattr(audit, "record", locked)
    response = client.get("/v1/me", headers=auth(keys["ingest"]))
    assert response.status_code == 403, response.text


def test_bad_batches(client: TestClient, keys: dict[Role, str], home: Path) -> None:
    headers = auth(keys["ingest"])
    response = client.post("/v1/events", json=[{"kind": "order"}, "nonsense"], headers=headers)
    assert response.status_code == 422  # every event refused
    body = response.json()
    assert body["error"] == "invalid_input" and body["accepted"] == 0
    assert body["detail"].startswith("every event was refused; event 0: event_id is missing")
    assert [r["index"] for r in body["rejected"]] == [0, 1]
    assert client.post("/v1/events", json={"a": 1}, headers=headers).status_code == 422
    # a batch larger than a chat message (RETAIN_MAX_REQUEST_BYTES, 64 KiB) fits
    long_text = "a long and detailed note " * 100
    batch = [order(f"e{i}", "00010", last_day(home), note=long_text) for i in range(40)]
    response = client.post("/v1/events", json=batch, headers=headers)
    assert response.status_code == 202, response.text


@pytest.mark.parametrize(
    ("field", "written", "reason"),
    [
        (
            "customer_id",
            "00042\u200b",
            "customer_id has an invisible character U+200B at position 6",
        ),
        (
            "customer_id",
            "\u202e77000",
            "customer_id has an invisible character U+202E at position 1",
        ),
        ("customer_id", "000\n77", "customer_id has a control character U+000A at position 4"),
        ("review_id", "000\x0777", "review_id has a control character U+0007 at position 4"),
        (
            "customer_id",
            "../../etc/passwd",
            "customer_id has '/' at position 3: ids are names, not paths (no / or \\)",
        ),
        ("rating", 2.5, "rating 2.5 is not a whole number of stars 1-5"),
    ],
)
def test_lookalike_ids_and_fractional_ratings_are_a_422_naming_them(
    client: TestClient, keys: dict[Role, str], home: Path, field: str, written: object, reason: str
) -> None:
    event = review("e1", "00010", last_day(home), "meh") | {field: written}
    response = client.post("/v1/events", json=[event], headers=auth(keys["ingest"]))
    assert response.status_code == 422, response.text
    assert response.json()["detail"] == f"every event was refused; event 0: {reason}"


def test_too_many_events(settings: Settings, keys: dict[Role, str], home: Path) -> None:
    small = settings.model_copy(update={"events_max_batch": 2})
    with app_client(small) as client:
        batch = [order(f"e{i}", "00010", last_day(home)) for i in range(3)]
        response = client.post("/v1/events", json=batch, headers=auth(keys["ingest"]))
        assert response.status_code == 413
        assert "a batch holds at most 2 events" in response.json()["detail"]


def test_the_server_applies_pending_events_at_start_and_as_they_come(
    settings: Settings, keys: dict[Role, str], home: Path
) -> None:
    day = last_day(home)
    embedder = HashingEmbedder()
    left = EventService(settings, open_app_database(settings), lambda: embedder)
    left.submit([order("left-over", "00010", day)], "a previous run")  # then it died
    version = Workspace(home).store().version
    running = settings.model_copy(update={"events_worker": True, "rate_limit_per_minute": 10**6})
    with app_client(running) as client:
        client.post("/v1/events", json=[order("e2", "00011", day)], headers=auth(keys["ingest"]))
        status: dict[str, object] = {}
        for _ in range(600):  # a busy machine may take a while
            status = client.get("/v1/events/status", headers=auth(keys["admin"])).json()
            if status["applied"] == 2:
                break
            time.sleep(0.25)
        assert status["pending"] == 0 and status["applied"] == 2, status
        assert status["worker"] is True
    assert Workspace(home).store().version != version
