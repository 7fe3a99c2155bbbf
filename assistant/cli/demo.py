"""`retain demo build`: the demo store from real packaged data (see README: real vs synthetic)."""

from typing import Annotated

import typer

from assistant.cli.console import (
    command_settings,
    fail,
    literal,
    out,
    print_json,
    steps,
    with_app_database,
)
from assistant.cli.store import show_store
from commerce.demo import build_demo, stale_demo
from commerce.errors import Forbidden, RetainError
from commerce.holdback import EVENT_FILE
from commerce.workspace import Workspace

app = typer.Typer(help="The demo workspace built from real data that packages ship.")


@app.command("build")
def build_command(
    seed: Annotated[int | None, typer.Option(help="Seed of the synthetic joins")] = None,
    if_missing: Annotated[
        bool, typer.Option("--if-missing", help="Do nothing when the workspace has a store")
    ] = False,
    hold_back_days: Annotated[
        int,
        typer.Option(
            min=0,
            help="Leave the last N days out of the store, as events in RETAIN_HOME/demo/"
            "events.jsonl for `retain events replay`",
        ),
    ] = 0,
    as_json: Annotated[bool, typer.Option("--json", help="Print the manifest as JSON")] = False,
) -> None:
    """Build the demo store: CDNOW purchases and Amazon reviews, joined by a seeded simulation."""
    settings = command_settings()
    workspace = Workspace(settings.home)
    try:
        if if_missing and workspace.has_store():
            store = workspace.store()
            if not as_json:
                out.print(f"The workspace {literal(settings.home)} already has a store; kept it.")
                stale = stale_demo(workspace)
                if stale is not None:
                    out.print(f"[yellow]{stale}[/yellow]", highlight=False)
        else:
            with steps("Building the demo store", enabled=not as_json) as progress:
                store = build_demo(
                    workspace,
                    seed if seed is not None else settings.demo_seed,
                    progress,
                    hold_back_days,
                )
    except RetainError as error:
        fail(error)
    held = workspace.home / "demo" / EVENT_FILE
    if as_json:
        print_json(store.manifest.to_dict())
    else:
        show_store(store)
        if hold_back_days:
            out.print(
                f"The last {hold_back_days} days are held back as events in {literal(held)}: "
                f"replay them with `retain events replay {literal(held)}`",
                highlight=False,
            )


@app.command("keys")
def keys_command(
    as_json: Annotated[bool, typer.Option("--json", help="Print as JSON")] = False,
) -> None:
    """One demo API key per role (created once, kept in RETAIN_HOME/demo-keys.json)."""
    from assistant.persistence.demo_keys import ensure_demo_keys

    settings = command_settings()
    if settings.environment == "production":
        # Demo keys are kept in plain text and the README shows how to print them.
        fail(
            Forbidden(
                "RETAIN_ENVIRONMENT=production refuses demo keys: create a key per person or "
                "script with `retain keys create --role R --name N`"
            )
        )
    keys = with_app_database(settings, lambda db: ensure_demo_keys(db, settings.home))
    if as_json:
        print_json(keys)
        return
    out.print("Demo API keys (sign in on the web page with one; demo only, see README):")
    for role, key in keys.items():
        out.print(f"  {role:<9} {key}", highlight=False)
