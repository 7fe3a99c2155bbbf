"""Terminal output shared by the CLI commands: errors, JSON, and progress on stderr."""

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, NoReturn

import typer
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from commerce.errors import RetainError

err = Console(stderr=True)
out = Console()


def fail(error: RetainError) -> NoReturn:
    """Print an error a person can act on and exit with status 2 (1 is left to crashes)."""
    err.print(f"[bold red]error:[/] {error}", highlight=False, soft_wrap=True)
    raise typer.Exit(code=2)


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
        task = progress.add_task(title)
        yield lambda message: progress.update(task, description=f"{title}: {message}")
