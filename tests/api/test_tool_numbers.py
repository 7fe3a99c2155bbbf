"""POST /v1/tools/{name} refuses NaN and true/false for numbers with a 422 that says so."""

from fastapi.testclient import TestClient

from assistant.roles import Role
from tests.api.conftest import auth


def test_a_nan_budget_is_a_422_saying_it_is_not_finite(
    client: TestClient, keys: dict[Role, str]
) -> None:
    headers = auth(keys["operator"]) | {"content-type": "application/json"}
    answer = client.post("/v1/tools/plan_budget", content=b'{"budget": NaN}', headers=headers)
    assert answer.status_code == 422, answer.text
    assert answer.json()["detail"] == (
        "plan_budget: argument 'budget': Input should be a finite number (got nan)"
    )


def test_true_for_a_limit_is_a_422_not_a_limit_of_one(
    client: TestClient, keys: dict[Role, str]
) -> None:
    answer = client.post(
        "/v1/tools/at_risk_customers", json={"limit": True}, headers=auth(keys["operator"])
    )
    assert answer.status_code == 422, answer.text
    assert answer.json()["detail"] == (
        "at_risk_customers: argument 'limit': must be a whole number, not true/false (got True)"
    )
