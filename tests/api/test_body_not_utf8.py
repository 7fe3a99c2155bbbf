"""A request body that is not UTF-8 is refused saying so, not as "an error parsing the body"."""

import pytest
from fastapi.testclient import TestClient

from assistant.roles import Role
from tests.api.conftest import auth


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/v1/chat", b'{"message": "caf\xe9"}'),
        ("/v1/tools/at_risk_customers", b'{"segment": "\xff\xfe"}'),
        ("/v1/events", b'[{"event_id": "e\xc3"}]'),
    ],
)
def test_a_body_that_is_not_utf8_says_so_and_where(
    client: TestClient, keys: dict[Role, str], path: str, body: bytes
) -> None:
    headers = auth(keys["admin"]) | {"content-type": "application/json"}
    answer = client.post(path, content=body, headers=headers)
    assert answer.status_code == 422
    bad = next(i for i, byte in enumerate(body) if byte >= 0x80)
    assert answer.json() == {
        "error": "invalid_request",
        "detail": f"body: not valid UTF-8 (byte 0x{body[bad]:02x} at byte {bad}); JSON must be "
        "sent encoded as UTF-8",
    }
