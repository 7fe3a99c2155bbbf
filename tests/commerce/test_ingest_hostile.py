"""Plausible but hostile exports: each is read right or refused with file, line and column, and a
refused one leaves the previous store as it was."""

from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from commerce.errors import InvalidInput
from commerce.ingest import IngestRequest, ingest
from commerce.source_file import Source
from commerce.workspace import Store, Workspace
from tests.factories import make_orders, write_csv

ORDERS = "order_id,customer_id,ts,amount\n"


@pytest.fixture
def workspace(retain_home: Path, tmp_path: Path) -> Workspace:
    """A workspace that already holds a good store, which every failure must leave intact."""
    ws = Workspace(retain_home)
    ingest(ws, IngestRequest({"orders": Source(write_csv(make_orders(), tmp_path / "good.csv"))}))
    return ws


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _fails(ws: Workspace, sources: dict[str, Path]) -> str:
    before = ws.store().version
    with pytest.raises(InvalidInput) as caught:
        ingest(ws, IngestRequest({table: Source(path) for table, path in sources.items()}))
    assert ws.store().version == before, "a failed ingest changed the store"
    return str(caught.value)


def _ingests(ws: Workspace, sources: dict[str, Path]) -> Store:
    return ingest(ws, IngestRequest({table: Source(path) for table, path in sources.items()}))


# ---- values out of range ---------------------------------------------------------------------


def test_an_amount_over_the_ceiling_is_refused(workspace: Workspace, tmp_path: Path) -> None:
    path = _write(tmp_path, "orders.csv", ORDERS + "1,c1,2024-01-01,5\n2,c1,2024-01-02,1e308\n")
    message = _fails(workspace, {"orders": path})
    assert message.startswith(
        "orders.csv line 3, column amount: '1e308' is more than 1,000,000,000"
    )


def test_a_quantity_over_the_cap_is_refused(workspace: Workspace, tmp_path: Path) -> None:
    orders = _write(tmp_path, "orders.csv", ORDERS + "o1,c1,2024-01-01,10\n")
    items = _write(tmp_path, "items.csv", "order_id,product_id,quantity,price\no1,p1,1e30,5\n")
    message = _fails(workspace, {"orders": orders, "order_items": items})
    assert message.startswith("items.csv line 2, column quantity: '1e30' is more than 1,000,000")


@pytest.mark.parametrize("day", ["0202-05-01", "1066-10-14", "0001-01-01"])
def test_a_date_before_1900_is_refused(workspace: Workspace, tmp_path: Path, day: str) -> None:
    path = _write(tmp_path, "orders.csv", ORDERS + f"1,c1,2024-01-01,5\n2,c2,{day},6\n")
    message = _fails(workspace, {"orders": path})
    assert message.startswith(f"orders.csv line 3, column ts: '{day}' is before 1900-01-01")


def test_a_parquet_date_before_1900_is_refused(workspace: Workspace, tmp_path: Path) -> None:
    path = tmp_path / "orders.parquet"
    stamps = pa.array([pd.Timestamp("2024-01-01"), pd.Timestamp("1500-01-01")], pa.timestamp("us"))
    pq.write_table(
        pa.table({"customer_id": ["c1", "c2"], "ts": stamps, "amount": [1.0, 2.0]}), path
    )
    message = _fails(workspace, {"orders": path})
    assert message.startswith("orders.parquet row 2, column ts: '1500-01-01 00:00:00' is before")


# ---- headers -----------------------------------------------------------------------------------


def test_trailing_empty_header_cells_with_empty_columns_are_dropped(
    workspace: Workspace, tmp_path: Path
) -> None:
    path = _write(tmp_path, "orders.csv", "customer_id,ts,amount,,\nc1,2024-01-01,10,,\n")
    store = _ingests(workspace, {"orders": path})
    assert list(store.table("orders").columns) == ["order_id", "customer_id", "ts", "amount"]


def test_a_column_without_a_name_but_with_data_is_refused(
    workspace: Workspace, tmp_path: Path
) -> None:
    path = _write(
        tmp_path, "orders.csv", "customer_id,ts,amount,\nc1,2024-01-01,10,\nc2,2024-01-02,5,x\n"
    )
    message = _fails(workspace, {"orders": path})
    assert message.startswith("orders.csv line 3: column 4 has no name in the header but holds 'x'")


@pytest.mark.parametrize(
    ("header", "name", "columns"),
    [("customer_id,ts,amount,amount", "amount", "3 and 4"),
     ("customer_id,ts,amount,note, note ", "note", "4 and 5")],
)  # fmt: skip
def test_a_repeated_header_name_is_refused(
    workspace: Workspace, tmp_path: Path, header: str, name: str, columns: str
) -> None:
    path = _write(tmp_path, "orders.csv", header + "\nc1,2024-01-01,10,12\n")
    assert _fails(workspace, {"orders": path}) == (
        f"orders.csv: the header names column '{name}' twice (columns {columns}); "
        "give each column its own name"
    )


def test_a_file_of_blank_lines_is_refused(workspace: Workspace, tmp_path: Path) -> None:
    path = _write(tmp_path, "orders.csv", "\n\n\n")
    assert "orders.csv: the file holds only blank lines" in _fails(workspace, {"orders": path})


def test_nested_parquet_columns_are_kept_as_json_text(workspace: Workspace, tmp_path: Path) -> None:
    path = tmp_path / "orders.parquet"
    table = pa.table(
        {
            "customer_id": ["c1", "c2"],
            "ts": pa.array([pd.Timestamp("2024-01-01")] * 2, pa.timestamp("us")),
            "amount": [1.0, 2.0],
            "tags": pa.array([["a"], ["b", "c"]]),
            "meta": pa.array([{"x": 1}, None], pa.struct([("x", pa.int64())])),
        }
    )
    pq.write_table(table, path)
    orders = _ingests(workspace, {"orders": path}).table("orders")
    assert orders["tags"].tolist() == ['["a"]', '["b", "c"]']
    assert orders["meta"].iloc[0] == '{"x": 1}'


# ---- cells: line breaks, missing values ----------------------------------------------------------


def test_quoted_cells_may_span_lines_and_errors_name_the_right_line(
    workspace: Workspace, tmp_path: Path
) -> None:
    orders = _write(tmp_path, "orders.csv", "customer_id,ts,amount\nc1,2024-01-01,10\n")
    head = "customer_id,product_id,ts,text\n"
    good = 'c1,p1,2024-01-02,"Great product.\nWould buy again."\n\nc1,p2,2024-01-02,ok\n'
    reviews = _write(tmp_path, "reviews.csv", head + good)
    texts = _ingests(workspace, {"orders": orders, "reviews": reviews}).table("reviews")["text"]
    assert texts.tolist() == ["Great product.\nWould buy again.", "ok"]
    # line 1 header, 2-3 the first review, 4 blank, 5 the second, 6 the bad one
    reviews.write_text(head + good + "c1,p3,not-a-date,bad\n", encoding="utf-8")
    message = _fails(workspace, {"orders": orders, "reviews": reviews})
    assert message.startswith("reviews.csv line 6, column ts: 'not-a-date' is not a date")


def test_a_row_longer_than_arrows_default_block_is_read(
    workspace: Workspace, tmp_path: Path
) -> None:
    orders = _write(tmp_path, "orders.csv", "customer_id,ts,amount\nc1,2024-01-01,10\n")
    long_text = "A long review.\n" * 100_000  # 1.5 MB in one quoted cell
    reviews = _write(
        tmp_path, "reviews.csv", f'customer_id,product_id,ts,text\nc1,p1,2024-01-02,"{long_text}"\n'
    )
    texts = _ingests(workspace, {"orders": orders, "reviews": reviews}).table("reviews")["text"]
    assert texts.tolist() == [long_text]


def test_only_empty_cells_are_missing(workspace: Workspace, tmp_path: Path) -> None:
    orders = _write(
        tmp_path, "orders.csv", "customer_id,ts,amount\nNA,2024-01-01,10\nc2,2024-01-02,5\n"
    )
    customers = _write(tmp_path, "customers.csv", "customer_id,name,country\nNA,null,NA\nc2,,DE\n")
    reviews = _write(
        tmp_path, "reviews.csv", "customer_id,product_id,ts,text\nNA,p1,2024-01-02,N/A\n"
    )
    store = _ingests(workspace, {"orders": orders, "customers": customers, "reviews": reviews})
    people = store.table("customers").set_index("customer_id")
    assert people.loc["NA", "country"] == "NA" and people.loc["NA", "name"] == "null"
    assert people.loc["c2", "name"] == ""
    assert store.table("reviews")["text"].tolist() == ["N/A"]
    assert store.table("orders")["customer_id"].tolist()[0] == "NA"


@pytest.mark.parametrize("text", ["", "   "])
def test_a_review_of_stars_alone_is_kept(workspace: Workspace, tmp_path: Path, text: str) -> None:
    orders = _write(tmp_path, "orders.csv", "customer_id,ts,amount\nc1,2024-01-01,10\n")
    reviews = _write(
        tmp_path,
        "reviews.csv",
        f"customer_id,product_id,ts,rating,text\nc1,p1,2024-01-02,5,{text}\n",
    )
    ingest(workspace, IngestRequest({"orders": Source(orders), "reviews": Source(reviews)}))
    assert workspace.store().table("reviews")["text"].tolist() == [text]


def test_a_number_spelled_nan_is_not_a_number(workspace: Workspace, tmp_path: Path) -> None:
    path = _write(tmp_path, "orders.csv", "customer_id,ts,amount\nc1,2024-01-01,nan\n")
    message = _fails(workspace, {"orders": path})
    assert message.startswith("orders.csv line 2, column amount: 'nan' is not a number")
