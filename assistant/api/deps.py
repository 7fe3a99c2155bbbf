"""Every dependency a route takes, as Annotated aliases (one place, as the template does)."""

import logging
from collections.abc import Callable
from typing import Annotated

from fastapi import Depends, Header, Request
from sqlalchemy.exc import SQLAlchemyError

from assistant.api.services import Services
from assistant.persistence import audit
from assistant.persistence.keys import Principal, authenticate
from assistant.roles import ROLES, may_send_events
from commerce.errors import Forbidden, RetainError

log = logging.getLogger("retain.api")


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
    """The caller, from `Authorization: Bearer KEY` or `X-API-Key: KEY`; rate-limited. An
    ingest key is refused here: it may only send events (EventPrincipalDep)."""
    caller = _caller(request, found, authorization, x_api_key)
    if caller.role not in ROLES:
        reason = f"an {caller.role} key may only send events (POST /v1/events)"
        # Audited as every refusal is: a machine key probing other routes is worth seeing.
        route = {"method": request.method, "path": request.url.path}
        try:
            audit.record(found.db, audit.audit_row(caller, "route", route, 0, "refused", reason))
        except SQLAlchemyError as error:  # a busy database must not turn the 403 into a 500
            log.warning("could not audit a refused %s key: %s", caller.role, error)
        raise Forbidden(reason)
    return caller


def event_principal(
    request: Request,
    found: ServicesDep,
    authorization: Annotated[str | None, Header()] = None,
    x_api_key: Annotated[str | None, Header()] = None,
) -> Principal:
    """The caller of the events endpoints: an ingest or admin key."""
    caller = _caller(request, found, authorization, x_api_key)
    if not may_send_events(caller.role):
        raise Forbidden(f"{caller.role} keys may not send events: use an ingest or admin key")
    return caller


def key_check(
    found: ServicesDep,
    authorization: Annotated[str | None, Header()] = None,
    x_api_key: Annotated[str | None, Header()] = None,
) -> Callable[[], bool]:
    """For a long response (the alerts stream): a function that says whether the caller's key
    still authenticates, so a key revoked meanwhile ends it. Use beside PrincipalDep."""
    token = _token(authorization, x_api_key)
    return lambda: authenticate(found.db, token) is not None


def _token(authorization: str | None, x_api_key: str | None) -> str:
    token = x_api_key
    if authorization:
        scheme, _, value = authorization.partition(" ")
        if scheme.lower() != "bearer" or not value.strip():
            raise Unauthorized("Authorization must be 'Bearer <API key>'")
        token = value.strip()
    if not token:
        raise Unauthorized("an API key is required (Authorization: Bearer <key>)")
    return token


def _caller(
    request: Request, found: Services, authorization: str | None, x_api_key: str | None
) -> Principal:
    caller = authenticate(found.db, _token(authorization, x_api_key))
    if caller is None:
        raise Unauthorized("unknown or revoked API key")
    request.scope.setdefault("state", {})["caller"] = caller.name
    found.limiter.check(str(caller.key_id))
    return caller


PrincipalDep = Annotated[Principal, Depends(principal)]
EventPrincipalDep = Annotated[Principal, Depends(event_principal)]
KeyCheckDep = Annotated[Callable[[], bool], Depends(key_check)]
