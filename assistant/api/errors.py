"""Every error leaves as JSON {"error": kind, "detail": message} with the right status.

RetainError subclasses carry their status (422, 404, 403, 409, 503, 429...); request
validation errors name the field, and a body that cannot be parsed at all (JSON nested too
deeply, bytes that are not UTF-8) is the same 422 invalid_request as broken JSON; anything
unexpected is a logged 500 that shows no internals.
"""

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from commerce.errors import RetainError

log = logging.getLogger("retain.http")
KINDS = {
    401: "unauthorized", 403: "forbidden", 404: "not_found", 405: "method_not_allowed",
    409: "conflict", 413: "request_too_large", 422: "invalid_input", 429: "rate_limited",
    503: "unavailable", 504: "timeout",
}  # fmt: skip


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(RetainError, _retain_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(Exception, _unexpected)


def error_response(status: int, kind: str, detail: str, retry_after: int | None) -> JSONResponse:
    headers = {"Retry-After": str(retry_after)} if retry_after else None
    if status == 401:
        headers = (headers or {}) | {"WWW-Authenticate": "Bearer"}
    return JSONResponse({"error": kind, "detail": detail}, status_code=status, headers=headers)


async def _retain_error(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, RetainError)
    kind = KINDS.get(error.status_code, "error")
    return error_response(
        error.status_code, kind, str(error), getattr(error, "retry_after_s", None)
    )


async def _validation_error(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, RequestValidationError)
    problems = [_problem(item) for item in error.errors()]
    return error_response(422, "invalid_request", "; ".join(problems), None)


def _problem(item: dict[str, Any]) -> str:
    """One validation error in words: 'budget: Input should be a valid number', or for a body
    that is no JSON, where the parser stopped and why ('body: invalid JSON at character 17:
    Expecting property name enclosed in double quotes')."""
    loc = item.get("loc", ())
    if item.get("type") == "json_invalid":
        at = next((part for part in loc if isinstance(part, int)), None)
        why = item.get("ctx", {}).get("error")
        return (
            "body: invalid JSON"
            + (f" at character {at}" if at is not None else "")
            + (f": {why}" if why else "")
        )
    where = ".".join(str(part) for part in loc if part != "body")
    return f"{where or 'body'}: {item.get('msg', 'invalid')}"


async def _http_error(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, HTTPException)
    if error.status_code == 400:
        # FastAPI's answer to a body its JSON parser gave up on (other than a syntax error,
        # which arrives as a validation error): the client's fault, like any bad JSON.
        return error_response(422, "invalid_request", _unparsed_body(error), None)
    kind = KINDS.get(error.status_code, "http_error")
    return error_response(error.status_code, kind, str(error.detail), None)


def _unparsed_body(error: HTTPException) -> str:
    """Why FastAPI could not parse a body, from the error it gave up on."""
    cause = error.__cause__
    if isinstance(cause, RecursionError):
        return "body: JSON nested too deeply"
    if isinstance(cause, UnicodeDecodeError):
        byte = cause.object[cause.start : cause.start + 1].hex()
        return (
            f"body: not valid UTF-8 (byte 0x{byte} at byte {cause.start:,}); JSON must be sent "
            "encoded as UTF-8"
        )
    return f"body: {error.detail}"


async def _unexpected(request: Request, error: Exception) -> JSONResponse:
    log.error("unhandled error", exc_info=error, extra={"path": request.url.path})
    return error_response(500, "internal", "an unexpected error was logged", None)
