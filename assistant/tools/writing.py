"""What the writing tools (draft_offer, segment_summary) share: streaming a draft through
`ctx.on_token`, and the draft as JSON (also what `retain draft --json` prints).

A draft the verifier rejects has already been streamed; a short notice in the stream says so
before the retry or the fallback streams. The final `answer` is the text that was checked
(after one sentence saying so when it is the standard text), so a client replaces the streamed
text with it when the tool finishes.

A draft has a time limit wherever it is asked for (a chat turn, `POST /v1/tools/{name}`, `retain
draft`): the model it is handed stops at the deadline (assistant/chat/llm_gate.py), and a draft
that comes back at or past it is answered as timed out, not shown (by the chat turn itself;
elsewhere, DraftTimeout).
"""

import time
from collections.abc import Callable
from typing import Any

from assistant.drafting import Attempt, DraftResult
from assistant.drafting.draft import Path
from commerce.errors import RetainError

NOTICES: dict[Path, str] = {
    "retry": "\n\n[The draft above broke a rule ({reason}); rewriting it.]\n\n",
    "fallback": "\n\n[The draft above broke a rule ({reason}); using the standard text.]\n\n",
}


class TokenStream:
    """A DraftObserver that hands each streamed piece to `on_token`, with a notice between a
    rejected draft and the text that replaces it."""

    def __init__(self, on_token: Callable[[str], None]) -> None:
        self.on_token = on_token
        self.rejected: str | None = None  # why the last draft was refused, until the next starts

    def piece(self, path: Path, text: str) -> None:
        self._notice(path)
        self.on_token(text)

    def attempt(self, attempt: Attempt) -> None:
        if attempt.path == "fallback":
            self._notice("fallback")
            self.on_token(attempt.text)
        elif attempt.violations:
            self.rejected = attempt.violations[0].message

    def _notice(self, path: Path) -> None:
        if self.rejected is not None and path in NOTICES:
            self.on_token(NOTICES[path].format(reason=self.rejected))
            self.rejected = None


# Said before the standard text, which the streamed notice says too but the answer replaces:
# a reader who waited minutes for a draft should know the model's was not used, and why.
STANDARD_TEXT = "The model's drafts did not pass the checks, so this is the standard text:"
NO_DRAFT = "The model could not write a draft, so this is the standard text:"


def shown_answer(result: DraftResult) -> str:
    """The tool's answer: the text, after a sentence saying so when it is the fallback's."""
    if result.path != "fallback":
        return result.text
    failed = any(a.violations and a.violations[0].kind == "model_error" for a in result.attempts)
    return f"{NO_DRAFT if failed else STANDARD_TEXT}\n\n{result.text}"


def passed(result: DraftResult) -> bool:
    """True when the text shown passed verification (the fallback is checked like a draft)."""
    return not result.attempts or not result.attempts[-1].violations


def draft_json(result: DraftResult) -> dict[str, Any]:
    """The draft, the path that produced it, the facts it used and every violation found."""
    return {
        "text": result.text,
        "path": result.path,
        "facts": result.facts,
        "violations": [vars(v) for v in result.violations],
        "attempts": [
            {"path": a.path, "seconds": round(a.seconds, 3), "pieces": a.pieces}
            for a in result.attempts
        ],
    }


class DraftTimeout(RetainError):
    """A draft not finished within its time limit (HTTP 504 `timeout`; the CLI exits 2)."""

    status_code = 504


def check_in_time(what: str, deadline: float, limit_s: float, limit: str) -> None:
    """DraftTimeout, naming the limit and the setting (or flag) `limit` that sets it, when `what`
    finished at or past `deadline` (a time.monotonic() instant). The model was stopped there, so
    what came back is the standard text the draft falls back to when the model fails: showing it
    as the draft asked for would hide that the model never finished."""
    if time.monotonic() >= deadline:
        raise DraftTimeout(
            f"{what} took longer than {limit_s:g} s, its limit ({limit}); the writing model was "
            "stopped there. Try again, or raise the limit"
        )
