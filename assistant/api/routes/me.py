"""GET /v1/me: who the key belongs to, what it may ask, and questions to start with."""

from typing import Any

from fastapi import APIRouter

from assistant.api.deps import PrincipalDep, ServicesDep
from assistant.chat.replies import EXAMPLE_CUSTOMER, suggestions
from assistant.roles import tools_for
from commerce.errors import RetainError

router = APIRouter(prefix="/v1", tags=["chat"])


@router.get("/me", summary="The caller's name, role, tools and suggested questions")
def me(caller: PrincipalDep, found: ServicesDep) -> dict[str, Any]:
    return {
        "name": caller.name,
        "role": caller.role,
        "tools": tools_for(caller.role),
        "suggestions": suggestions(caller.role, _reviewer(found)),
    }


def _reviewer(found: ServicesDep) -> str:
    """A customer who wrote reviews, for the suggestion about reviews (the example id while
    the store cannot be read: the page must still load)."""
    try:
        return found.data.reviews().most_reviewed() or EXAMPLE_CUSTOMER
    except RetainError:
        return EXAMPLE_CUSTOMER
