"""CSV the product writes cannot run as formulas when a spreadsheet opens it: text cells that
start like one are quoted, numbers are left as numbers."""

import csv
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from assistant.cli import app
from assistant.spreadsheet_csv import spreadsheet_safe, write_csv

HOSTILE = [
    '=HYPERLINK("http://evil.example","click")',
    "+1+2",
    "-2+3",
    "@SUM(A1:A9)",
    "\t=1+2",
    "\r=1+2",
    "=cmd|' /C calc'!A0",
]


def _cells(path: Path) -> list[list[str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.reader(handle))


def test_text_that_starts_like_a_formula_is_quoted_and_numbers_are_not(tmp_path: Path) -> None:
    frame = pd.DataFrame(
        {
            "customer_id": [*HOSTILE, "00042", "ann@shop.example", "A-7\r=1+2"],
            "net": [-12.5] * len(HOSTILE) + [3.0, -0.25, 1e-3],
            "discount_pct": [10] * (len(HOSTILE) + 3),
        }
    )
    path = tmp_path / "plan.csv"
    write_csv(frame, path)
    rows = _cells(path)
    assert rows[0] == ["customer_id", "net", "discount_pct"]
    assert [row[0] for row in rows[1:]] == [
        *("'" + cell for cell in HOSTILE),
        "00042",
        "ann@shop.example",  # an @ inside is no formula: only the first character counts
        "A-7\r=1+2",  # quoted by the writer: a carriage return inside does not split the row
    ]
    assert [row[1] for row in rows[1:]] == ["-12.5"] * len(HOSTILE) + ["3.0", "-0.25", "0.001"]
    assert frame["customer_id"].iloc[0] == HOSTILE[0], "the caller's frame was changed"


def test_string_columns_missing_values_and_header_names_are_covered() -> None:
    frame = pd.DataFrame({"=name": pd.Series(["-x", None, "ok"], dtype="string")})
    safe = spreadsheet_safe(frame)
    assert list(safe.columns) == ["'=name"]
    assert safe["'=name"].tolist() == ["'-x", pd.NA, "ok"]


def test_retain_plan_csv_quotes_a_formula_id(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    scores = pd.DataFrame(
        {
            "customer_id": ['=HYPERLINK("http://evil.example","x")', "00001"],
            "p_purchase": [0.3, 0.4],
            "clv": [500.0, 400.0],
            "order_value": [50.0, 40.0],
            "value_at_risk": [350.0, 240.0],  # churn risk x CLV, as scores carry it
        }
    )
    monkeypatch.setattr("assistant.cli.plan._scores", lambda *_: (scores, ""))
    target = tmp_path / "plan.csv"
    result = CliRunner().invoke(app, ["plan", "--budget", "1000", "--csv", str(target)])
    assert result.exit_code == 0, result.output
    ids = [row[0] for row in _cells(target)[1:]]
    assert '\'=HYPERLINK("http://evil.example","x")' in ids
    assert not any(cell.startswith("=") for cell in ids)
