"""Every dependency a route takes, as Annotated aliases (one place, as the template does)."""

from typing import Annotated

from fastapi import Depends, Header, Request

from assistant.api.services import Services
from assistant.persistence.keys import Principal, authenticate
from commerce.errors import RetainError


class Unauthorized(RetainError):
    status_code = 401


def services(request: Request) -> Services:
    found: Services = request.app.state.services
    return found


ServicesDep = Annotated[Services, Depends(services)]


def principal(
    request: Request,
    found: ServicesDep,
    authorization: Annotated[str | None, Header()] = None,
    x_api_key: Annotated[str | None, Header()] = None,
) -> Principal:
    """The caller, from `Authorization: Bearer KEY` or `X-API-Key: KEY`; rate-limited."""
    token = x_api_key
    if authorization:
        scheme, _, value = authorization.partition(" ")
        if scheme.lower() != "bearer" or not value.strip():
            raise Unauthorized("Authorization must be 'Bearer <API key>'")
        token = value.strip()
    if not token:
        raise Unauthorized("an API key is required (Authorization: Bearer <key>)")
    caller = authenticate(found.db, token)
    if caller is None:
        raise Unauthorized("unknown or revoked API key")
    request.scope.setdefault("state", {})["caller"] = caller.name
    found.limiter.check(str(caller.key_id))
    return caller


PrincipalDep = Annotated[Principal, Depends(principal)]
