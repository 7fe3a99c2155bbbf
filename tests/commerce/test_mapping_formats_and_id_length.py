"""A mapping file's date formats are checked where they are written; a column read in a guessed
date layout says which; ids are at most as long as a tool argument can name."""

from pathlib import Path

import pytest
from pydantic import TypeAdapter, ValidationError

from assistant.tools.args import CustomerId, ProductId
from commerce.errors import InvalidInput
from commerce.id_rules import MAX_ID_CHARS
from commerce.ingest import IngestRequest, ingest
from commerce.mapping import load_mapping_file
from commerce.source_file import Source
from commerce.workspace import Workspace

HEADER = "order_id,customer_id,ts,amount\n"


def _mapping(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "map.toml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("entry", "says"),
    [
        ("ts = { column = 'Day', format = '%Q' }",
         "orders.ts: format '%Q': %Q is not a date directive (use %Y %m %d"),
        ("ts = { column = 'Day', format = '%Y-%m-%' }",
         "orders.ts: format '%Y-%m-%': stray % in format"),
        ("amount = { column = 'Total', format = '%d/%m/%Y' }",
         "orders.amount: format applies only to date fields (orders has ts); remove it"),
        ("ts = { column = 'Day', format = 5 }",
         'orders.ts: format must be a date layout such as "%d/%m/%Y"'),
    ],
)  # fmt: skip
def test_a_format_that_cannot_apply_is_refused_naming_the_file_and_field(
    tmp_path: Path, entry: str, says: str
) -> None:
    path = _mapping(tmp_path, f"[orders]\n{entry}\n")
    with pytest.raises(InvalidInput) as caught:
        load_mapping_file(path)
    assert str(caught.value).startswith(f"{path}: {says}")


def test_a_good_format_is_kept(tmp_path: Path) -> None:
    path = _mapping(tmp_path, "[reviews]\nts = { column = 'Day', format = '%d/%m/%Y %H:%M' }\n")
    assert load_mapping_file(path).formats == {"reviews": {"ts": "%d/%m/%Y %H:%M"}}


def test_dates_the_guessed_layout_misreads_name_it_and_the_format_that_reads_them(
    retain_home: Path, tmp_path: Path
) -> None:
    orders = tmp_path / "orders.csv"
    orders.write_text(HEADER + "o1,c1,01/02/2024,1\no2,c1,13/02/2024,2\n", encoding="utf-8")
    with pytest.raises(InvalidInput) as caught:
        ingest(Workspace(retain_home), IngestRequest({"orders": Source(orders)}))
    assert str(caught.value) == (
        "orders.csv line 3, column ts: '13/02/2024' is not a date in the layout this column was "
        "read in, %m/%d/%Y (month first), guessed from its first date '01/02/2024'; its dates "
        'read the other way round: give this column format = "%d/%m/%Y" in a mapping file'
    )
    mapping = load_mapping_file(
        _mapping(tmp_path, "[orders]\nts = { column = 'ts', format = '%d/%m/%Y' }\n")
    )
    store = ingest(Workspace(retain_home), IngestRequest({"orders": Source(orders)}, mapping))
    assert store.table("orders")["ts"].dt.month.tolist() == [2, 2]


def test_ids_are_at_most_as_long_as_a_tool_argument_takes(
    retain_home: Path, tmp_path: Path
) -> None:
    for argument in (CustomerId, ProductId):  # one limit: what ingest keeps, a tool can name
        TypeAdapter(argument).validate_python("x" * MAX_ID_CHARS)
        with pytest.raises(ValidationError):
            TypeAdapter(argument).validate_python("x" * (MAX_ID_CHARS + 1))
    orders = tmp_path / "orders.csv"
    longest = "c" * MAX_ID_CHARS
    orders.write_text(HEADER + f"o1,{longest},2024-01-05,1\n", encoding="utf-8")
    store = ingest(Workspace(retain_home), IngestRequest({"orders": Source(orders)}))
    assert store.table("orders")["customer_id"].tolist() == [longest]
    orders.write_text(HEADER + f"o1,c1,2024-01-05,1\no2,{'x' * 100_000},2024-01-05,1\n")
    with pytest.raises(InvalidInput) as caught:
        ingest(Workspace(retain_home), IngestRequest({"orders": Source(orders)}))
    assert str(caught.value) == (
        "orders.csv line 3, column customer_id: 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx...' is "
        "100,000 characters long: an id has at most 64"
    )
