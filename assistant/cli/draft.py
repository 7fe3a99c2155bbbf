"""`retain draft offer` and `retain draft segment`: grounded copy, streamed as the model writes.

Each draft streams to stderr as the model writes it, followed by why the verifier rejected it,
if it did. stdout gets only the final text, the one that passed (or the template), once and as
written (no re-wrapping), so `retain draft offer C > offer.txt` keeps exactly the copy to send.

A draft has the chat's time limit (RETAIN_DRAFT_TIMEOUT_S, or --timeout-s), counted once the model
is loaded: the model is handed through the chat's gate, which stops it at the deadline, and the
command then fails with the limit named instead of printing the standard text as the draft.
"""

import time
from collections.abc import Callable
from typing import Annotated, Literal

import typer

from assistant.chat.llm_gate import LLMGate
from assistant.cli.console import command_settings, err, fail, literal, out, print_json
from assistant.drafting import (
    Attempt,
    DraftResult,
    catalogue,
    draft_offer,
    draft_segment_summary,
    gather_offer_facts,
    gather_segment_facts,
    policy_from_settings,
)
from assistant.llm.base import ChatModel
from assistant.settings import Settings
from assistant.tools.writing import check_in_time, draft_json
from commerce.errors import InvalidInput, RetainError
from commerce.workspace import Workspace

app = typer.Typer(help="Draft offer copy and segment summaries, checked against the facts.")
LABELS = {"first_pass": "draft", "retry": "retry", "fallback": "fallback (template)"}
TimeoutOption = Annotated[
    float | None,
    typer.Option(
        "--timeout-s",
        help="Longest the model may write, in seconds, once loaded (default: "
        "RETAIN_DRAFT_TIMEOUT_S); past it the draft is stopped and the command fails",
    ),
]


def _chat_model(settings: Settings) -> ChatModel:
    """The chat model to draft with. WIRING POINT: the one place that picks the model.

    The RETAIN_LLM_* settings choose it (assistant.llm.factory); NotFound says which pack to
    install when it is missing.
    """
    from assistant.llm.factory import LLMConfig, load_from_config  # torch only when drafting

    return load_from_config(LLMConfig.from_settings(settings), settings.home)


def _write_in_time(
    settings: Settings, timeout_s: float | None, write: Callable[[ChatModel], DraftResult]
) -> DraftResult:
    """`write` given the model bound to the draft's deadline; DraftTimeout past it.

    The model is loaded first, outside the limit: a load cannot be stopped midway, and its
    errors ('not installed') are the command's, not a model failure answered with the template.
    """
    limit_s = settings.draft_timeout_s if timeout_s is None else timeout_s
    if limit_s <= 0:
        raise InvalidInput(f"--timeout-s {timeout_s:g}: a draft needs more than 0 s")
    model = _chat_model(settings)
    deadline = time.monotonic() + limit_s
    # A gate of its own, no queue: the chat's way of stopping the model at the deadline.
    result = write(LLMGate(lambda: model, queue_size=0).model(deadline))
    limit = "RETAIN_DRAFT_TIMEOUT_S" if timeout_s is None else "--timeout-s"
    check_in_time("the draft", deadline, limit_s, limit)
    return result


class _Streamer:
    """Shows the work in progress on stderr: each draft as it streams, then why it was rejected.

    Drafts may break the policy, so none goes to stdout; _finish writes the final text there.
    """

    def __init__(self) -> None:
        self.started: set[str] = set()

    def piece(self, path: str, text: str) -> None:
        if path == "fallback":
            # The template is not streamed (_finish prints it whole); a piece on its path is
            # the segment's theme sentence, which alone under the heading read as the fallback.
            return
        if path not in self.started:
            self.started.add(path)
            err.print(f"[dim]── {LABELS[path]} ──[/]")
        err.file.write(text)
        err.file.flush()

    def attempt(self, attempt: Attempt) -> None:
        if attempt.path == "fallback":
            return  # nothing streamed; _finish names the path and prints the template
        err.file.write("\n")
        for violation in attempt.violations:
            err.print(f"[yellow]rejected:[/] {literal(violation.message)}", highlight=False)


def offer_command(
    customer_id: Annotated[str, typer.Argument(help="The customer's id in the store")],
    discount: Annotated[
        int | None, typer.Option(help="Percentage off (default and maximum from settings)")
    ] = None,
    channel: Annotated[str, typer.Option(help="email or sms")] = "email",
    as_json: Annotated[bool, typer.Option("--json", help="Print the result as JSON")] = False,
    timeout_s: TimeoutOption = None,
) -> None:
    """Draft a personalised offer for one customer, within the discount policy."""
    settings = command_settings()
    workspace = Workspace(settings.home)
    try:
        if channel not in {"email", "sms"}:
            raise InvalidInput(f"unknown channel '{channel}' (valid: email, sms)")
        policy = policy_from_settings(settings)
        kind: Literal["email", "sms"] = "sms" if channel == "sms" else "email"
        facts = gather_offer_facts(workspace, customer_id, policy, discount, kind)
        shelf, shown = catalogue(workspace), None if as_json else _Streamer()
        result = _write_in_time(
            settings, timeout_s, lambda model: draft_offer(facts, model, policy, shelf, shown)
        )
    except RetainError as error:
        fail(error)
    _finish(result, as_json)


def segment_command(
    segment: Annotated[str, typer.Argument(help="The segment's name")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the result as JSON")] = False,
    timeout_s: TimeoutOption = None,
) -> None:
    """Summarise one segment or cluster for marketers, from its computed facts."""
    settings = command_settings()
    try:
        workspace = Workspace(settings.home)
        facts = gather_segment_facts(workspace, segment)
        policy, shelf = policy_from_settings(settings), catalogue(workspace)
        shown = None if as_json else _Streamer()
        result = _write_in_time(
            settings,
            timeout_s,
            lambda model: draft_segment_summary(facts, model, policy, shelf, shown),
        )
    except RetainError as error:
        fail(error)
    _finish(result, as_json)


app.command("offer")(offer_command)
app.command("segment")(segment_command)


def _finish(result: DraftResult, as_json: bool) -> None:
    if as_json:
        print_json(draft_json(result))
        return
    found = f"{len(result.violations)} violation(s) found"
    err.print(f"[green]sent by:[/] {literal(result.path)} ({found})")
    # Written as is: Rich would wrap long lines at the terminal's width (80 when redirected).
    out.file.write(result.text.rstrip("\n") + "\n")
    out.file.flush()
