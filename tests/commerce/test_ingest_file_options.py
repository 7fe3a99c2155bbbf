"""--delimiter and --encoding as people type them, Excel's `sep=` line, unclosed quotes and rows
over the size limit: each read right or refused naming what is wrong, the old store intact."""

import codecs
from pathlib import Path

import pytest

from commerce.errors import InvalidInput
from commerce.ingest import IngestRequest, ingest
from commerce.source_file import Source
from commerce.sources import BLOCK_BYTES
from commerce.workspace import Workspace
from tests.factories import make_orders, write_csv

HEADER = "order_id,customer_id,ts,amount\n"
ROWS = "o1,c1,2024-01-05,10.50\no2,c2,2024-02-05,20.00\n"


@pytest.fixture
def workspace(retain_home: Path, tmp_path: Path) -> Workspace:
    """A workspace that already holds a good store, which every failure must leave intact."""
    ws = Workspace(retain_home)
    ingest(ws, IngestRequest({"orders": Source(write_csv(make_orders(), tmp_path / "good.csv"))}))
    return ws


def _write(tmp_path: Path, name: str, data: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data, encoding="utf-8")
    return path


def _fails(ws: Workspace, table: str, path: Path, **options: str) -> str:
    before = ws.store().version
    with pytest.raises(InvalidInput) as caught:
        ingest(ws, IngestRequest({table: Source(path, **options)}))
    assert ws.store().version == before, "a failed ingest changed the store"
    return str(caught.value)


def _orders(ws: Workspace, path: Path, **options: str) -> list[str]:
    store = ingest(ws, IngestRequest({"orders": Source(path, **options)}))
    return sorted(store.table("orders")["order_id"])


@pytest.mark.parametrize("spelling", ["\\t", "tab", "TAB", "\t"])
def test_the_tab_is_taken_as_people_type_it(
    workspace: Workspace, tmp_path: Path, spelling: str
) -> None:
    path = _write(tmp_path, "orders.tsv", (HEADER + ROWS).replace(",", "\t"))
    assert _orders(workspace, path, delimiter=spelling) == ["o1", "o2"]


@pytest.mark.parametrize(
    ("given", "says"),
    [
        (";;", "a delimiter is one character"),
        ("abc", "a delimiter is one character"),
        ('"', "the quote and line breaks cannot separate cells"),
        ("\n", "the quote and line breaks cannot separate cells"),
    ],
)
def test_a_delimiter_that_cannot_be_one_is_refused_naming_the_option(
    tmp_path: Path, given: str, says: str
) -> None:
    with pytest.raises(InvalidInput) as caught:
        Source(_write(tmp_path, "orders.csv", HEADER + ROWS), delimiter=given)
    assert str(caught.value).startswith(f"--delimiter {given!r}: {says}")
    assert "'tab'" in str(caught.value)


@pytest.mark.parametrize("codec", ["rot13", "base64", "zlib", "idna"])
def test_a_codec_that_is_no_text_encoding_is_refused(
    workspace: Workspace, tmp_path: Path, codec: str
) -> None:
    message = _fails(workspace, "orders", _write(tmp_path, "o.csv", HEADER + ROWS), encoding=codec)
    assert message == (
        f"o.csv: '{codec}' is not a text encoding a file can be read in "
        "(valid examples: utf-8, latin-1, cp1252, utf-16)"
    )


def test_utf16_without_a_byte_order_mark_is_refused_with_the_spelling_that_reads_it(
    workspace: Workspace, tmp_path: Path
) -> None:
    plain = _write(tmp_path, "plain.csv", HEADER + ROWS)
    message = _fails(workspace, "orders", plain, encoding="utf-16")
    assert "--encoding utf-16 needs the file to start with a UTF-16 byte order mark" in message
    assert message.endswith("it reads as UTF-8: leave --encoding out")
    bare = _write(tmp_path, "bare.csv", (HEADER + ROWS).encode("utf-16-le"))
    message = _fails(workspace, "orders", bare, encoding="utf-16")
    assert message.endswith("if it is UTF-16 without one, pass --encoding utf-16-le (or utf-16-be)")
    assert _orders(workspace, bare, encoding="utf-16-le") == ["o1", "o2"]
    marked = _write(
        tmp_path, "marked.csv", codecs.BOM_UTF16_BE + (HEADER + ROWS).encode("utf-16-be")
    )
    assert _orders(workspace, marked, encoding="utf-16") == ["o1", "o2"]


@pytest.mark.parametrize(
    ("encoding", "data", "says"),
    [
        (
            "ascii",
            (HEADER + "o1,José,2024-01-05,1\n").encode("utf-8"),
            "line 2 (byte 37): byte 0xc3",
        ),
        ("cp1252", (HEADER + ROWS + "o3,c\x81,2024-01-05,1\n").encode("latin-1"), "line 4"),
    ],
)
def test_a_byte_the_named_encoding_lacks_is_named_by_its_line(
    workspace: Workspace, tmp_path: Path, encoding: str, data: bytes, says: str
) -> None:
    message = _fails(workspace, "orders", _write(tmp_path, "o.csv", data), encoding=encoding)
    assert message.startswith(f"o.csv {says}")
    assert f"is not valid {encoding}. Pass the file's encoding with --encoding" in message


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_excels_sep_line_names_the_delimiter_and_is_not_the_header(
    workspace: Workspace, tmp_path: Path, delimiter: str
) -> None:
    text = f"sep={delimiter}\n" + (HEADER + ROWS).replace(",", delimiter)
    path = _write(tmp_path, "orders.csv", text)
    assert _orders(workspace, path) == ["o1", "o2"]
    # Its line still counts: the bad row is the file's line 5.
    path.write_text(text + delimiter.join(["o3", "c3", "someday", "1"]) + "\n", encoding="utf-8")
    assert _fails(workspace, "orders", path).startswith("orders.csv line 5, column ts: 'someday'")


def test_a_quote_never_closed_is_named_by_the_line_it_opens_on(
    workspace: Workspace, tmp_path: Path
) -> None:
    path = _write(
        tmp_path, "orders.csv", HEADER + ROWS + 'o3,"c3,2024-03-07,7\no4,c4,2024-03-08,1\n'
    )
    assert _fails(workspace, "orders", path).startswith(
        "orders.csv line 4: a quote opened on this line is never closed, so the rest of the "
        "file was read as one cell"
    )
    # A closed quote spanning lines with a cell missing is still a row of too few cells.
    path.write_text(HEADER + ROWS + 'o3,"c3\nc4",2024-03-07\n', encoding="utf-8")
    assert _fails(workspace, "orders", path).startswith(
        "orders.csv line 4: 3 cells where the header names 4 columns"
    )


@pytest.mark.parametrize("extra", [2**20, 24 * 2**20])  # Arrow reads the first, not the second
def test_a_row_over_the_limit_is_refused_naming_its_line(
    workspace: Workspace, tmp_path: Path, extra: int
) -> None:
    long_name = "A" * (BLOCK_BYTES + extra)
    customers = _write(tmp_path, "customers.csv", f"customer_id,name\nc1,Ann\nc2,{long_name}\n")
    orders = _write(tmp_path, "orders.csv", HEADER + ROWS)
    before = workspace.store().version
    with pytest.raises(InvalidInput) as caught:
        ingest(workspace, IngestRequest({"orders": Source(orders), "customers": Source(customers)}))
    assert workspace.store().version == before
    assert str(caught.value).startswith("customers.csv line 3: the row holds ")
    assert "a row may hold at most 16 MiB" in str(caught.value)
