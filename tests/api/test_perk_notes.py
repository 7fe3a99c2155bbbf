"""An offer asked with a perk: the chat notes a perk the offer policy does not give, and adds
nothing (not even a blank line) where the policy gives it and the offer carries it."""

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from assistant.llm.fake import ScriptedChatModel
from assistant.persistence import create_key, open_app_database
from assistant.settings import Settings
from tests.api.conftest import MakeClient, auth

ASKED = "draft an offer for 00003 with free shipping"


def _answer(client: TestClient, key: str) -> str:
    reply = client.post("/v1/chat", json={"message": ASKED}, headers=auth(key))
    assert reply.status_code == 200
    [call] = reply.json()["tool_calls"]
    assert call["name"] == "draft_offer" and "error" not in call["result"]
    answer: str = reply.json()["answer"]
    return answer


@pytest.mark.parametrize(("perks", "noted"), [([], True), (["free shipping"], False)])
def test_a_perk_is_noted_only_where_the_offer_lacks_it(
    make_client: MakeClient,
    model: ScriptedChatModel,
    api_home: Path,
    tmp_path: Path,
    perks: list[str],
    noted: bool,
) -> None:
    settings = Settings(
        home=api_home, database_url=f"sqlite:///{tmp_path / 'app.db'}", offer_perks=perks
    )
    with open_app_database(settings) as db:
        key = create_key(db, "marketer", "perks")[0]
    client = make_client(settings)
    model.answers.extend(["not an offer", "not an offer"])  # both drafts fail: the fallback
    answer = _answer(client, key)
    assert ("can't be given free shipping" in answer) is noted
    assert answer == answer.strip()
