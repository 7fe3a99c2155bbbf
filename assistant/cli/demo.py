"""`retain demo build`: the demo store from real packaged data (see README: real vs synthetic)."""

from typing import Annotated

import typer

from assistant.cli.console import fail, out, print_json, steps
from assistant.cli.store import show_store
from assistant.settings import Settings
from commerce.demo import build_demo
from commerce.errors import RetainError
from commerce.workspace import Workspace

app = typer.Typer(help="The demo workspace built from real data that packages ship.")


@app.command("build")
def build_command(
    seed: Annotated[int | None, typer.Option(help="Seed of the synthetic joins")] = None,
    if_missing: Annotated[
        bool, typer.Option("--if-missing", help="Do nothing when the workspace has a store")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the manifest as JSON")] = False,
) -> None:
    """Build the demo store: CDNOW purchases and Amazon reviews, joined by a seeded simulation."""
    settings = Settings()
    workspace = Workspace(settings.home)
    try:
        if if_missing and workspace.has_store():
            store = workspace.store()
            if not as_json:
                out.print(f"The workspace {settings.home} already has a store; kept it.")
        else:
            with steps("Building the demo store", enabled=not as_json) as progress:
                store = build_demo(
                    workspace, seed if seed is not None else settings.demo_seed, progress
                )
    except RetainError as error:
        fail(error)
    if as_json:
        print_json(store.manifest.to_dict())
    else:
        show_store(store)
