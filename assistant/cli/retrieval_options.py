"""What the retrieval commands take: the options several of them share, the customers those
options name, and the embedder they run.

Commands call `retrieval_options.make_embedder()` through this module, so a test that replaces
it here reaches every command.
"""

from pathlib import Path
from typing import Annotated

import typer

from assistant.cli.console import command_settings
from assistant.cli.review_text import read_lines
from assistant.tools.customer_lookup import Customers
from commerce.workspace import Store, Workspace
from retrieval.embedder import Embedder, MiniLMEmbedder

JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON for scripts")]
SegmentOption = Annotated[
    str | None, typer.Option(help="Only customers of this segment or cluster (see retain segments)")
]
CustomersOption = Annotated[
    Path | None, typer.Option(dir_okay=False, help="File of customer ids, one a line")
]
CustomerOption = Annotated[
    list[str] | None, typer.Option("--customer", help="Customer id (repeatable)")
]


def make_embedder(progress: bool = False) -> Embedder:
    """The embedder every command uses (tests replace this function with a fake)."""
    return MiniLMEmbedder(device=command_settings().device, progress=progress)


def customer_ids(
    customer: list[str] | None, customers: Path | None, segment: str | None
) -> set[str] | None:
    """The customers `--customer`, `--customers FILE` and `--segment` name together (None:
    no such option was given, so every customer)."""
    if customer is None and customers is None and segment is None:
        return None
    store = Workspace(command_settings().home).store()
    typed = [*(customer or []), *(_file_ids(customers) if customers is not None else [])]
    ids = resolved(store, typed)
    if segment is not None:
        from predictors.history import from_store
        from predictors.segment_facts import segment_members

        history = from_store(store)
        ids |= set(segment_members(history, history.last_day, segment))
    return ids


def _file_ids(path: Path) -> list[str]:
    return [line.strip() for line in read_lines(path) if line.strip()]


def resolved(store: Store, typed: list[str]) -> set[str]:
    """The store's ids for what was typed ('96' for '00096', as the chat reads it); NotFound
    naming the first id the store does not know, instead of quietly matching nothing."""
    if not typed:
        return set()
    known = Customers(store)
    return {known.resolve(raw) for raw in typed}
