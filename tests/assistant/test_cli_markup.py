"""Names, paths and messages with square brackets print as they are: Rich would otherwise read
'[/]' as markup and crash, and '[red]' or '[final]' as a style and drop it from the output."""

import io
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from assistant.cli import app
from assistant.cli.console import literal
from tests.factories import make_orders, write_csv

runner = CliRunner()
WIDE = {"COLUMNS": "300"}  # so no table cell wraps the text a test looks for


@pytest.mark.parametrize(
    "text", ["refund [/] please", "[red]eve", "exports[final]/orders.csv", "[/b]", "ends in \\"]
)
def test_literal_prints_the_text_itself_inside_markup(text: str) -> None:
    console = Console(file=io.StringIO(), width=200, highlight=False)
    console.print(f"[bold]{literal(text)}[/] after")
    assert console.file.getvalue() == f"{text} after\n"  # type: ignore[attr-defined]


def test_an_error_with_a_closing_tag_is_the_one_line_error(tmp_path: Path) -> None:
    missing = tmp_path / "orders [/] final.csv"
    result = runner.invoke(app, ["ingest", "--orders", str(missing)], env=WIDE)
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("error: ")
    assert "orders [/] final.csv" in result.stderr


def test_a_source_path_with_brackets_is_shown_as_it_is(tmp_path: Path) -> None:
    folder = tmp_path / "exports[final]"
    folder.mkdir()
    orders = write_csv(make_orders(), folder / "orders.csv")
    result = runner.invoke(app, ["ingest", "--orders", str(orders)], env=WIDE)
    assert result.exit_code == 0, result.output
    assert str(orders) in result.stdout
    status = runner.invoke(app, ["status"], env=WIDE)
    assert status.exit_code == 0, status.output
    assert str(orders) in status.stdout
