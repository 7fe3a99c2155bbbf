"""A row that does not fit the header is named by its line; ids an export wrote as floats
(12346.0) are read as the whole numbers they are, and only then, decided once per id across
the files that hold it."""

from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from commerce.errors import InvalidInput
from commerce.ingest import IngestRequest, ingest
from commerce.schema import TABLES
from commerce.source_file import Source
from commerce.validate import validate_table
from commerce.workspace import Store, Workspace

HEADER = "customer_id,ts,amount\n"


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _ingest(retain_home: Path, **sources: Path) -> Store:
    request = IngestRequest({table: Source(path) for table, path in sources.items()})
    return ingest(Workspace(retain_home), request)


def _refusal(retain_home: Path, **sources: Path) -> str:
    with pytest.raises(InvalidInput) as caught:
        _ingest(retain_home, **sources)
    return str(caught.value)


# ---- rows that do not fit the header ---------------------------------------------------------


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        ("1,2024-01-01,5\n2,2024-01-01,5,extra\n", "line 3: 4 cells where the header names 3"),
        ("1,2024-01-01,5\n2,2024-01-01\n", "line 3: 2 cells where the header names 3"),
        ("1,2024-01-01,5\n   \n2,2024-01-01,5\n", "line 3: the line holds only spaces"),
        # a blank line and a quoted cell over two lines come before the bad row (line 6)
        ('\n1,2024-01-01,5\n"2\n",2024-01-01,5\n3,2024-01-01,5,6\n', "line 6: 4 cells"),
    ],
)
def test_a_row_that_does_not_fit_the_header_is_named_by_its_line(
    retain_home: Path, tmp_path: Path, rows: str, expected: str
) -> None:
    message = _refusal(retain_home, orders=_write(tmp_path, "orders.csv", HEADER + rows))
    assert message.startswith("orders.csv " + expected), message


def test_a_ragged_row_in_a_semicolon_file_shows_its_cells(
    retain_home: Path, tmp_path: Path
) -> None:
    path = _write(tmp_path, "orders.csv", "customer_id;ts;amount\n1;2024-01-01;5;x\n")
    message = _refusal(retain_home, orders=path)
    assert message.startswith("orders.csv line 2: 4 cells")
    assert "'1;2024-01-01;5;x'" in message and "quote a cell that holds a ';'" in message


# ---- ids written as floats -------------------------------------------------------------------


def test_ids_written_as_floats_match_whole_numbers_across_tables(
    retain_home: Path, tmp_path: Path
) -> None:
    orders = _write(tmp_path, "orders.csv", HEADER + "12346.0,2024-01-01,5\n 7.0 ,2024-01-02,6\n")
    customers = _write(tmp_path, "customers.csv", "customer_id,name\n12346,Ann\n7,Bo\n")
    store = _ingest(retain_home, orders=orders, customers=customers)
    stored = store.table("orders").sort_values("ts")
    assert stored["customer_id"].tolist() == ["12346", "7"]
    assert stored["order_id"].tolist() == ["12346-1", "7-1"]
    # the other way round: the customers file is the one written as floats
    orders.write_text(HEADER + "12346,2024-01-01,5\n7,2024-01-02,6\n", encoding="utf-8")
    customers.write_text("customer_id,name\n12346.0,Ann\n7.0,Bo\n", encoding="utf-8")
    store = _ingest(retain_home, orders=orders, customers=customers)
    assert sorted(store.table("customers")["customer_id"]) == ["12346", "7"]


@pytest.mark.parametrize("other", ["20000", "A-7"])
def test_the_same_written_id_is_the_same_stored_id_in_every_file(
    retain_home: Path, tmp_path: Path, other: str
) -> None:
    # The customers file mixes float-written ids with another: on its own it would be text as
    # written, but the orders file writes customer ids as floats throughout.
    rows = "12346.0,2024-01-05,10\n12347.0,2024-01-06,20\n"
    orders = _write(tmp_path, "o.csv", HEADER + rows)
    customers = _write(
        tmp_path, "c.csv", f"customer_id,name\n12346.0,Ann\n12347.0,Bob\n{other},C\n"
    )
    store = _ingest(retain_home, orders=orders, customers=customers)
    assert sorted(store.table("customers")["customer_id"]) == sorted(["12346", "12347", other])
    assert sorted(store.table("orders")["customer_id"]) == ["12346", "12347"]


def test_product_ids_are_decided_across_order_lines_and_products(
    retain_home: Path, tmp_path: Path
) -> None:
    orders = _write(tmp_path, "orders.csv", "order_id," + HEADER + "o1,1,2024-01-01,5\n")
    items = _write(tmp_path, "items.csv", "order_id,product_id,quantity,price\no1,7.0,1,5\n")
    products = _write(tmp_path, "products.csv", "product_id,title\n7.0,Mug\nA-7,Cup\n")
    store = _ingest(retain_home, orders=orders, order_items=items, products=products)
    assert store.table("order_items")["product_id"].tolist() == ["7"]
    assert sorted(store.table("products")["product_id"]) == ["7", "A-7"]


def test_an_unknown_id_is_quoted_as_the_file_writes_it(retain_home: Path, tmp_path: Path) -> None:
    orders = _write(tmp_path, "orders.csv", HEADER + "12346.0,2024-01-01,5\n 99.0 ,2024-01-02,6\n")
    customers = _write(tmp_path, "customers.csv", "customer_id\n12346\n")
    message = _refusal(retain_home, orders=orders, customers=customers)
    assert message.startswith("orders.csv line 3, column customer_id: customer '99.0' is not in")


def test_a_float_parquet_id_column_holds_whole_numbers(retain_home: Path, tmp_path: Path) -> None:
    path = tmp_path / "orders.parquet"
    table = {"customer_id": pa.array([12346.0, 7.0]), "ts": ["2024-01-01", "2024-01-02"]}
    pq.write_table(pa.table(table | {"amount": [5.0, 6.0]}), path)
    stored = _ingest(retain_home, orders=path).table("orders").sort_values("ts")
    assert stored["customer_id"].tolist() == ["12346", "7"]


@pytest.mark.parametrize("other", ["A-7", "12347", "12346.5", "12346.00"])
def test_an_id_column_that_mixes_float_written_ids_with_others_is_kept_as_written(
    retain_home: Path, tmp_path: Path, other: str
) -> None:
    orders = _write(
        tmp_path, "orders.csv", HEADER + f"12346.0,2024-01-01,5\n{other},2024-01-02,6\n"
    )
    stored = _ingest(retain_home, orders=orders).table("orders").sort_values("ts")
    assert stored["customer_id"].tolist() == ["12346.0", other]
    customers = _write(tmp_path, "customers.csv", f"customer_id\n12346\n{other}\n")
    message = _refusal(retain_home, orders=orders, customers=customers)
    assert message.startswith("orders.csv line 2, column customer_id: customer '12346.0' is not")


def test_ids_taken_as_sent_keep_their_float_spelling() -> None:
    frame = pd.DataFrame({"customer_id": ["7.0"], "ts": ["2024-01-01"], "amount": [5.0]})
    now = pd.Timestamp("2024-06-01")
    source = Source(Path("orders"))
    spec = TABLES["orders"]
    as_sent, _ = validate_table(frame, spec, source, now, float_ids=False)
    as_exported, _ = validate_table(frame, spec, source, now, float_ids={"customer_id"})
    assert as_sent["customer_id"].tolist() == ["7.0"]
    assert as_exported["customer_id"].tolist() == ["7"]
