"""POST /v1/tools/{name}: run one tool directly with JSON arguments (for scripts).

The same checks as a chat turn: the role must allow the tool, arguments are validated, the
call is audited and the result redacted for the role.
"""

from typing import Annotated, Any

from fastapi import APIRouter, Body

from assistant.api.deps import PrincipalDep, ServicesDep
from assistant.api.routes.data import run_for
from assistant.tools.catalogue import CATALOGUE
from commerce.errors import NotFound

router = APIRouter(prefix="/v1/tools", tags=["tools"])


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
    args: Annotated[dict[str, Any], Body(description="The tool's arguments")],
) -> dict[str, Any]:
    if name not in CATALOGUE:
        raise NotFound(f"no tool '{name}'; tools: {', '.join(CATALOGUE)}")
    output = run_for(found, caller, name, args)
    return {"answer": output.answer, "result": output.result, "cards": output.cards}
