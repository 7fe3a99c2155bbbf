"""`retain keys create|list|revoke` and `retain audit`: who may use the assistant, and what
they did with it. Both work on the app database the settings name (RETAIN_DATABASE_URL or
RETAIN_HOME/app.db)."""

import json
from datetime import datetime
from typing import Annotated

import typer
from rich.table import Table

from assistant.cli.console import (
    command_settings,
    err,
    literal,
    out,
    print_json,
    with_app_database,
)
from assistant.persistence import AppDatabase
from assistant.persistence.audit import AuditEntry, recent
from assistant.persistence.keys import create_key, list_keys, revoke_key
from assistant.roles import KEY_ROLES
from commerce.errors import NotFound

app = typer.Typer(help="API keys: create one per person or script, list them, revoke them.")

SHOWN_ONCE = "This key will not be shown again: store it now (only its hash is kept)."


@app.command("create")
def create_command(
    role: Annotated[str, typer.Option(help=f"One of {', '.join(KEY_ROLES)}")],
    name: Annotated[str, typer.Option(help="Who holds the key, e.g. 'ana (support)'")],
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the key and its info as JSON")
    ] = False,
) -> None:
    """Create an API key and print it once."""
    token, info = with_app_database(command_settings(), lambda db: create_key(db, role, name))
    if as_json:
        print_json(info.to_dict() | {"key": token, "note": SHOWN_ONCE})
        return
    # The key alone on stdout, so `KEY=$(retain keys create ...)` captures just the key.
    err.print(
        f"Created key {info.id} [bold]{literal(info.name)}[/] ({info.role}):", highlight=False
    )
    out.print(token, highlight=False, soft_wrap=True)
    err.print(f"[yellow]{SHOWN_ONCE}[/]", highlight=False)


@app.command("list")
def list_command(
    as_json: Annotated[bool, typer.Option("--json", help="Print as JSON")] = False,
) -> None:
    """List every key (never the keys themselves): id, prefix, name, role, state."""
    keys = with_app_database(command_settings(), list_keys)
    if as_json:
        print_json([info.to_dict() for info in keys])
        return
    if not keys:
        out.print("No API keys yet: create one with `retain keys create --role R --name N`.")
        return
    table = Table(title="API keys")
    for column in ("id", "prefix", "name", "role", "created (UTC)", "state"):
        table.add_column(column, justify="right" if column == "id" else "left")
    for info in keys:
        state = "[green]active[/]" if info.active else f"[red]revoked {_when(info.revoked_at)}[/]"
        table.add_row(
            str(info.id), info.prefix, literal(info.name), info.role, _when(info.created_at), state
        )
    out.print(table)


@app.command("revoke")
def revoke_command(
    key: Annotated[str, typer.Argument(help="The key's id or prefix (from `retain keys list`)")],
) -> None:
    """Revoke a key: requests with it are refused from now on."""
    info = with_app_database(command_settings(), lambda db: revoke_key(db, key))
    out.print(
        f"Revoked key {info.id} ({info.prefix}, {literal(info.name)}, {info.role}).",
        highlight=False,
    )


def audit_command(
    limit: Annotated[int, typer.Option(min=1, max=1000, help="How many calls to show")] = 50,
    key: Annotated[int | None, typer.Option(help="Only this key id's calls")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print as JSON")] = False,
) -> None:
    """Show the latest tool calls: who, when, which tool and arguments, rows returned."""

    def read(db: AppDatabase) -> tuple[list[AuditEntry], str | None]:
        entries = recent(db, limit, key_id=key)
        return entries, _holder(db, key) if key is not None and not entries else None

    entries, holder = with_app_database(command_settings(), read)
    if as_json:
        print_json([entry.to_dict() for entry in entries])
        return
    if not entries:
        out.print(
            f"No tool calls logged for key {key} ({literal(holder)}) yet."
            if holder is not None
            else "No tool calls logged yet."
        )
        return
    table = Table(title=f"Latest {len(entries)} tool calls")
    table.add_column("when (UTC)", no_wrap=True)
    table.add_column("key")
    table.add_column("tool", no_wrap=True)
    table.add_column("arguments", overflow="fold")
    table.add_column("outcome", overflow="fold")
    for entry in entries:
        outcome = f"{entry.outcome}, {entry.rows} rows"
        if entry.error is not None:
            outcome = f"{entry.outcome}: {entry.error}"
        table.add_row(
            _when(entry.ts, seconds=False),
            literal(f"{entry.key_name} ({entry.role})"),
            literal(entry.tool),
            literal(json.dumps(entry.arguments, ensure_ascii=False)),
            literal(outcome),
        )
    out.print(table)


def _holder(db: AppDatabase, key_id: int) -> str:
    """The name of the key `--key` asks about; an id no key has is a mistake, not an empty log."""
    for info in list_keys(db):
        if info.id == key_id:
            return info.name
    raise NotFound(f"no API key with id {key_id}; `retain keys list` shows the ids")


def _when(moment: datetime | None, seconds: bool = True) -> str:
    if moment is None:
        return ""
    return moment.strftime("%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M")
