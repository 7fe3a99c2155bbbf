"""GET /v1/me: who the key belongs to, what it may ask, and questions to start with."""

from typing import Any

from fastapi import APIRouter

from assistant.api.deps import PrincipalDep
from assistant.chat.replies import SUGGESTIONS
from assistant.roles import tools_for

router = APIRouter(prefix="/v1", tags=["chat"])


@router.get("/me", summary="The caller's name, role, tools and suggested questions")
def me(caller: PrincipalDep) -> dict[str, Any]:
    return {
        "name": caller.name,
        "role": caller.role,
        "tools": tools_for(caller.role),
        "suggestions": SUGGESTIONS[caller.role],
    }
