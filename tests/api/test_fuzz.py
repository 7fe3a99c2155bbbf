"""schemathesis fuzzes every operation of the OpenAPI spec, signed in as admin: no 5xx.

Cases come from each operation's hypothesis strategy and are sent through the ASGI app;
schemathesis's pytest plugin is not used (it does not load with this pytest).
"""

import itertools
from typing import Any

import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given
from hypothesis import settings as fuzzing
from hypothesis.errors import Unsatisfiable
from schemathesis.core.result import Err

from assistant.llm.fake import ScriptedChatModel
from assistant.roles import Role
from tests.api.conftest import MakeClient, auth

EXAMPLES = 20  # per operation and mode (valid, invalid)
Operation = schemathesis.APIOperation[Any, Any, Any, Any]  # type parameters unused here


def operations_of(schema: schemathesis.BaseSchema) -> list[Operation]:
    """Every operation of the spec; a part of the spec schemathesis cannot read fails the test."""
    operations = []
    for result in schema.get_all_operations():
        if isinstance(result, Err):
            raise result.err()
        operations.append(result.ok())
    return operations


def test_no_server_errors(
    make_client: MakeClient,
    settings: Any,
    keys: dict[Role, str],
    model: ScriptedChatModel,
) -> None:
    model.answers.extend(["Hello, we miss you."] * 10_000)  # drafts are fuzzed too
    client: TestClient = make_client(settings.model_copy(update={"rate_limit_per_minute": 10**6}))
    schema = schemathesis.openapi.from_asgi("/openapi.json", client.app)
    headers = auth(keys["admin"])
    failures: list[str] = []
    statuses: list[int] = []
    operations = operations_of(schema)
    assert len(operations) >= 12
    modes = (schemathesis.GenerationMode.POSITIVE, schemathesis.GenerationMode.NEGATIVE)
    for operation, mode in itertools.product(operations, modes):

        @given(case=operation.as_strategy(generation_mode=mode))
        @fuzzing(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
        def fuzz(case: schemathesis.Case[Operation]) -> None:
            response = case.call(headers=headers)
            statuses.append(response.status_code)
            if response.status_code >= 500:
                failures.append(f"{case.method} {case.formatted_path}: {response.status_code} "
                                f"{response.text[:200]}")  # fmt: skip

        try:
            fuzz()
        except Unsatisfiable:  # nothing invalid to send (no parameters, no body)
            assert mode == schemathesis.GenerationMode.NEGATIVE
    assert not failures, failures
    assert len(statuses) > 5 * len(operations)
    assert {200, 422} <= set(statuses)  # valid and invalid cases both reached the app
