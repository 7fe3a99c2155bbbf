"""Odd requests get clear answers: bodies and arguments nested too deeply, request ids in any
bytes, empty messages."""

import pytest
from fastapi.testclient import TestClient

from assistant.api.observability import request_id_of
from assistant.roles import Role
from tests.api.conftest import auth

DEEP = b"[" * 5000 + b"]" * 5000


@pytest.mark.parametrize("path", ["/v1/chat", "/v1/tools/plan_budget", "/v1/events"])
def test_a_body_nested_too_deeply_is_an_invalid_request(
    client: TestClient, keys: dict[Role, str], path: str
) -> None:
    headers = auth(keys["admin"]) | {"content-type": "application/json"}
    answer = client.post(path, content=DEEP, headers=headers)
    assert answer.status_code == 422
    assert answer.json() == {"error": "invalid_request", "detail": "body: JSON nested too deeply"}


def test_tool_arguments_nested_deep_but_parseable_are_invalid(
    client: TestClient, keys: dict[Role, str]
) -> None:
    """JSON the parser takes (600 levels) but that would overflow validating and auditing it."""
    body = b'{"budget": ' + b"[" * 600 + b"]" * 600 + b"}"
    for role in ("admin", "support"):  # before the role check: it is no tool call at all
        headers = auth(keys[role]) | {"content-type": "application/json"}
        answer = client.post("/v1/tools/plan_budget", content=body, headers=headers)
        assert answer.status_code == 422 and "nested more than 32" in answer.json()["detail"]


def test_any_request_id_is_echoed_safely(client: TestClient) -> None:
    for sent, echoed in [
        (b"\xff\xfeabc-123", "abc-123"),  # not UTF-8: what is left of it
        (b"job 7/<script>", "job7/script"),  # spaces and markup dropped
        (b"trace:01.AB_c+=", "trace:01.AB_c+="),
    ]:
        answer = client.get("/healthz", headers={b"x-request-id": sent})
        assert answer.status_code == 200 and answer.headers["x-request-id"] == echoed
    fresh = client.get("/healthz", headers={b"x-request-id": b"\xff\xfe"}).headers["x-request-id"]
    assert len(fresh) == 16  # nothing usable was sent: a new id
    assert request_id_of(b"a" * 500) == "a" * 64


def test_a_body_that_is_no_json_says_where_the_parser_stopped(
    client: TestClient, keys: dict[Role, str]
) -> None:
    headers = auth(keys["admin"]) | {"content-type": "application/json"}
    answer = client.post("/v1/chat", content=b'{"message": "hi",}', headers=headers)
    assert answer.status_code == 422
    detail = answer.json()["detail"]
    assert detail.startswith("body: invalid JSON at character 17: ")
    assert "property name" in detail  # the parser's reason, not "JSON decode error"


@pytest.mark.parametrize("body", [None, b"null"])
def test_a_tool_that_takes_no_arguments_needs_no_body(
    client: TestClient, keys: dict[Role, str], body: bytes | None
) -> None:
    headers = auth(keys["operator"]) | {"content-type": "application/json"}
    answer = client.post("/v1/tools/list_segments", content=body, headers=headers)
    assert answer.status_code == 200, answer.text
    assert answer.json()["cards"][0]["type"] == "segments"


@pytest.mark.parametrize("message", ["", "   ", "\n\t "])
def test_an_empty_message_is_one_error_whatever_it_holds(
    client: TestClient, keys: dict[Role, str], message: str
) -> None:
    answer = client.post("/v1/chat", json={"message": message}, headers=auth(keys["admin"]))
    assert answer.status_code == 422
    assert answer.json() == {"error": "invalid_input", "detail": "message is empty"}
