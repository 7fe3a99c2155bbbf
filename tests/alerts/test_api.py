"""GET /v1/alerts, GET /v1/alerts/{id}, POST /v1/alerts/{id}/ack and the SSE stream."""

import json
import threading
from collections.abc import AsyncGenerator, Iterator
from typing import TYPE_CHECKING, Any

import pandas as pd
import pytest
from fastapi.testclient import TestClient

from assistant.alerts.feed import AlertFeed
from assistant.api.routes.alerts import _events
from assistant.persistence import AppDatabase, create_key
from assistant.roles import Role
from tests.alerts.app import AlertServices, alert_app, auth
from tests.alerts.factories import make_batch, make_reviews, make_scores, population
from tests.alerts.waiting import LIMIT_S, until
from tests.asyncio_helpers import run_on_fresh_loop

if TYPE_CHECKING:  # what starlette's TestClient returns (it falls back to httpx without it)
    from httpx2 import Response

VIP = "00042"
LOST = [f"3{i:04d}" for i in range(20)]


def segments() -> "pd.Series[str]":
    return pd.Series(dict.fromkeys(LOST, "lost"))


def everything(version: str = "v2") -> object:
    before = make_scores(population() | {VIP: (0.5, 500.0)} | dict.fromkeys(LOST, (0.2, 1.0)))
    after = make_scores(population() | {VIP: (0.8, 500.0)} | dict.fromkeys(LOST, (0.4, 1.0)))
    reviews = make_reviews([{"review_id": "r1", "customer_id": "10003", "rating": 1,
                             "text": "Never again, write to me at x.y@example.com"}])  # fmt: skip
    return make_batch(before, after, reviews, version=version)


def a_review(review_id: str, customer: str) -> object:
    scores = make_scores(population() | {VIP: (0.5, 500.0)})
    reviews = make_reviews([{"review_id": review_id, "customer_id": customer, "sentiment": -1}])
    return make_batch(scores, scores, reviews, version=f"v-{review_id}")


@pytest.fixture
def app(sqlite_db: AppDatabase) -> Iterator[tuple[TestClient, AlertServices, dict[Role, str]]]:
    client, built, keys = alert_app(sqlite_db, segments)
    yield client, built, keys
    client.__exit__(None, None, None)


def test_list_read_and_acknowledge_by_role(
    app: tuple[TestClient, AlertServices, dict[Role, str]],
) -> None:
    client, built, keys = app
    built.alerts.raise_for(everything())  # type: ignore[arg-type]
    got = client.get("/v1/alerts", headers=auth(keys["operator"]))
    assert got.status_code == 200
    rows = got.json()
    assert [(r["id"], r["rule"]) for r in rows] == [
        (3, "segment_jump"), (2, "negative_review"), (1, "risk_crossing"),
    ]  # fmt: skip
    assert set(rows[0]) == {"id", "rule", "severity", "customer_id", "segment", "title", "facts",
                            "state", "raised_at", "acknowledged_at", "acknowledged_by",
                            "store_version"}  # fmt: skip
    assert "example.com" not in got.text and "[email removed]" in got.text
    support = client.get("/v1/alerts?state=all", headers=auth(keys["support"])).json()
    assert [r["id"] for r in support] == [2, 1]
    assert client.get("/v1/alerts/3", headers=auth(keys["support"])).status_code == 404
    one = client.get("/v1/alerts/1", headers=auth(keys["marketer"]))
    assert one.json()["facts"]["churn_risk_after"] == 0.8

    refused = client.post("/v1/alerts/1/ack", headers=auth(keys["marketer"]))
    assert refused.status_code == 403 and refused.json()["error"] == "forbidden"
    acked = client.post("/v1/alerts/1/ack", headers=auth(keys["support"])).json()
    assert acked["state"] == "acknowledged" and acked["acknowledged_by"] == "test-support"
    again = client.post("/v1/alerts/1/ack", headers=auth(keys["admin"])).json()
    assert again == acked

    def listed(state: str) -> list[int]:
        found = client.get(f"/v1/alerts?state={state}", headers=auth(keys["operator"]))
        return [r["id"] for r in found.json()]

    assert listed("open") == [3, 2] and listed("acknowledged") == [1]
    assert listed("all") == [3, 2, 1]
    page = client.get("/v1/alerts?state=all&limit=1&offset=2", headers=auth(keys["operator"]))
    assert [r["id"] for r in page.json()] == [1] and page.headers["X-Total-Count"] == "3"
    opened = client.get("/v1/alerts", headers=auth(keys["operator"]))
    assert opened.headers["X-Total-Count"] == "2"


def test_bad_requests_say_what_is_wrong(
    app: tuple[TestClient, AlertServices, dict[Role, str]],
) -> None:
    client, built, keys = app
    assert client.get("/v1/alerts").status_code == 401
    assert client.get("/v1/alerts/stream").status_code == 401
    bad_state = client.get("/v1/alerts?state=closed", headers=auth(keys["admin"]))
    assert bad_state.status_code == 422 and "state" in bad_state.json()["detail"]
    for path in ("/v1/alerts/0", "/v1/alerts/abc", f"/v1/alerts/{2**40}"):
        assert client.get(path, headers=auth(keys["admin"])).status_code == 422
    ingest = create_key(built.db, "ingest", "shop")[0]  # a machine that only sends events
    for path in ("/v1/alerts", "/v1/alerts/1", "/v1/alerts/stream"):
        refused = client.get(path, headers=auth(ingest))
        assert refused.status_code == 403 and refused.json()["error"] == "forbidden"
    missing = client.get("/v1/alerts/77", headers=auth(keys["admin"]))
    assert missing.status_code == 404 and "no alert 77" in missing.json()["detail"]
    assert client.post("/v1/alerts/77/ack", headers=auth(keys["admin"])).status_code == 404


def events_of(response: "Response") -> list[tuple[str, dict[str, Any]]]:
    """(event, data) of each SSE event with data in a response."""
    out = []
    for block in response.text.split("\n\n"):
        lines = dict(line.split(": ", 1) for line in block.splitlines() if ": " in line
                     and not line.startswith(":"))  # fmt: skip
        if "event" in lines:
            out.append((lines["event"], json.loads(lines["data"])))
    return out


class Listener:
    """A GET of the stream on its own thread (the test client returns when the stream ends)."""

    def __init__(self, client: TestClient, path: str, headers: dict[str, str]) -> None:
        self.answers: list[Response] = []
        self.thread = threading.Thread(
            target=lambda: self.answers.append(client.get(path, headers=headers)), daemon=True
        )
        self.thread.start()

    def response(self, built: AlertServices) -> "Response":
        self.thread.join(LIMIT_S)
        if self.thread.is_alive():  # end the stream rather than hang the test run
            built.alerts.feed.close()
            self.thread.join()
            raise AssertionError("the stream did not end after max_events")
        return self.answers[0]


def test_the_stream_replays_then_streams_a_raised_alert_live(
    app: tuple[TestClient, AlertServices, dict[Role, str]],
) -> None:
    client, built, keys = app
    built.alerts.raise_for(everything())  # type: ignore[arg-type]
    replay = Listener(client, "/v1/alerts/stream?after=1&max_events=1", auth(keys["support"]))
    answer = replay.response(built)
    assert answer.headers["content-type"].startswith("text/event-stream")
    assert answer.text.startswith("retry: 5000\n\n") and "id: 2\n" in answer.text
    assert [(kind, data["id"]) for kind, data in events_of(answer)] == [("alert", 2)]

    headers = {"Last-Event-ID": "3", **auth(keys["operator"])}
    live = Listener(client, "/v1/alerts/stream?max_events=2", headers)
    until(lambda: built.alerts.feed.subscribers == 1, "the stream subscribes")
    built.alerts.raise_for(a_review("r7", "10005"))  # type: ignore[arg-type]
    client.post("/v1/alerts/4/ack", headers=auth(keys["admin"]))
    events = events_of(live.response(built))
    assert [(kind, data["id"], data["state"]) for kind, data in events] == [
        ("alert", 4, "open"), ("acknowledged", 4, "acknowledged"),
    ]  # fmt: skip
    assert events[0][1]["facts"]["review_id"] == "r7"


def test_the_stream_beats_when_idle_and_says_when_it_drops_a_slow_reader(
    sqlite_db: AppDatabase,
) -> None:
    from assistant.alerts.service import AlertService
    from assistant.settings import Settings

    alerts = AlertService(sqlite_db, Settings(), segments)

    async def read() -> list[str]:
        stream = _events(alerts, "operator", 0, None, heartbeat_s=0.01)
        assert isinstance(stream, AsyncGenerator)  # typed as an iterator; aclose() ends it below
        chunks = [await anext(stream), await anext(stream)]  # retry, then a heartbeat
        alerts.feed = AlertFeed(capacity=1)  # fresh feed: the next stream reads slowly
        slow = _events(alerts, "operator", 0, None, heartbeat_s=60)
        chunks.append(await anext(slow))
        for n in (4, 5, 6):  # raised while the reader reads nothing
            alerts.raise_for(a_review(f"r{n}", f"1000{n}"))  # type: ignore[arg-type]
        chunks += [chunk async for chunk in slow]  # the replay, then the notice
        await stream.aclose()
        return chunks

    chunks = run_on_fresh_loop(read())
    assert chunks[:3] == ["retry: 5000\n\n", ": heartbeat\n\n", "retry: 5000\n\n"]
    assert [c.split("\n")[0] for c in chunks[3:-1]] == ["id: 1", "id: 2", "id: 3"]  # replayed
    assert chunks[-1].startswith("event: dropped\n") and '"after": 3' in chunks[-1]
