"""Ingest of good input: the shapes real exports come in."""

from pathlib import Path

import pandas as pd
import pytest

from commerce.datasets import cdnow_master_path
from commerce.errors import InvalidInput
from commerce.ingest import IngestRequest, ingest
from commerce.mapping import ColumnMap, load_mapping_file, parse_map_args
from commerce.source_file import Source, sniff_delimiter
from commerce.workspace import Workspace
from tests.factories import make_customers, make_orders, write_csv


def test_cdnow_master_alone_with_mapping(retain_home: Path) -> None:
    column_map = parse_map_args(["orders.ts=date", "orders.amount=dollar_value"])
    store = ingest(
        Workspace(retain_home), IngestRequest({"orders": Source(cdnow_master_path())}, column_map)
    )
    manifest = store.manifest
    assert manifest.customers == 23_570
    # Rows without order ids are each an order, also the ones repeating a customer-day.
    assert manifest.tables["orders"].rows == 69_659
    assert manifest.first_order.startswith("1997-01-01")
    assert manifest.last_order.startswith("1998-06-30")
    orders = store.table("orders")
    assert orders["order_id"].is_unique
    assert orders["customer_id"].iloc[0] == "00001"  # zero padding kept: ids are text
    assert orders["amount"].sum() == pytest.approx(2_500_315.63, abs=0.01)
    assert "number_of_cds" in orders.columns  # an extra column is kept


def test_toml_mapping_with_date_format_and_currency(retain_home: Path, tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text(
        "Invoice;Client;When;Total\n"
        "I1;7;31/01/2024 10:15;$1,234.50\n"
        "I2;7;01/02/2024 09:00;EUR 12.5\n"
        "I3;8;15/02/2024 18:30;  99 \n"
    )
    mapping = tmp_path / "map.toml"
    mapping.write_text(
        "[orders]\n"
        'order_id = "Invoice"\n'
        'customer_id = "Client"\n'
        'ts = { column = "When", format = "%d/%m/%Y %H:%M" }\n'
        'amount = "Total"\n'
    )
    store = ingest(
        Workspace(retain_home),
        IngestRequest({"orders": Source(path)}, load_mapping_file(mapping)),
    )
    orders = store.table("orders").set_index("order_id")
    assert orders.loc["I1", "amount"] == 1234.5
    assert orders.loc["I2", "amount"] == 12.5
    assert orders.loc["I3", "amount"] == 99.0
    assert orders.loc["I1", "ts"] == pd.Timestamp("2024-01-31 10:15")
    assert store.manifest.customers == 2


def test_parquet_bom_and_customers_table(retain_home: Path, tmp_path: Path) -> None:
    orders = make_orders(30)
    orders_path = tmp_path / "orders.parquet"
    orders.assign(ts=pd.to_datetime(orders["ts"])).to_parquet(orders_path)
    customers = tmp_path / "customers.csv"
    customers.write_bytes(
        b"\xef\xbb\xbf"
        + make_customers(sorted(set(orders["customer_id"]))).to_csv(index=False).encode()
    )
    store = ingest(
        Workspace(retain_home),
        IngestRequest({"orders": Source(orders_path), "customers": Source(customers)}),
    )
    assert list(store.table("customers").columns[:3]) == ["customer_id", "name", "email"]
    assert store.manifest.tables["orders"].rows == 30


def test_same_content_is_the_same_version(retain_home: Path, tmp_path: Path) -> None:
    ws = Workspace(retain_home)
    a = write_csv(make_orders(), tmp_path / "a.csv")
    b = write_csv(make_orders().iloc[::-1], tmp_path / "b.csv")
    first = ingest(ws, IngestRequest({"orders": Source(a)}))
    other = ingest(ws, IngestRequest({"orders": Source(b)}))  # same orders, other row order
    assert other.version != first.version  # row order is part of the content
    again = ingest(ws, IngestRequest({"orders": Source(a)}))
    assert again.version == first.version
    assert ws.store().manifest.tables["orders"].source == str(a)


@pytest.mark.parametrize(
    ("line", "expected"),
    [("a,b,c", ","), ("a\tb", "\t"), ("a;b;c", ";"), (" id  date amount", "whitespace")],
)
def test_sniff_delimiter(line: str, expected: str) -> None:
    assert sniff_delimiter(line) == expected


def test_map_arguments_are_checked() -> None:
    with pytest.raises(InvalidInput, match=r"expected TABLE\.FIELD=COLUMN"):
        parse_map_args(["orders.ts"])
    with pytest.raises(InvalidInput, match="table orders has no field 'when'"):
        parse_map_args(["orders.when=Date"])
    with pytest.raises(InvalidInput, match="unknown table 'sales'"):
        parse_map_args(["sales.ts=Date"])


def test_mapped_column_must_exist(retain_home: Path, tmp_path: Path) -> None:
    path = write_csv(make_orders(), tmp_path / "orders.csv")
    column_map = ColumnMap()
    column_map.add("orders", "ts", "InvoiceDate")
    with pytest.raises(InvalidInput, match=r"orders.ts=InvoiceDate names a column the file does"):
        ingest(Workspace(retain_home), IngestRequest({"orders": Source(path)}, column_map))


def test_one_column_may_not_feed_two_fields(retain_home: Path, tmp_path: Path) -> None:
    path = tmp_path / "orders.csv"
    path.write_text("Inv,Cust,Date,Rev\n1,c1,2024-01-01,5\n")
    column_map = parse_map_args(
        ["orders.order_id=Cust", "orders.customer_id=Cust", "orders.ts=Date", "orders.amount=Rev"]
    )
    with pytest.raises(InvalidInput, match=r"'Cust' to both orders\.order_id and orders\.cus"):
        ingest(Workspace(retain_home), IngestRequest({"orders": Source(path)}, column_map))


def test_two_columns_named_like_fields_can_swap(retain_home: Path, tmp_path: Path) -> None:
    path = tmp_path / "orders.csv"
    path.write_text("customer_id,ts,amount,order_id\nA,2024-01-01,5,c1\n")
    column_map = parse_map_args(["orders.customer_id=order_id", "orders.order_id=customer_id"])
    store = ingest(Workspace(retain_home), IngestRequest({"orders": Source(path)}, column_map))
    orders = store.table("orders")
    assert (orders["order_id"].iloc[0], orders["customer_id"].iloc[0]) == ("A", "c1")


def test_a_source_column_named_row_is_kept(retain_home: Path, tmp_path: Path) -> None:
    path = tmp_path / "orders.csv"
    path.write_text("customer_id,ts,amount,_row\nc1,2024-01-01,10,keep me\n")
    store = ingest(Workspace(retain_home), IngestRequest({"orders": Source(path)}))
    assert store.table("orders")["_row_original"].tolist() == ["keep me"]


def test_renaming_that_would_repeat_a_name_is_refused(retain_home: Path, tmp_path: Path) -> None:
    ws = Workspace(retain_home)
    path = tmp_path / "orders.csv"
    path.write_text("customer_id,ts,amount,amount_original,Rev\nc1,2024-01-01,10,9,8\n")
    column_map = parse_map_args(["orders.amount=Rev"])  # amount -> amount_original, a clash
    with pytest.raises(InvalidInput, match="after mapping, two columns are named 'amount_orig"):
        ingest(ws, IngestRequest({"orders": Source(path)}, column_map))
    path.write_text("customer_id,ts,amount,_row,_row_original\nc1,2024-01-01,10,a,b\n")
    with pytest.raises(InvalidInput, match="the column name '_row_original' appears more than"):
        ingest(ws, IngestRequest({"orders": Source(path)}))
