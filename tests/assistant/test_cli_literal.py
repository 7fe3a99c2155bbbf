"""`literal` text ending in backslashes prints as it is wherever it lands: before a closing tag,
before more text, at the end of a line, alone in a table cell. (Rich's escape doubles such a
backslash unless a tag follows, and loses one of two before a tag.)"""

import io

import pytest
from rich.console import Console
from rich.table import Table

from assistant.cli.console import literal

VALUES = ["abc\\", "abc\\\\", "a\\\\\\", "\\", "[red]x\\", "C:\\exports\\"]


def printed(markup: str | Table) -> str:
    console = Console(file=io.StringIO(), width=200, highlight=False)
    console.print(markup)
    return console.file.getvalue()  # type: ignore[attr-defined,no-any-return]


@pytest.mark.parametrize("value", VALUES)
def test_trailing_backslashes_print_once_in_every_position(value: str) -> None:
    assert printed(literal(value)) == f"{value}\n"
    assert printed(f"key {literal(value)} (support)") == f"key {value} (support)\n"
    assert printed(f"[bold]{literal(value)}[/] after") == f"{value} after\n"
    assert printed(f"[bold]{literal(value)}[/bold]") == f"{value}\n"
    assert printed(f"{literal(value)}{literal(value)}") == f"{value}{value}\n"


@pytest.mark.parametrize("value", VALUES)
def test_trailing_backslashes_print_once_in_a_table_cell(value: str) -> None:
    table = Table(show_header=False, box=None, pad_edge=False)
    table.add_column()
    table.add_row(literal(value))
    assert printed(table).rstrip() == value


def test_backslashes_before_a_tag_inside_the_value_print_as_they_are() -> None:
    value = "a\\[red]b\\\\[/]c"
    assert printed(f"[bold]{literal(value)}[/] after") == f"{value} after\n"
