"""The caller's own conversations: a list, and one with its messages."""

from typing import Annotated, Any

from fastapi import APIRouter, Query

from assistant.api.deps import PrincipalDep, ServicesDep

router = APIRouter(prefix="/v1/conversations", tags=["conversations"])


@router.get("", summary="Your conversations, newest first")
def list_conversations(
    found: ServicesDep,
    caller: PrincipalDep,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> list[dict[str, Any]]:
    return [c.to_dict() for c in found.chat.conversations.list(caller, limit, offset)]


@router.get("/{conversation_id}", summary="One of your conversations with its messages")
def get_conversation(
    conversation_id: str, found: ServicesDep, caller: PrincipalDep
) -> dict[str, Any]:
    return found.chat.conversations.history(caller, conversation_id).to_dict(messages=True)
