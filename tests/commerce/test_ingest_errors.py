"""Each kind of bad input gets a message naming file, line and column; the old store survives."""

from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from commerce.errors import InvalidInput, RetainError, Unavailable
from commerce.ingest import IngestRequest, ingest
from commerce.source_file import Source
from commerce.workspace import Workspace
from tests.factories import make_customers, make_orders, write_csv


@pytest.fixture
def workspace(retain_home: Path, tmp_path: Path) -> Workspace:
    """A workspace that already holds a good store, which every failure must leave intact."""
    ws = Workspace(retain_home)
    good = write_csv(make_orders(), tmp_path / "good.csv")
    ingest(ws, IngestRequest({"orders": Source(good)}))
    return ws


def _snapshot(ws: Workspace) -> tuple[str, dict[str, bytes]]:
    store = ws.store()
    return store.version, {p.name: p.read_bytes() for p in sorted(store.path.iterdir())}


def _fails(
    ws: Workspace,
    sources: dict[str, Path],
    error: type[RetainError] = InvalidInput,
    **kwargs: object,
) -> str:
    before = _snapshot(ws)
    request = IngestRequest({table: Source(path) for table, path in sources.items()})
    with pytest.raises(error) as caught:
        ingest(ws, request, **kwargs)  # type: ignore[arg-type]
    assert _snapshot(ws) == before, "a failed ingest changed the store"
    assert not list(ws.stores_dir.glob(".staging-*")), "a failed ingest left staging behind"
    return str(caught.value)


def _orders_with(tmp_path: Path, edit: Callable[[pd.DataFrame], None]) -> Path:
    frame = make_orders().astype({"amount": object})
    edit(frame)
    return write_csv(frame, tmp_path / "orders.csv")


def test_missing_required_column(workspace: Workspace, tmp_path: Path) -> None:
    path = write_csv(make_orders().drop(columns=["amount"]), tmp_path / "orders.csv")
    message = _fails(workspace, {"orders": path})
    assert "orders.csv" in message
    assert "'amount'" in message
    assert "--map orders.amount=COLUMN" in message


def test_unparseable_date(workspace: Workspace, tmp_path: Path) -> None:
    def edit(f: pd.DataFrame) -> None:
        f.loc[6, "ts"] = "last tuesday"

    message = _fails(workspace, {"orders": _orders_with(tmp_path, edit)})
    assert message.startswith("orders.csv line 8, column ts: 'last tuesday' is not a date")


@pytest.mark.parametrize(
    ("value", "expected"),
    [("12,50", "'12,50' is not a number"), ("twelve", "'twelve' is not a number")],
)
def test_non_numeric_amount(
    workspace: Workspace, tmp_path: Path, value: str, expected: str
) -> None:
    def edit(f: pd.DataFrame) -> None:
        f.loc[3, "amount"] = value

    message = _fails(workspace, {"orders": _orders_with(tmp_path, edit)})
    assert message.startswith(f"orders.csv line 5, column amount: {expected}")


def test_negative_amount(workspace: Workspace, tmp_path: Path) -> None:
    def edit(f: pd.DataFrame) -> None:
        f.loc[0, "amount"] = -3.5
        f.loc[9, "amount"] = -1

    message = _fails(workspace, {"orders": _orders_with(tmp_path, edit)})
    assert message.startswith("orders.csv line 2, column amount: '-3.5' is negative")
    assert "1 more row like it" in message


def test_empty_file(workspace: Workspace, tmp_path: Path) -> None:
    empty = tmp_path / "orders.csv"
    empty.write_bytes(b"")
    assert "orders.csv: the file is empty" in _fails(workspace, {"orders": empty})
    empty.write_text("order_id,customer_id,ts,amount\n")
    assert "orders.csv: the file has a header but no rows" in _fails(workspace, {"orders": empty})


def test_file_not_in_utf8_names_the_line(workspace: Workspace, tmp_path: Path) -> None:
    path = tmp_path / "orders.csv"
    path.write_bytes(
        "order_id,customer_id,ts,amount\n1,c1,2024-01-01,5\n2,Jos\xe9,2024-01-02,6\n".encode(
            "latin-1"
        )
    )
    message = _fails(workspace, {"orders": path})
    assert message.startswith("orders.csv line 3 (byte ")
    assert "0xe9 is not valid UTF-8" in message
    assert "--encoding latin-1" in message
    # Said to be latin-1, the same file ingests, and the name survives the transcoding.
    store = ingest(workspace, IngestRequest({"orders": Source(path, encoding="latin-1")}))
    assert "José" in set(store.table("customers")["customer_id"])


def test_unknown_encoding_name(workspace: Workspace, tmp_path: Path) -> None:
    path = write_csv(make_orders(), tmp_path / "orders.csv")
    before = _snapshot(workspace)
    with pytest.raises(InvalidInput, match="unknown encoding 'klingon-8'"):
        ingest(workspace, IngestRequest({"orders": Source(path, encoding="klingon-8")}))
    assert _snapshot(workspace) == before


def test_duplicate_order_ids_with_different_contents(workspace: Workspace, tmp_path: Path) -> None:
    def edit(f: pd.DataFrame) -> None:
        f.loc[7, "order_id"] = f["order_id"].loc[2]

    message = _fails(workspace, {"orders": _orders_with(tmp_path, edit)})
    assert message.startswith("orders.csv: order_id 'A00002' appears on orders.csv line 4 and")
    assert "orders.csv line 9" in message
    assert "different contents" in message
    assert message.endswith("(2 rows share an order_id in all).")


def test_an_empty_required_cell_is_named_with_its_article(
    workspace: Workspace, tmp_path: Path
) -> None:
    def edit(f: pd.DataFrame) -> None:
        f.loc[3, "amount"] = ""

    message = _fails(workspace, {"orders": _orders_with(tmp_path, edit)})
    assert message == "orders.csv line 5, column amount: is empty; every row needs an amount"


def test_exact_duplicate_rows_are_dropped_and_counted(workspace: Workspace, tmp_path: Path) -> None:
    frame = make_orders()
    path = write_csv(pd.concat([frame, frame.iloc[:3]]), tmp_path / "orders.csv")
    store = ingest(workspace, IngestRequest({"orders": Source(path)}))
    assert store.manifest.tables["orders"].rows == len(frame)
    assert store.manifest.tables["orders"].duplicates_dropped == 3


def test_order_of_unknown_customer(workspace: Workspace, tmp_path: Path) -> None:
    orders = make_orders()
    orders.loc[11, "customer_id"] = "ghost"
    known = sorted(set(orders["customer_id"]) - {"ghost"})
    message = _fails(
        workspace,
        {
            "orders": write_csv(orders, tmp_path / "orders.csv"),
            "customers": write_csv(make_customers(known), tmp_path / "customers.csv"),
        },
    )
    assert message.startswith(
        "orders.csv line 13, column customer_id: customer 'ghost' is not in customers.csv"
    )


def test_dates_in_the_future(workspace: Workspace, tmp_path: Path) -> None:
    def edit(f: pd.DataFrame) -> None:
        f.loc[4, "ts"] = "2031-05-01"

    message = _fails(
        workspace,
        {"orders": _orders_with(tmp_path, edit)},
        now=pd.Timestamp("2025-01-01"),
    )
    assert message.startswith(
        "orders.csv line 6, column ts: '2031-05-01' is in the future (after 2025-01-02)"
    )


def test_file_larger_than_free_memory_is_refused(workspace: Workspace, tmp_path: Path) -> None:
    # Stands in for a 2 GB export on a machine with less free memory: the check compares the
    # file's size with what reading it needs, so a small file and a tiny budget exercise it.
    path = write_csv(make_orders(2_000), tmp_path / "orders.csv")
    message = _fails(workspace, {"orders": path}, Unavailable, memory_free=lambda: 64_000)
    assert message.startswith("orders.csv is ")
    assert "only 0 MiB is free. Nothing was changed." in message


def test_missing_file(workspace: Workspace, tmp_path: Path) -> None:
    assert "no such file" in _fails(workspace, {"orders": tmp_path / "nope.csv"})


def test_ragged_csv(workspace: Workspace, tmp_path: Path) -> None:
    path = tmp_path / "orders.csv"
    path.write_text("order_id,customer_id,ts,amount\n1,c1,2024-01-01,5\n2,c2,2024-01-02,6,extra\n")
    message = _fails(workspace, {"orders": path})
    assert message.startswith("orders.csv line 3: 5 cells where the header names 4 columns")
