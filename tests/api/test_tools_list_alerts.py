"""POST /v1/tools/list_alerts takes `segment`, as the chat's tool does."""

from fastapi.testclient import TestClient

from assistant.alerts.model import NewAlert
from assistant.alerts.store import AlertStore
from assistant.persistence import open_app_database
from assistant.roles import Role
from assistant.settings import Settings
from tests.api.conftest import auth


def test_the_tool_route_lists_one_segments_alerts(
    client: TestClient, settings: Settings, keys: dict[Role, str]
) -> None:
    with open_app_database(settings) as db:
        AlertStore(db).raise_alerts([
            NewAlert("segment_jump", "high", None, name, f"'{name}' jumped", {"segment": name},
                     f"segment_jump|{name}|v1", "v1")
            for name in ("lost", "champions")
        ])  # fmt: skip
    listed = client.post(
        "/v1/tools/list_alerts", json={"segment": "lost"}, headers=auth(keys["operator"])
    )
    assert listed.status_code == 200
    body = listed.json()
    assert body["result"]["segment"] == "lost" and body["result"]["total"] == 1
    assert [row["segment"] for row in body["result"]["rows"]] == ["lost"]
    unknown = client.post(
        "/v1/tools/list_alerts", json={"segment": "vips"}, headers=auth(keys["operator"])
    )
    assert unknown.status_code == 404 and "no segment 'vips'" in unknown.text
