"""`retain ingest` and `retain status`: loading the store and showing what the workspace holds."""

import shlex
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from assistant.cli.console import (
    command_settings,
    fail,
    literal,
    out,
    print_json,
    say_waiting,
    steps,
)
from assistant.status import workspace_status
from commerce.errors import RetainError
from commerce.ingest import IngestRequest, ingest
from commerce.mapping import ColumnMap, load_mapping_file, parse_map_args
from commerce.source_file import Source
from commerce.workspace import KEEP_STORES, Store, Workspace

FileOption = Annotated[Path | None, typer.Option(dir_okay=False, help="CSV, TSV, text or Parquet")]


def ingest_command(
    orders: Annotated[
        Path, typer.Option(dir_okay=False, help="Orders: customer, date, amount per row (required)")
    ],
    customers: FileOption = None,
    order_items: FileOption = None,
    products: FileOption = None,
    reviews: FileOption = None,
    events: FileOption = None,
    map_: Annotated[
        list[str] | None,
        typer.Option("--map", help="TABLE.FIELD=COLUMN, e.g. orders.ts=InvoiceDate (repeatable)"),
    ] = None,
    mapping: Annotated[
        Path | None, typer.Option(dir_okay=False, help="TOML file of column mappings")
    ] = None,
    encoding: Annotated[str, typer.Option(help="Text encoding of the files")] = "utf-8",
    delimiter: Annotated[
        str | None, typer.Option(help="Field delimiter; default: sniffed (',' tab ';' '|' spaces)")
    ] = None,
    decimal: Annotated[
        str, typer.Option(help="Decimal mark of amounts: '.' (12.50) or ',' (12,50; 1.234,50)")
    ] = ".",
    as_json: Annotated[bool, typer.Option("--json", help="Print the manifest as JSON")] = False,
) -> None:
    """Validate export files and make them the workspace's store (all or nothing)."""
    settings = command_settings()
    files = {
        "orders": orders,
        "customers": customers,
        "order_items": order_items,
        "products": products,
        "reviews": reviews,
        "events": events,
    }
    sep = "whitespace" if delimiter in {"whitespace", "space", " "} else delimiter
    try:
        column_map = ColumnMap()
        if mapping is not None:
            column_map = load_mapping_file(mapping)
        column_map = column_map.merged(parse_map_args(map_ or []))
        sources = {t: Source(p, encoding, sep, decimal) for t, p in files.items() if p is not None}
        request = IngestRequest(sources, column_map)
        workspace = Workspace(settings.home)
        with workspace.lock(say_waiting), steps("Ingesting", enabled=not as_json) as progress:
            previous = workspace.store() if workspace.has_store() else None
            result = ingest(workspace, request, progress=progress)
    except RetainError as error:
        fail(error)
    replaced = previous if previous and previous.version != result.version else None
    if as_json:
        print_json(
            result.manifest.to_dict()
            | {"path": str(result.path), "replaced": replaced.version if replaced else None}
        )
        return
    if replaced:
        out.print(literal(replaced_note(replaced)))
    show_store(result)


def replaced_note(previous: Store) -> str:
    """What an ingest replaced, and the way back: ingest makes its files the whole store."""
    manifest = previous.manifest
    orders, customers = manifest.tables["orders"].rows, manifest.customers
    grown = ", with rows events added" if manifest.parent else ""
    files = " ".join(
        f"--{name.replace('_', '-')} {shlex.quote(info.source)}"
        for name, info in manifest.tables.items()
        if info.source
    )
    lost = " (the rows events added are not in them)" if manifest.parent else ""
    return (
        f"This replaces the store {manifest.store_version} ({orders:,} order{_s(orders)}, "
        f"{customers:,} customer{_s(customers)}{grown}): ingest makes its files the whole store; "
        "events (retain events replay, POST /v1/events) add to it.\n"
        f"Its folder {previous.path} stays while it is one of the last {KEEP_STORES} versions; "
        "no command switches back to it. To go back, ingest its files again (with the same "
        f"--map options and --decimal, which the store does not record): retain ingest "
        f"{files}{lost}"
    )


def _s(count: int) -> str:
    return "" if count == 1 else "s"


def status_command(
    as_json: Annotated[bool, typer.Option("--json", help="Print as JSON")] = False,
) -> None:
    """Show what the workspace holds: the store, and what was built from it, with staleness."""
    settings = command_settings()
    status = workspace_status(Workspace(settings.home))
    if as_json:
        print_json(status)
        return
    out.print(f"Workspace [bold]{literal(status['home'])}[/]")
    store = status["store"]
    if store is None:
        out.print("No store yet: run `retain ingest --orders FILE` or `retain demo build`.")
    else:
        show_store(Workspace(settings.home).store())
    for artifact in status["artifacts"]:
        state = "[red]stale[/]" if artifact["stale"] else "[green]current[/]"
        kind, name = artifact["kind"], literal(f"{artifact['name']:<24}")
        out.print(f"{kind:<8} {name} {state}  {literal(artifact['detail'])}")


def show_store(store: Store) -> None:
    """A table of the store's contents, for people."""
    manifest = store.manifest
    table = Table(title=literal(f"Store {manifest.store_version} ({manifest.created_at})"))
    table.add_column("table")
    table.add_column("rows", justify="right")
    table.add_column("source")
    for name, info in manifest.tables.items():
        table.add_row(name, f"{info.rows:,}", literal(info.source or "derived from orders"))
    out.print(table)
    out.print(
        f"{manifest.customers:,} customers, orders from {manifest.first_order[:10]} "
        f"to {manifest.last_order[:10]}"
    )
    for note in manifest.notes:
        out.print(f"note: {literal(note)}")
