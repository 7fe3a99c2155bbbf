"""top_products over the API: run directly (POST /v1/tools/top_products) as the other tools
are, listed for the roles that may call it, refused and audited for the others, and asked for
in a chat."""

from fastapi.testclient import TestClient

from assistant.persistence import recent
from assistant.roles import Role
from tests.api.conftest import auth
from tests.api.test_chat import ask


def test_the_tool_runs_over_the_api(client: TestClient, keys: dict[Role, str]) -> None:
    response = client.post(
        "/v1/tools/top_products",
        json={"days": 365, "per": "category", "limit": 2},
        headers=auth(keys["marketer"]),
    )
    assert response.status_code == 200, response.text
    body = response.json()
    rows = body["result"]["rows"]
    assert [row["rank"] for row in rows] == [1, 2] and body["result"]["total"] == 3
    assert rows[0]["revenue"] >= rows[1]["revenue"] > 0
    assert body["cards"][0]["type"] == "products"
    answer = body["answer"]
    assert answer.startswith("In the 365 days to ") and "; top categories by revenue: " in answer


def test_it_is_listed_refused_and_checked_as_the_other_tools(
    client: TestClient, keys: dict[Role, str]
) -> None:
    def listed(role: Role) -> bool:
        tools = client.get("/v1/tools", headers=auth(keys[role])).json()
        return "top_products" in [tool["name"] for tool in tools]

    assert [listed(role) for role in ("operator", "marketer", "support", "admin")] == [
        True, True, False, True,
    ]  # fmt: skip
    refused = client.post("/v1/tools/top_products", json={}, headers=auth(keys["support"]))
    assert refused.status_code == 403
    assert refused.json()["detail"] == "the support role may not use top_products"
    entries = recent(client.app.state.services.db, limit=10)  # type: ignore[attr-defined]
    assert [(e.tool, e.outcome) for e in entries] == [("top_products", "refused")]
    bad = client.post(
        "/v1/tools/top_products", json={"by": "profit"}, headers=auth(keys["operator"])
    )
    assert bad.status_code == 422 and "argument 'by'" in bad.json()["detail"]


def test_a_chat_question_about_best_sellers(client: TestClient, keys: dict[Role, str]) -> None:
    reply = ask(client, keys["operator"], "what were our best sellers over the past month?")
    assert reply["route"]["kind"] == "tool" and reply["route"]["tool"] == "top_products"
    [call] = reply["tool_calls"]
    assert call["args"] == {"days": 30} and call["result"]["rows"]
    assert reply["cards"][0]["type"] == "products"
