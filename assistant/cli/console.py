"""Terminal output shared by the CLI commands: errors, JSON, and progress on stderr."""

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, NoReturn, TypeVar

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from assistant.persistence import AppDatabase, open_app_database
from assistant.settings import Settings
from assistant.settings_load import load_settings
from commerce.errors import RetainError

T = TypeVar("T")

err = Console(stderr=True)
out = Console()
# A no-op tag pair: what a value's trailing backslashes are followed by (see `literal`).
_EMPTY_SPAN = "[bold][/bold]"


def literal(value: object) -> str:
    """`value` as text Rich prints as it is. Every name, path, argument or message that comes
    from data or from the user goes through this before it meets markup or a table cell: a
    '[/]' in it would otherwise crash the command, and '[red]' or 'exports[final]' would be
    read as a style and vanish from the output."""
    text = str(value)
    body = text.rstrip("\\")
    if body == text:
        return escape(text)
    # Backslashes are an escape only right before a tag, and what follows the value here (a
    # tag, text, the end) is not known: doubled and closed by an empty span, they are always
    # before a tag and print as themselves. (Rich's escape doubles them whatever follows.)
    return escape(body) + "\\" * (2 * (len(text) - len(body))) + _EMPTY_SPAN


def fail(error: RetainError) -> NoReturn:
    """Print an error a person can act on and exit with status 2 (1 is left to crashes)."""
    err.print(f"[bold red]error:[/] {literal(error)}", highlight=False, soft_wrap=True)
    raise typer.Exit(code=2)


def command_settings() -> Settings:
    """The settings a command runs with. Every command loads them through here, so a wrong
    RETAIN_* variable stops it with one line naming the variable, and status 2."""
    try:
        return load_settings()
    except RetainError as error:
        fail(error)


def with_app_database(settings: Settings, use: Callable[[AppDatabase], T]) -> T:
    """What `use` returns with the app database the settings name, closed afterwards. A
    RetainError opening the database or from `use` stops the command through `fail`."""
    try:
        with open_app_database(settings) as db:
            return use(db)
    except RetainError as error:
        fail(error)


def say_waiting() -> None:
    """What a command prints while another process holds the workspace's write lock."""
    err.print(
        "Another Retain process (the events worker, or an ingest, score or index build) is "
        "changing this workspace: waiting for it to finish…"
    )


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, indent=2, default=str) + "\n")


@contextmanager
def steps(title: str, enabled: bool = True) -> Iterator[Callable[[str], None]]:
    """A spinner with the current step and elapsed time, on stderr; silent when disabled."""
    if not enabled or not err.is_terminal:
        yield lambda message: None
        return
    columns = (SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn())
    with Progress(*columns, console=err, transient=True) as progress:
        # Steps name files and segments: literal, since the column reads its text as markup.
        task = progress.add_task(literal(title))
        yield lambda message: progress.update(task, description=literal(f"{title}: {message}"))
