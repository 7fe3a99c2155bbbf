"""Two rows that share a key are refused quoting the cells as the file writes them: the user
searches the file for '1001.0', never for the '1001' ingest read it as."""

from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from commerce.errors import InvalidInput
from commerce.ingest import IngestRequest, ingest
from commerce.source_file import Source
from commerce.workspace import Workspace


def _refusal(retain_home: Path, **sources: Path) -> str:
    request = IngestRequest({table: Source(path) for table, path in sources.items()})
    with pytest.raises(InvalidInput) as caught:
        ingest(Workspace(retain_home), request)
    return str(caught.value)


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_two_spellings_of_one_customer_are_both_quoted(retain_home: Path, tmp_path: Path) -> None:
    # The orders write customer ids as floats throughout, so 1001.0 is customer 1001 everywhere,
    # and the customers file then holds customer 1001 twice.
    orders = _write(tmp_path, "orders.csv", "customer_id,ts,amount\n1001.0,2024-01-02,10\n")
    customers = _write(tmp_path, "customers.csv", "customer_id,name\n1001,Ada\n1001.0,Ada B\n")
    assert _refusal(retain_home, orders=orders, customers=customers) == (
        "customers.csv: customer_id '1001' on customers.csv line 2 and '1001.0' on "
        "customers.csv line 3 are both read as '1001', and appear with different contents "
        "(name differ: 'Ada' vs 'Ada B'). Give them different customer_ids or remove one "
        "(2 rows share a customer_id in all)."
    )


def test_a_repeated_float_order_id_and_its_cells_are_quoted_as_written(
    retain_home: Path, tmp_path: Path
) -> None:
    orders = _write(
        tmp_path,
        "orders.csv",
        "order_id,customer_id,ts,amount\n"
        "5001.0,7,2024-01-02,10\n5002.0,7,2024-01-03,10\n5001.0,7,2024-02-02,12\n",
    )
    assert _refusal(retain_home, orders=orders) == (
        "orders.csv: order_id '5001.0' appears on orders.csv line 2 and orders.csv line 4 with "
        "different contents (ts, amount differ: '2024-01-02' vs '2024-02-02'). Give them "
        "different order_ids or remove one (2 rows share an order_id in all)."
    )


def test_a_float_parquet_key_is_quoted_as_the_float_it_is(
    retain_home: Path, tmp_path: Path
) -> None:
    path = tmp_path / "products.parquet"
    products = pd.DataFrame({"product_id": [3.0, 3.0], "title": ["Tea", "Coffee"]})
    pq.write_table(pa.Table.from_pandas(products, preserve_index=False), path)
    orders = _write(tmp_path, "orders.csv", "customer_id,ts,amount\n1,2024-01-02,10\n")
    message = _refusal(retain_home, orders=orders, products=path)
    assert message.startswith("products.parquet: product_id '3.0' appears on products.parquet")
    assert "(title differ: 'Tea' vs 'Coffee')" in message
