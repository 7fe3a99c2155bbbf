"""POST /v1/chat when the answer is a refusal: a language model's reply that cannot be used
reads as a plain "I couldn't tell what you meant" (the reason goes to the log and the audit),
and values out of range reach the tool, which refuses them by name."""

import logging
from typing import Any

import pytest
from fastapi.testclient import TestClient

from assistant.chat.service import LLM_ROUTE
from assistant.llm.fake import ScriptedChatModel
from assistant.persistence import open_app_database, recent
from assistant.roles import Role
from assistant.routing.llm_fallback import NOT_UNDERSTOOD
from assistant.settings import Settings
from tests.api.conftest import auth

UNCLEAR = "which champs are going cold"  # the router cannot tell: the LLM is asked


def ask(client: TestClient, key: str, message: str) -> Any:
    response = client.post("/v1/chat", json={"message": message}, headers=auth(key))
    assert response.status_code == 200, response.text
    return response.json()


def test_a_reply_the_model_got_wrong_reads_plainly(
    client: TestClient,
    keys: dict[Role, str],
    model: ScriptedChatModel,
    caplog: pytest.LogCaptureFixture,
) -> None:
    model.answers.append("Sure! The best tool is the at-risk one.")  # no JSON at all
    with caplog.at_level(logging.WARNING, logger="retain.chat"):
        reply = ask(client, keys["operator"], UNCLEAR)
    assert reply["route"]["kind"] == "unclear" and reply["tool_calls"] == []
    first, _, rest = reply["answer"].partition("\n")
    assert first == NOT_UNDERSTOOD
    assert "you can ask me to" in rest  # the help
    assert "JSON" not in reply["answer"]
    logged = [r.getMessage() for r in caplog.records if r.name == "retain.chat"]
    assert any("holds no JSON object" in line for line in logged)
    settings: Settings = client.app.state.services.settings  # type: ignore[attr-defined]
    with open_app_database(settings) as db:
        entries = [e for e in recent(db, limit=10) if e.tool == LLM_ROUTE]
    [entry] = entries
    assert entry.outcome == "error" and entry.error is not None
    assert "holds no JSON object" in entry.error
    assert entry.arguments == {"message": UNCLEAR}


@pytest.mark.parametrize(
    ("message", "named"),
    [
        ("top -5 at risk customers", "'limit'"),
        ("explain alert -3", "'alert_id'"),
        ("explain alert 99999999999999999999", "'alert_id'"),
        ("best sellers in month 13", "month '13' is not a month"),
        ("best sellers in 1850", "year '1850' is out of range"),
    ],
)
def test_a_value_out_of_range_is_refused_by_name(
    client: TestClient, keys: dict[Role, str], message: str, named: str
) -> None:
    reply = ask(client, keys["operator"], message)
    [call] = reply["tool_calls"]
    assert named in call["result"]["error"] and named in reply["answer"]
