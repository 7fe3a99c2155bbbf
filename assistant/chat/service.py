"""One chat turn: remember, route, run the tool, answer, remember again.

Numbers in answers come from tools (code); the LLM writes only what the user asked to be
written (offers, summaries) and picks a tool when the fast router cannot tell. Tool errors
become answers, never 500s. Everything that leaves is redacted for the caller's role.
"""

import logging
import queue
import threading
import time
from collections.abc import Callable, Generator
from dataclasses import dataclass, replace
from typing import Any

from assistant.alerts.store import AlertStore
from assistant.chat import replies, second_question
from assistant.chat.events import Event
from assistant.chat.llm_gate import LLMGate, ModelBusy
from assistant.persistence import audit
from assistant.persistence.conversations import ConversationStore
from assistant.persistence.db import AppDatabase
from assistant.persistence.keys import Principal
from assistant.roles import may_use, redact
from assistant.routing import role_reason
from assistant.routing.memory import Memory
from assistant.routing.route import Route
from assistant.settings import Settings
from assistant.tools.base import ToolContext, ToolOutput
from assistant.tools.catalogue import CATALOGUE, run_tool
from assistant.tools.data import StoreData
from commerce.errors import Forbidden, InvalidInput, NotFound, RetainError, Unavailable
from retrieval.embedder import Embedder

RouteFn = Callable[[str, Memory, Principal], Route]
FallbackFn = Callable[[str, Memory, Principal], Route]
log = logging.getLogger("retain.chat")
REFUSED = "refused"  # the audit log's tool for a request refused by rule, before any tool
# The audit log's tool for a language model's choice of tool that was not used (why: `error`).
LLM_ROUTE = "llm_route"
MAX_AUDITED_MESSAGE_CHARS = 200
# Taken (never released) by the first turn that finds no LLM installed: the server says so
# once, not with a traceback for every unclear message.
_missing_llm_logged = threading.Lock()


@dataclass
class ChatDeps:
    """What a turn needs; built once by the app (see assistant/api/app.py)."""

    settings: Settings
    db: AppDatabase
    conversations: ConversationStore
    data: StoreData
    route: RouteFn
    fallback: FallbackFn | None
    llm: LLMGate
    embedder: Callable[[], Embedder]
    alerts: AlertStore | None = None


def start_turn(
    deps: ChatDeps, principal: Principal, message: str, conversation_id: str | None
) -> "Turn":
    """Check the request and open (or resume) the conversation; raises before any event."""
    text = message.strip()
    if not text:
        raise InvalidInput("message is empty")
    if len(text) > deps.settings.max_message_chars:
        raise InvalidInput(
            f"message is {len(text):,} characters; the limit is "
            f"{deps.settings.max_message_chars:,} (RETAIN_MAX_MESSAGE_CHARS)"
        )
    # NotFound for an unknown id or someone else's conversation
    conversation_id, memory = deps.conversations.open_turn(principal, conversation_id, text)
    return Turn(deps, principal, text, conversation_id, Memory.from_dict(memory))


class Turn:
    """A started turn; iterate `events()` once."""

    def __init__(
        self, deps: ChatDeps, principal: Principal, text: str, conversation_id: str, memory: Memory
    ) -> None:
        self.deps, self.principal, self.text = deps, principal, text
        self.conversation_id, self.memory = conversation_id, memory
        self.tool_calls: list[dict[str, Any]] = []
        self.cards: list[dict[str, Any]] = []
        self.audit_rows: list[dict[str, Any]] = []  # written with the answer, in one transaction

    def events(self) -> Generator[Event, None, None]:
        yield Event("conversation", {"conversation_id": self.conversation_id})
        closed = False
        try:
            route = self.deps.route(self.text, self.memory, self.principal)
            if route.kind == "unclear" and self.deps.fallback is not None:
                route = self._fallback(route)
            answer: str = redact((yield from self._answer(route)), self.principal.role)
            audit_rows = [(audit.INSERT, self.audit_rows)] if self.audit_rows else []
            self.deps.conversations.close_turn(
                self.principal, self.conversation_id, answer, self.tool_calls, self.cards,
                self.memory.to_dict(), also=audit_rows,
            )  # fmt: skip
            closed = True
        finally:
            if not closed and self.audit_rows:
                # The turn broke off (an error, a client that left the stream): the tool calls
                # it made are logged all the same.
                audit.record_rows(self.deps.db, self.audit_rows)
        yield Event(
            "message",
            {
                "conversation_id": self.conversation_id,
                "answer": answer,
                "tool_calls": self.tool_calls,
                "cards": self.cards,
                "route": {"kind": route.kind, "tool": route.tool, "score": round(route.score, 3)},
            },
        )

    def _fallback(self, route: Route) -> Route:
        assert self.deps.fallback is not None
        try:
            chosen = self.deps.fallback(self.text, self.memory, self.principal)
        except ModelBusy:  # not read in time: say so, rather than blame the question
            return replace(route, reason=replies.model_busy(route.reason))
        except Unavailable:  # the LLM failed: answer without it
            return route
        except NotFound as missing:  # no LLM pack installed: answer without it, as when it fails
            if _missing_llm_logged.acquire(blocking=False):
                log.warning("unclear messages are answered without the LLM: %s", missing)
            return route
        except Exception as error:  # a broken model must not break the chat
            log.error("LLM routing failed", exc_info=error)
            return route
        # Why the model's reply was not used is for the log and the audit, not the user.
        if chosen.detail:
            log.warning("the LLM's choice of tool was not used: %s", chosen.detail)
            asked = {"message": self.text[:MAX_AUDITED_MESSAGE_CHARS]}
            self._audit(LLM_ROUTE, asked, 0, "error", chosen.detail)
        return chosen

    def _answer(self, route: Route) -> Generator[Event, None, str]:
        role = self.principal.role
        if route.kind == "greeting":
            return replies.greeting(role)
        if route.kind == "help":
            return replies.help_text(role)
        if route.kind == "out_of_scope":
            return replies.OUT_OF_SCOPE
        if route.kind == "refuse":
            reason = route.reason or "I can't do that."
            if route.tool:  # a tool the role may not use
                self._audit(route.tool, route.args, 0, "refused", reason)
            else:  # a rule (code, bulk exports, instructions, contacts for a marketer...)
                asked = {"message": self.text[:MAX_AUDITED_MESSAGE_CHARS]}
                self._audit(REFUSED, asked, 0, "refused", reason)
            return reason
        if route.kind != "tool" or route.tool is None:
            return replies.unclear(role, route.reason)
        if not may_use(role, route.tool):
            reason = role_reason(role, route.tool)
            self._audit(route.tool, route.args, 0, "refused", reason)
            return reason
        if route.missing:
            return replies.missing(route.tool, route.missing, role)
        output = yield from self._run(route.tool, route.args)
        if output is None:
            error: str = self.tool_calls[-1]["result"]["error"]
            return error
        self.memory = self.memory.after(route.tool, route.args, output.result)
        # What the question asked that the answer could not do ("except loyal"); empty where
        # the result did it after all (a perk the offer's policy carries).
        notes = [route.note(output.result) if route.reason else ""]
        notes.append(
            second_question.unanswered(
                self.text,
                route.tool,
                # read as the next turn will read it: "offer him" is the customer just shown
                lambda part: self.deps.route(part, self.memory, self.principal),
                lambda tool: may_use(role, tool),
            )
        )
        return "\n\n".join([output.answer, *filter(None, notes)])

    def _run(self, name: str, args: dict[str, Any]) -> Generator[Event, None, ToolOutput | None]:
        """Run one tool in a worker thread (so a timeout can give up on it), streaming its
        drafted text; returns its output, or None after recording the error as the answer."""
        role = self.principal.role
        shown_args = redact(args, role)
        yield Event("tool_started", {"name": name, "args": shown_args})
        pieces: queue.Queue[tuple[str, Any]] = queue.Queue()
        started = time.monotonic()
        writes = CATALOGUE[name].writes_text
        timeout = (
            self.deps.settings.draft_timeout_s if writes else self.deps.settings.tool_timeout_s
        )
        deadline = started + timeout
        ctx = ToolContext(
            settings=self.deps.settings,
            role=role,
            data=self.deps.data,
            # The model stops writing when the turn stops waiting (llm_gate.py): a draft given
            # up on would otherwise keep it from every later draft until it finished.
            chat_model=lambda: self.deps.llm.model(deadline),
            embedder=self.deps.embedder,
            on_token=lambda text: pieces.put(("token", text)),
            alerts=self.deps.alerts,
        )

        def work() -> None:
            try:
                ended: tuple[str, Any] = ("done", run_tool(ctx, name, args))
            except Exception as error:  # reported to the user below, never a 500
                ended = ("error", error)
            # Finished past the deadline, it is answered as timed out, however soon it is read:
            # a draft the gate stopped at the deadline (then the standard text) must not race
            # the timeout to the answer.
            pieces.put(("late", None) if time.monotonic() >= deadline else ended)

        threading.Thread(target=work, name=f"tool-{name}", daemon=True).start()
        output: ToolOutput | None = None
        error: str | None = None
        refused = False  # the tool is the role's, but not with these arguments (roles.py)
        while output is None and error is None:
            try:
                kind, value = pieces.get(timeout=max(deadline - time.monotonic(), 0.001))
            except queue.Empty:
                kind, value = "late", None
            if kind == "late":
                error = f"{name} took longer than {timeout:g} s; try again or narrow the question"
            elif kind == "token":
                yield Event("token", {"text": redact(value, role)})
            elif kind == "done":
                output = value
            else:
                error, refused = _error_text(value), isinstance(value, Forbidden)
        seconds = round(time.monotonic() - started, 3)
        rows = output.rows if output else 0
        outcome = "ok" if output else "refused" if refused else "error"
        self._audit(name, args, rows, outcome, error)
        yield Event(
            "tool_finished",
            {"name": name, "ok": output is not None, "rows": rows, "seconds": seconds},
        )
        if output is None:
            self.tool_calls.append({"name": name, "args": shown_args, "result": {"error": error}})
            return None
        self.tool_calls.append(
            {"name": name, "args": shown_args, "result": redact(output.result, role)}
        )
        self.cards.extend(redact(output.cards, role))
        return output

    def _audit(
        self, tool: str, args: dict[str, Any], rows: int, outcome: str, error: str | None
    ) -> None:
        self.audit_rows.append(
            audit.audit_row(self.principal, tool, args, rows, outcome, error, self.conversation_id)
        )


def _error_text(error: BaseException) -> str:
    if isinstance(error, RetainError):
        return str(error)
    # An unexpected failure: the user gets a plain sentence; the log gets the traceback.
    log.error("tool failed", exc_info=error)
    return "Something went wrong while answering; the error was logged."
