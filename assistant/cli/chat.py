"""`retain chat`: a terminal client of a running `retain serve`, streaming answers."""

import json
import os
from collections.abc import Iterator
from typing import Annotated, Any

import typer
from rich.text import Text

from assistant.cli.console import err, fail, literal, out
from commerce.errors import InvalidInput, Unavailable


def chat_command(
    message: Annotated[
        str | None, typer.Option("--message", "-m", help="Ask one question and exit")
    ] = None,
    url: Annotated[str, typer.Option(help="The server")] = "http://127.0.0.1:8000",
    key: Annotated[
        str | None, typer.Option(help="API key (default: the RETAIN_API_KEY variable)")
    ] = None,
    show_tools: Annotated[bool, typer.Option(help="Show each tool call and its result")] = False,
) -> None:
    """Chat with Retain in the terminal: type a question, see the answer stream; Ctrl-D quits."""
    import httpx

    token = key or os.environ.get("RETAIN_API_KEY", "")
    if not token:
        fail(InvalidInput("give --key or set RETAIN_API_KEY (see `retain keys create`)"))
    conversation: str | None = None
    with httpx.Client(base_url=url, timeout=httpx.Timeout(10.0, read=600.0)) as client:
        while True:
            question = message if message is not None else _ask()
            if question is None:
                return
            if not question.strip():
                continue
            try:
                conversation = _turn(client, token, question, conversation, show_tools)
            except httpx.HTTPError as error:
                fail(Unavailable(f"cannot reach {url}: {error} (is `retain serve` running?)"))
            if message is not None:
                return


def _ask() -> str | None:
    try:
        return input("you> ")
    except (EOFError, KeyboardInterrupt):
        err.print()
        return None


def _turn(client: Any, token: str, question: str, conversation: str | None, tools: bool) -> str:
    body = {"message": question, "conversation_id": conversation}
    headers = {"Authorization": f"Bearer {token}", "Accept": "text/event-stream"}
    with client.stream("POST", "/v1/chat", json=body, headers=headers) as response:
        if response.status_code != 200:
            response.read()
            detail = response.json().get("detail", response.text)
            err.print(f"[red]{response.status_code}:[/] {literal(detail)}", highlight=False)
            return conversation or ""
        streamed = False
        for kind, data in _events(response.iter_lines()):
            if kind == "conversation":
                conversation = data["conversation_id"]
            elif kind == "tool_started":
                call = f"{data['name']} {json.dumps(data['args'])}"
                err.print(f"[dim]… {literal(call)}[/]", highlight=False)
            elif kind == "token":
                streamed = True
                out.file.write(data["text"])
                out.file.flush()
            elif kind == "message":
                if streamed:
                    out.file.write("\n")
                else:
                    out.print(Text(data["answer"]))
                if tools:
                    for call in data["tool_calls"]:
                        out.print_json(json.dumps(call["result"], default=str))
    return conversation or ""


def _events(lines: Iterator[str]) -> Iterator[tuple[str, dict[str, Any]]]:
    """Server-sent events as (kind, data) pairs."""
    kind = "message"
    for line in lines:
        if line.startswith("event:"):
            kind = line[6:].strip()
        elif line.startswith("data:"):
            yield kind, json.loads(line[5:])
