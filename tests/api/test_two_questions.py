"""Two questions in one message, through the real router: the second is named, not dropped."""

from typing import Any

import pytest
from fastapi.testclient import TestClient

from assistant.roles import Role
from tests.api.conftest import auth
from tests.tools.store import REVIEWER


def ask(client: TestClient, key: str, message: str) -> Any:
    response = client.post("/v1/chat", json={"message": message}, headers=auth(key))
    assert response.status_code == 200, response.text
    return response.json()


def test_the_offer_asked_after_a_profile_is_named_under_it(
    client: TestClient, keys: dict[Role, str]
) -> None:
    reply = ask(
        client,
        keys["marketer"],
        f"what is the churn risk of customer {REVIEWER} and what should we offer them?",
    )
    assert [call["name"] for call in reply["tool_calls"]] == ["customer_profile"]
    assert reply["answer"].endswith(
        'You also asked "what should we offer them?": ask it on its own and I will answer it.'
    )


@pytest.mark.parametrize(
    "message",
    [
        "who is about to leave, and what are they worth?",
        "who is most likely to churn? show me the top 10",
        "who are the top customers and how much did they spend?",
    ],
)
def test_one_question_in_two_clauses_gets_no_note(
    client: TestClient, keys: dict[Role, str], message: str
) -> None:
    reply = ask(client, keys["operator"], message)
    assert len(reply["tool_calls"]) == 1
    assert "You also asked" not in reply["answer"]
