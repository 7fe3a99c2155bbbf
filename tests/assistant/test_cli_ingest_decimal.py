"""`retain ingest --decimal ,`: a semicolon-separated file with decimal commas, as typed."""

import json
from pathlib import Path

from typer.testing import CliRunner

from assistant.cli import app
from commerce.workspace import Workspace

runner = CliRunner()


def test_ingest_reads_decimal_commas_with_the_option(retain_home: Path, tmp_path: Path) -> None:
    path = tmp_path / "orders.csv"
    path.write_text("customer_id;ts;amount\n1;2024-01-02;12,50\n2;2024-01-03;1.234,50\n")
    refused = runner.invoke(app, ["ingest", "--orders", str(path)])
    assert refused.exit_code == 2
    assert "pass --decimal ','" in refused.stderr
    result = runner.invoke(app, ["ingest", "--orders", str(path), "--decimal", ",", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["tables"]["orders"]["rows"] == 2
    amounts = Workspace(retain_home).store().table("orders")["amount"]
    assert sorted(amounts) == [12.5, 1234.5]


def test_an_unknown_decimal_mark_exits_2(retain_home: Path, tmp_path: Path) -> None:
    path = tmp_path / "orders.csv"
    path.write_text("customer_id,ts,amount\n1,2024-01-02,12.50\n")
    result = runner.invoke(app, ["ingest", "--orders", str(path), "--decimal", "x"])
    assert result.exit_code == 2
    assert "decimal mark 'x' is neither '.' nor ','" in result.stderr
