"""Files that write decimals with a comma ("12,50", European exports, ';' between fields):
refused with a hint by default, read exactly with the decimal comma (`--decimal ,`)."""

from pathlib import Path

import pandas as pd
import pytest

from commerce.errors import InvalidInput
from commerce.ingest import IngestRequest, ingest
from commerce.number_text import parse_number_text
from commerce.source_file import Source
from commerce.workspace import Store, Workspace

EUROPEAN = (
    "customer_id;ts;amount\n"
    "1;2024-01-02;12,50\n"
    "2;2024-01-03;1.234,50\n"
    "3;2024-01-04;€ 7,05\n"
    "4;2024-01-05;8\n"
    "5;2024-01-06;2.000\n"  # a dot groups thousands here: two thousand
)


def _ingest(retain_home: Path, path: Path, decimal: str = ".") -> Store:
    return ingest(Workspace(retain_home), IngestRequest({"orders": Source(path, decimal=decimal)}))


def _orders(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "orders.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_decimal_comma_file_reads_exactly(retain_home: Path, tmp_path: Path) -> None:
    store = _ingest(retain_home, _orders(tmp_path, EUROPEAN), decimal=",")
    amounts = store.table("orders").set_index("customer_id")["amount"]
    assert amounts.to_dict() == {"1": 12.5, "2": 1234.5, "3": 7.05, "4": 8.0, "5": 2000.0}


def test_without_the_option_the_refusal_says_to_pass_it(retain_home: Path, tmp_path: Path) -> None:
    with pytest.raises(InvalidInput) as caught:
        _ingest(retain_home, _orders(tmp_path, EUROPEAN))
    assert str(caught.value) == (
        "orders.csv line 2, column amount: '12,50' is not a number (write it like 1234.50: a "
        "dot for decimals; for a file that writes decimals with a comma (12,50), pass "
        "--decimal ','; leave the cell empty when there is no value) (2 more rows like it)"
    )


def test_a_dot_decimal_in_a_decimal_comma_file_is_refused(
    retain_home: Path, tmp_path: Path
) -> None:
    # Read as the dot's 12.5 it would pass unseen; in a decimal-comma file it is no number.
    text = "customer_id;ts;amount\n1;2024-01-02;12,50\n2;2024-01-03;12.50\n"
    with pytest.raises(InvalidInput, match=r"line 3, column amount: '12\.50' is not a number"):
        _ingest(retain_home, _orders(tmp_path, text), decimal=",")


def test_a_plain_word_gets_no_decimal_comma_hint(retain_home: Path, tmp_path: Path) -> None:
    text = "customer_id,ts,amount\n1,2024-01-02,twelve\n"
    with pytest.raises(InvalidInput) as caught:
        _ingest(retain_home, _orders(tmp_path, text))
    assert "'twelve' is not a number" in str(caught.value)
    assert "--decimal" not in str(caught.value)


def test_only_a_dot_or_a_comma_is_a_decimal_mark(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match=r"decimal mark ';' is neither '\.' nor ','"):
        Source(tmp_path / "orders.csv", decimal=";")


@pytest.mark.parametrize(
    ("cell", "decimal", "value"),
    [
        ("$1,234.50", ".", 1234.5),
        ("1,234", ".", 1234.0),
        ("12,5", ",", 12.5),
        ("-3,25", ",", -3.25),
        ("1.234.567,8", ",", 1234567.8),
        ("12.5", ",", None),  # a dot in a decimal-comma file only groups thousands
        ("1,2,3", ",", None),
    ],
)
def test_number_cells_in_each_layout(cell: str, decimal: str, value: float | None) -> None:
    parsed = parse_number_text(pd.Series([cell], dtype="string"), decimal).iloc[0]
    assert pd.isna(parsed) if value is None else parsed == pytest.approx(value), parsed


def test_dotted_dates_are_read_day_first(retain_home: Path, tmp_path: Path) -> None:
    # pandas alone read 01.02.2024 as January 2 and then refused 13.02.2024.
    text = "customer_id;ts;amount\n1;01.02.2024;12,50\n2;13.02.2024;8\n3;05.06.2024 14:05;9\n"
    store = _ingest(retain_home, _orders(tmp_path, text), decimal=",")
    days = store.table("orders").set_index("customer_id")["ts"]
    assert days.to_dict() == {
        "1": pd.Timestamp("2024-02-01"),
        "2": pd.Timestamp("2024-02-13"),
        "3": pd.Timestamp("2024-06-05 14:05"),
    }
