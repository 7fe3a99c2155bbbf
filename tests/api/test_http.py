"""The HTTP surface: auth, bad requests, read endpoints, conversations, limits."""

from fastapi.testclient import TestClient

from assistant.roles import Role
from assistant.settings import Settings
from tests.api.conftest import MakeClient, auth
from tests.tools.store import REVIEWER


def test_keys_are_required_and_checked(client: TestClient, keys: dict[Role, str]) -> None:
    assert client.get("/v1/me").status_code == 401
    bad = client.get("/v1/me", headers=auth("rk_not-a-key"))
    assert bad.status_code == 401 and bad.json()["error"] == "unauthorized"
    assert bad.headers["www-authenticate"] == "Bearer"
    assert client.get("/v1/me", headers={"Authorization": "Basic abc"}).status_code == 401
    me = client.get("/v1/me", headers={"X-API-Key": keys["support"]}).json()
    assert me["role"] == "support" and "customer_profile" in me["tools"] and me["suggestions"]


def test_the_suggestion_about_reviews_names_a_customer_who_wrote_some(
    client: TestClient, keys: dict[Role, str]
) -> None:
    me = client.get("/v1/me", headers=auth(keys["support"])).json()
    about_reviews = [q for q in me["suggestions"] if "reviews" in q]
    reviews = client.app.state.services.data.reviews()  # type: ignore[attr-defined]
    reviewer = reviews.most_reviewed()
    assert about_reviews == [f"What did customer {reviewer} write in reviews?"]
    assert reviews.count(reviewer) >= 1


def test_bad_requests_get_clear_4xx(client: TestClient, keys: dict[Role, str]) -> None:
    headers = auth(keys["admin"]) | {"content-type": "application/json"}
    broken = client.post("/v1/chat", content=b'{"message": "hi"', headers=headers)
    assert broken.status_code == 422 and "JSON" in broken.json()["detail"]
    typed = client.post("/v1/chat", json={"message": 42}, headers=auth(keys["admin"]))
    assert typed.status_code == 422 and "message" in typed.json()["detail"]
    extra = client.post("/v1/chat", json={"message": "hi", "sql": "x"}, headers=auth(keys["admin"]))
    assert extra.status_code == 422 and "sql" in extra.json()["detail"]
    long = client.post("/v1/chat", json={"message": "x" * 5000}, headers=auth(keys["admin"]))
    assert long.status_code == 422 and "4,000" in long.json()["detail"]
    huge = client.post("/v1/chat", json={"message": "x" * 100_000}, headers=auth(keys["admin"]))
    assert huge.status_code == 413 and huge.json()["error"] == "request_too_large"
    unknown = client.post(
        "/v1/chat", json={"message": "hi", "conversation_id": "nope"}, headers=auth(keys["admin"])
    )
    assert unknown.status_code == 404 and "nope" in unknown.json()["detail"]


def test_read_endpoints(client: TestClient, keys: dict[Role, str]) -> None:
    headers = auth(keys["operator"])
    rows = client.get("/v1/customers?limit=5", headers=headers).json()
    assert len(rows) == 5 and all("customer_id" in r and "email" in r for r in rows)
    risky = client.get("/v1/customers?limit=5&at_risk=true", headers=headers).json()
    assert all(r["churn_risk"] >= 0.5 for r in risky)
    one = client.get(f"/v1/customers/{REVIEWER}", headers=headers)
    assert one.status_code == 200 and one.json()["customer_id"] == REVIEWER
    missing = client.get("/v1/customers/99999", headers=headers)
    assert missing.status_code == 404 and "99999" in missing.json()["detail"]
    segments = client.get("/v1/segments", headers=headers).json()
    assert segments and all("name" in s for s in segments)
    products = client.get("/v1/products?limit=3", headers=headers).json()
    assert len(products) == 3 and all("product_id" in p for p in products)
    assert products[0]["orders"] >= products[-1]["orders"]
    assert client.get("/v1/customers?limit=0", headers=headers).status_code == 422
    assert client.get("/v1/customers", headers=auth(keys["support"])).status_code == 403


def test_a_marketer_sees_segment_names_but_no_customer_names(
    client: TestClient, keys: dict[Role, str]
) -> None:
    headers = auth(keys["marketer"])
    segments = client.get("/v1/segments", headers=headers).json()
    assert segments and all(s["name"] for s in segments)
    listed = client.post("/v1/tools/list_segments", json={}, headers=headers).json()
    assert all(row["name"] for row in listed["cards"][0]["rows"])
    rows = client.get("/v1/customers?limit=5", headers=headers).json()
    assert rows and not any("name" in r or "email" in r for r in rows)
    profile = client.post(
        "/v1/tools/customer_profile", json={"customer_id": REVIEWER}, headers=headers
    ).json()
    assert "name" not in profile["result"] and "name" not in profile["cards"][0]


def test_tools_endpoint(client: TestClient, keys: dict[Role, str]) -> None:
    headers = auth(keys["operator"])
    listed = client.get("/v1/tools", headers=headers).json()
    assert "plan_budget" in {t["name"] for t in listed}
    ran = client.post("/v1/tools/plan_budget", json={"budget": 100}, headers=headers)
    assert ran.status_code == 200 and ran.json()["result"]
    unknown = client.post("/v1/tools/drop_tables", json={}, headers=headers)
    assert unknown.status_code == 404 and "plan_budget" in unknown.json()["detail"]
    bad = client.post("/v1/tools/plan_budget", json={"budget": "lots"}, headers=headers)
    assert bad.status_code == 422 and "budget" in bad.json()["detail"]
    support = auth(keys["support"])
    refused = client.post("/v1/tools/plan_budget", json={"budget": 1}, headers=support)
    assert refused.status_code == 403


def test_conversations_are_private_and_survive_a_restart(
    make_client: MakeClient, settings: Settings, keys: dict[Role, str]
) -> None:
    first = make_client(settings)
    reply = first.post("/v1/chat", json={"message": "list our segments"},
                       headers=auth(keys["operator"])).json()  # fmt: skip
    conversation = reply["conversation_id"]
    first.__exit__(None, None, None)  # the app shuts down
    second = make_client(settings)
    mine = second.get(f"/v1/conversations/{conversation}", headers=auth(keys["operator"]))
    assert mine.status_code == 200
    assert [m["role"] for m in mine.json()["messages"]] == ["user", "assistant"]
    listed = second.get("/v1/conversations", headers=auth(keys["operator"])).json()
    assert [c["id"] for c in listed] == [conversation]
    theirs = second.get(f"/v1/conversations/{conversation}", headers=auth(keys["marketer"]))
    assert theirs.status_code == 404
    assert second.get("/v1/conversations", headers=auth(keys["marketer"])).json() == []
    hijack = second.post(
        "/v1/chat", json={"message": "hi", "conversation_id": conversation},
        headers=auth(keys["marketer"]),
    )  # fmt: skip
    assert hijack.status_code == 404


def test_rate_limit_per_key(
    make_client: MakeClient, settings: Settings, keys: dict[Role, str]
) -> None:
    client = make_client(settings.model_copy(update={"rate_limit_per_minute": 3}))
    codes = [client.get("/v1/me", headers=auth(keys["admin"])).status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    limited = client.get("/v1/me", headers=auth(keys["admin"]))
    assert int(limited.headers["retry-after"]) >= 1
    assert client.get("/v1/me", headers=auth(keys["support"])).status_code == 200


def test_health_and_metrics(client: TestClient) -> None:
    assert client.get("/healthz").json() == {"status": "alive"}
    ready = client.get("/readyz").json()
    assert ready["ready"] and ready["scores"]
    assert "retain_http_requests_total" in client.get("/metrics").text
    assert client.get("/openapi.json").json()["paths"]["/v1/chat"]
