"""A writing tool run directly (POST /v1/tools/{name}) has the chat's draft limit: past
RETAIN_DRAFT_TIMEOUT_S the caller gets 504 `timeout` naming it, and the model is stopped at its
next piece, so the next draft gets the model instead of waiting behind one nobody reads."""

from typing import Any

import pytest

from assistant.chat.llm_gate import LLMGate
from assistant.roles import Role
from assistant.settings import Settings
from tests.alerts.waiting import LIMIT_S
from tests.api.conftest import MakeClient, auth
from tests.api.test_llm_time_limit import SlowModel
from tests.tools.store import REVIEWER


@pytest.mark.parametrize(
    ("tool", "args"),
    [("draft_offer", {"customer_id": REVIEWER}), ("segment_summary", {"segment": "champions"})],
)
def test_a_draft_run_directly_past_its_time_is_a_timeout_and_stops_the_model(
    make_client: MakeClient,
    settings: Settings,
    keys: dict[Role, str],
    tool: str,
    args: dict[str, Any],
) -> None:
    # Reads the prompt until let go (10 s at most), then writes 200 pieces: without the limit
    # the endpoint answered 200 once they were all written.
    model = SlowModel(pieces=200, hold=True)
    # Long enough for the tool to gather its facts and reach the model on a busy machine.
    limited = settings.model_copy(update={"draft_timeout_s": 8.0})
    client = make_client(limited, chat_model=lambda: model)
    headers = auth(keys["marketer"])
    late = client.post(f"/v1/tools/{tool}", json=args, headers=headers)
    assert late.status_code == 504, late.text
    assert late.json() == {
        "error": "timeout",
        "detail": f"{tool} took longer than 8 s, its limit (RETAIN_DRAFT_TIMEOUT_S); the writing "
        "model was stopped there. Try again, or raise the limit",
    }
    assert model.started.is_set(), "the draft reached the model within its time"
    model.release.set()
    # Closed at its next piece, not left writing the draft nobody reads ...
    assert model.closed.wait(LIMIT_S) and 0 < model.written < model.pieces
    # ... so the next call gets the model and its draft.
    model.pieces, model.hold = 2, False
    ran = client.post(f"/v1/tools/{tool}", json=args, headers=headers)
    assert ran.status_code == 200, ran.text
    assert ran.json()["result"]["attempts"][0]["pieces"] == 2
    gate: LLMGate = client.app.state.services.llm  # type: ignore[attr-defined]
    assert gate.waiting == 0
