"""The discount policy asked in chat, through the real router and app: stated from the
settings for support, which R21 saw asked for a customer, and named when asked second."""

from typing import Any

from fastapi.testclient import TestClient

from assistant.roles import Role
from tests.api.conftest import auth
from tests.tools.store import REVIEWER


def ask(client: TestClient, key: str, message: str) -> Any:
    response = client.post("/v1/chat", json={"message": message}, headers=auth(key))
    assert response.status_code == 200, response.text
    return response.json()


def test_support_is_told_the_policy(client: TestClient, keys: dict[Role, str]) -> None:
    reply = ask(client, keys["support"], "what is the discount policy?")
    assert [call["name"] for call in reply["tool_calls"]] == ["discount_policy"]
    assert reply["answer"].startswith("Offers may give at most 20% off;")
    assert "RETAIN_" not in reply["answer"]


def test_the_policy_asked_second_is_named(client: TestClient, keys: dict[Role, str]) -> None:
    reply = ask(
        client, keys["support"], f"which segment is {REVIEWER} in and whats the discount policy"
    )
    assert [call["name"] for call in reply["tool_calls"]] == ["customer_profile"]
    assert reply["answer"].endswith(
        'You also asked "whats the discount policy": ask it on its own and I will answer it.'
    )
