"""Errors a person can act on, shared by every layer.

    RetainError                  base: catch this to handle any of ours
    ├── InvalidInput   (422)     a file, row, column or argument is wrong
    ├── NotFound       (404)     an id or a workspace artifact does not exist
    ├── Forbidden      (403)     the caller's role may not do this
    └── Unavailable    (503)     a resource is missing or exhausted (memory, a model)

Each carries one message that says what is wrong and what would be valid, e.g.
"orders.csv line 1,206, column amount: '12,50' is not a number (use a dot for decimals)".
The HTTP layer maps the classes to the status codes above; the CLI prints the message and exits 2.
"""


class RetainError(Exception):
    """Base of every error Retain raises on purpose."""

    status_code = 500


class InvalidInput(RetainError):
    """Input (a file, a row, an argument) is not valid."""

    status_code = 422


class NotFound(RetainError):
    """An id or an artifact does not exist."""

    status_code = 404


class Forbidden(RetainError):
    """The caller's role does not allow this."""

    status_code = 403


class Unavailable(RetainError):
    """A needed resource is missing or exhausted; `retry_after_s` when it will free up."""

    status_code = 503

    def __init__(self, message: str, retry_after_s: int | None = None) -> None:
        super().__init__(message)
        self.retry_after_s = retry_after_s
