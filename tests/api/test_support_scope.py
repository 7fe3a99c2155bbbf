"""A support agent's call that names no customer is refused on both paths: 403 with the reason
on POST /v1/tools, the reason as the chat answer; both audited as refused, with it."""

from fastapi.testclient import TestClient

from assistant.persistence import open_app_database, recent
from assistant.roles import Role
from assistant.settings import Settings
from tests.api.conftest import auth

ONE_AT_A_TIME = "Support agents work one customer at a time: name the customer, e.g. "


def test_the_tools_route_refuses_with_the_reason(
    client: TestClient, keys: dict[Role, str], settings: Settings
) -> None:
    support = auth(keys["support"])
    refused = client.post("/v1/tools/draft_offer", json={"segment": "champions"}, headers=support)
    assert refused.status_code == 403
    assert refused.json()["detail"].startswith(ONE_AT_A_TIME + '"draft an offer for 00042"')
    whole = client.post("/v1/tools/review_sentiment", json={}, headers=support)
    assert whole.status_code == 403 and "review_sentiment needs" in whole.json()["detail"]
    mine = client.post("/v1/tools/review_sentiment", json={"customer_id": "00003"}, headers=support)
    assert mine.status_code == 200
    with open_app_database(settings) as db:
        audited = [e for e in recent(db, limit=10) if e.tool == "draft_offer"]
    assert audited and (audited[0].error or "").startswith(ONE_AT_A_TIME)
    assert audited[0].outcome == "refused"


def test_chat_answers_with_the_reason(
    client: TestClient, keys: dict[Role, str], settings: Settings
) -> None:
    reply = client.post(
        "/v1/chat", json={"message": "find reviews about stale coffee"},
        headers=auth(keys["support"]),
    ).json()  # fmt: skip
    assert reply["answer"].startswith(ONE_AT_A_TIME + '"reviews by 00042 about delivery"')
    [call] = reply["tool_calls"]
    assert call["name"] == "search_reviews" and call["result"]["error"] == reply["answer"]
    with open_app_database(settings) as db:
        audited = [e for e in recent(db, limit=10) if e.tool == "search_reviews"]
    assert audited and audited[0].outcome == "refused"
