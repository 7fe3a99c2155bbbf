"""POST /v1/tools/{name}: run one tool directly with JSON arguments (for scripts).

The same checks as a chat turn: the role must allow the tool, arguments are validated, the
call (or its refusal) is audited and the result redacted for the role.
"""

from typing import Annotated, Any

from fastapi import APIRouter, Body

from assistant.api.deps import PrincipalDep, ServicesDep
from assistant.api.routes.data import run_for
from assistant.tools.catalogue import CATALOGUE
from commerce.errors import InvalidInput, NotFound

router = APIRouter(prefix="/v1/tools", tags=["tools"])
# Arguments are plain values and short lists; far deeper JSON is no argument, and validating or
# auditing it would recurse past Python's limit.
MAX_ARGUMENT_DEPTH = 32


@router.get("", summary="The tools the caller may run, with their descriptions")
def list_tools(caller: PrincipalDep) -> list[dict[str, Any]]:
    from assistant.roles import may_use

    return [
        {"name": name, "description": spec.description, "writes_text": spec.writes_text,
         "arguments": spec.args_model.model_json_schema()}
        for name, spec in CATALOGUE.items() if may_use(caller.role, name)
    ]  # fmt: skip


@router.post("/{name}", summary="Run one tool")
def run(
    name: str,
    found: ServicesDep,
    caller: PrincipalDep,
    # No body is no arguments: a tool that takes none (list_segments) needs nothing sent.
    args: Annotated[dict[str, Any] | None, Body(description="The tool's arguments")] = None,
) -> dict[str, Any]:
    if name not in CATALOGUE:
        raise NotFound(f"no tool '{name}'; tools: {', '.join(CATALOGUE)}")
    args = args or {}
    check_depth(args)
    output = run_for(found, caller, name, args)
    return {"answer": output.answer, "result": output.result, "cards": output.cards}


def check_depth(args: dict[str, Any]) -> None:
    """InvalidInput when `args` nests lists or objects deeper than MAX_ARGUMENT_DEPTH."""
    pending: list[tuple[Any, int]] = [(args, 1)]
    while pending:  # a loop, not recursion: the point is to refuse what recursion cannot take
        value, depth = pending.pop()
        if depth > MAX_ARGUMENT_DEPTH:
            raise InvalidInput(
                f"arguments are nested more than {MAX_ARGUMENT_DEPTH} levels deep; "
                "a tool takes plain values and lists"
            )
        if isinstance(value, dict):
            pending.extend((item, depth + 1) for item in value.values())
        elif isinstance(value, list):
            pending.extend((item, depth + 1) for item in value)
