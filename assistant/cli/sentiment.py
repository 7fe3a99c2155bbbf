"""`retain sentiment`: the sentiment of a text or of each line of a file, with the chat model's
second opinion when asked. Texts are printed as data (review_text.py).
"""

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from assistant.cli import retrieval_options
from assistant.cli.console import command_settings, fail, out, print_json
from assistant.cli.review_text import printable, read_lines
from assistant.settings import Settings
from commerce.errors import InvalidInput, RetainError
from retrieval.sentiment import Sentiment, analyse, analyse_one


def sentiment_command(
    text: Annotated[str | None, typer.Option(help="One text to score")] = None,
    file: Annotated[
        Path | None, typer.Option(dir_okay=False, help="UTF-8 file: one text a line")
    ] = None,
    replace_invalid: Annotated[
        bool, typer.Option(help="Replace bytes that are not UTF-8 instead of refusing the file")
    ] = False,
    second_opinion: Annotated[
        bool, typer.Option(help="Also ask the LLM (single --text only; needs the LLM layer)")
    ] = False,
    as_json: Annotated[
        bool, typer.Option("--json", help="JSON; with --file, one object a line, in input order")
    ] = False,
) -> None:
    """Sentiment of a text or of each line of a file: a score in [-1, 1] and a label."""
    try:
        if (text is None) == (file is None):
            raise InvalidInput("give exactly one of --text TEXT or --file FILE")
        if second_opinion and file is not None:
            raise InvalidInput("--second-opinion takes a single --text, not a --file")
        embedder = retrieval_options.make_embedder()
        if text is not None:
            opinion = llm_opinion(command_settings()) if second_opinion else None
            results = [analyse_one(text, embedder, second_opinion=opinion)]
        else:
            assert file is not None
            results = analyse(read_lines(file, replace_invalid), embedder)
    except RetainError as error:
        fail(error)
    if as_json and file is not None:
        sys.stdout.writelines(json.dumps(r.to_dict()) + "\n" for r in results)
    elif as_json:
        print_json(results[0].to_dict())
    else:
        _show_sentiments(results)


def llm_opinion(settings: Settings) -> Callable[[str], str]:
    """The configured chat model's one-line verdict on a text (the text goes in as quoted data;
    Retain's own score is computed separately and never changed by it)."""
    from assistant.llm.base import complete
    from assistant.llm.factory import LLMConfig, load_from_config
    from prompts import render

    model = load_from_config(LLMConfig.from_settings(settings), settings.home)

    def opinion(text: str) -> str:
        prompt = render("sentiment_opinion", {"text": text})
        answer = complete(model, prompt.messages(), max_new_tokens=40, temperature=0.0)
        return answer.strip().splitlines()[0] if answer.strip() else ""

    return opinion


def _show_sentiments(results: list[Sentiment]) -> None:
    if len(results) == 1:
        out.print(f"{results[0].label} ({results[0].score:+.2f})")
        if results[0].second_opinion is not None:
            # The model's words, as Text so brackets in them are not read as markup.
            verdict = printable(results[0].second_opinion) or "(no answer)"
            out.print(Text(f"second opinion (LLM): {verdict}"))
        return
    table = Table()
    for column in ("line", "label", "score"):
        table.add_column(column)
    for number, result in enumerate(results, start=1):
        table.add_row(str(number), result.label, f"{result.score:+.2f}")
    out.print(table)
