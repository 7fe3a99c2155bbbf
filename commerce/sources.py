"""Reading a source file (CSV, TSV, whitespace-separated text or Parquet) into a frame.

CSV-like files are read with every column as text, so that parsing and its errors happen in one
place (validate.py) with the file's line numbers; only an empty cell is missing ("NA" is text).
Quoted cells may hold line breaks; a row's line is then found again, when an error needs it, by
re-reading the file up to that row. Parquet keeps its types; list, struct and map columns become
JSON text. Before reading, the file is checked for what would otherwise fail obscurely: missing,
empty, not in the stated encoding, too large for the memory that is free, or a header with
unnamed or repeated columns.
"""

import csv
import json
from collections.abc import Callable
from contextlib import closing

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from commerce.errors import InvalidInput, Unavailable
from commerce.resources import available_memory_bytes
from commerce.source_file import (
    Source,
    check_decodes,
    excel_sep,
    nonblank_lines,
    text_delimiter,
    text_encoding,
    text_records,
)

# Rough peak memory of reading a file, as a multiple of its size on disk: text columns become
# Arrow strings, then pandas copies; Parquet is compressed, so it expands more.
MEMORY_FACTOR = {"text": 4.0, "parquet": 10.0}
# Arrow parses text in blocks, and with line breaks allowed inside quoted cells a row may cross
# one block's end but not two: a row of up to one block always reads, a longer one only where it
# happens to fall. So longer rows are refused, always: 16 MiB holds any plausible row (a review is
# at most a few thousand characters); a longer one is a quote never closed or not an export.
BLOCK_BYTES = 16 * 2**20
_UNNAMED = "_unnamed_{}"  # placeholder for an empty header cell until its column is checked


def read_source(
    source: Source, memory_free: Callable[[], int] = available_memory_bytes
) -> pd.DataFrame:
    """Read one file into a frame; raise InvalidInput or Unavailable naming what is wrong."""
    path = source.path
    if not path.is_file():
        raise InvalidInput(f"{path}: no such file")
    size = path.stat().st_size
    if size == 0:
        raise InvalidInput(f"{source.label}: the file is empty (expected a header line and rows)")
    _check_memory(source, size, memory_free())
    frame = _read_parquet(source) if source.is_parquet else _read_text(source)
    if len(frame) == 0:
        raise InvalidInput(f"{source.label}: the file has a header but no rows")
    return frame


def _check_memory(source: Source, size: int, free: int) -> None:
    need = int(size * MEMORY_FACTOR["parquet" if source.is_parquet else "text"])
    if need > free:
        raise Unavailable(
            f"{source.label} is {_gib(size)} on disk; reading it needs about {_gib(need)} of "
            f"memory but only {_gib(free)} is free. Nothing was changed. Run ingest on a machine "
            "with more memory, or drop columns Retain does not use from the export."
        )


def _gib(n: int) -> str:
    return f"{n / 2**30:.1f} GiB" if n >= 2**30 else f"{n / 2**20:.0f} MiB"


def _read_parquet(source: Source) -> pd.DataFrame:
    try:
        table = pq.read_table(source.path)
    except (pa.ArrowException, OSError) as exc:
        raise InvalidInput(f"{source.label}: not a readable Parquet file ({exc})") from exc
    check_names([name.strip() for name in table.column_names], source, "the file's schema")
    frame: pd.DataFrame = _nested_as_json(table).to_pandas()
    return frame


def _nested_as_json(table: pa.Table) -> pa.Table:
    """List, struct and map columns as JSON text: kept as extras, they must be hashable and
    comparable like any other cell (duplicate checks, the store's content hash)."""
    for i, column in enumerate(table.schema):
        if pa.types.is_nested(column.type):
            values = [
                None if value is None else json.dumps(value, default=str, ensure_ascii=False)
                for value in table.column(i).to_pylist()
            ]
            table = table.set_column(i, column.name, pa.array(values, pa.string()))
    return table


def _read_text(source: Source) -> pd.DataFrame:
    encoding = text_encoding(source)
    check_decodes(source, encoding)
    delimiter = text_delimiter(source, encoding)
    if delimiter == "whitespace":
        return _read_whitespace(source, encoding)
    raw_header = _header(source, encoding, delimiter)
    header = [name.strip() for name in raw_header]
    names = [name or _UNNAMED.format(n) for n, name in enumerate(header, start=1)]
    try:
        table = pacsv.read_csv(
            source.path,
            read_options=pacsv.ReadOptions(
                encoding=encoding,
                block_size=BLOCK_BYTES,
                skip_rows=0 if excel_sep(source, encoding) is None else 1,
            ),
            parse_options=pacsv.ParseOptions(delimiter=delimiter, newlines_in_values=True),
            convert_options=pacsv.ConvertOptions(
                column_types=dict.fromkeys(raw_header, pa.string()),
                null_values=[""],  # not Arrow's default list: "NA" is Namibia, "N/A" a review
                strings_can_be_null=True,
            ),
        )
    except pa.ArrowInvalid as exc:
        problem = _bad_record(source, encoding, delimiter, len(raw_header))
        raise problem or InvalidInput(
            f"{source.label}: cannot be parsed as delimited text ({exc})"
        ) from exc
    if table.num_columns != len(names):  # Arrow and the csv module split the header alike
        raise InvalidInput(f"{source.label}: the header line cannot be split into columns")
    _check_row_sizes(table, source)
    frame: pd.DataFrame = table.rename_columns(names).to_pandas()
    return _drop_unnamed(frame, header, source)


def _header(source: Source, encoding: str, delimiter: str) -> list[str]:
    """The header's cells as written; refused when no cell or the same name twice (trimmed)."""
    with closing(text_records(source, encoding, delimiter)) as records:
        for line, cells in records:
            names = [cell.strip() for cell in cells]
            if not any(names):
                raise InvalidInput(f"{source.label} line {line:,}: the header names no columns")
            check_names(names, source, "the header")
            return cells
    raise InvalidInput(
        f"{source.label}: the file holds only blank lines (expected a header line and rows)"
    )


def _bad_record(source: Source, encoding: str, delimiter: str, columns: int) -> InvalidInput | None:
    """The error for the first record Arrow could not read, naming its line (Arrow's own
    message has none): cells that do not match the header's columns, a quote never closed, a
    row over BLOCK_BYTES. None when no record shows the problem."""
    try:
        with closing(text_records(source, encoding, delimiter)) as records:
            for line, cells in records:
                where = f"{source.label} line {line:,}"
                if len(cells) == columns:
                    too_long = _row_too_long(sum(len(cell.encode()) for cell in cells), where)
                    if too_long:
                        return too_long
                    continue
                if not "".join(cells).strip():
                    return InvalidInput(
                        f"{where}: the line holds only spaces, which is read as a row; delete "
                        "it (empty lines are skipped)"
                    )
                unclosed = unclosed_quote(source, encoding, delimiter)
                if unclosed and unclosed.args[0].startswith(f"{where}:"):
                    return unclosed
                shown = delimiter.join(cells)
                shown = shown if len(shown) <= 60 else shown[:57] + "..."
                return InvalidInput(
                    f"{where}: {len(cells)} cell{'s' if len(cells) > 1 else ''} where the "
                    f"header names {columns} columns ({shown!r}); give each row one cell per "
                    f"column, and quote a cell that holds a {delimiter!r}"
                )
    except (OSError, csv.Error):
        pass  # the file cannot be read again: Arrow's message is all there is
    return None


def unclosed_quote(source: Source, encoding: str, delimiter: str) -> InvalidInput | None:
    """The error naming the line of a quote that is never closed, when the file has one."""
    try:
        with closing(text_records(source, encoding, delimiter, strict=True)) as records:
            for _ in records:
                pass
    except InvalidInput as unclosed:
        return unclosed
    except csv.Error:
        pass  # a stray quote the lenient reading accepts: not an unclosed one
    return None


def _check_row_sizes(table: pa.Table, source: Source) -> None:
    """Refuse a row over BLOCK_BYTES that Arrow happened to read (see BLOCK_BYTES)."""
    if table.num_rows == 0 or table.num_columns == 0:
        return
    sizes = np.zeros(table.num_rows, dtype=np.int64)
    for column in table.columns:
        sizes += pc.fill_null(pc.binary_length(column), 0).to_numpy(zero_copy_only=False)
    row = int(sizes.argmax())
    too_long = _row_too_long(int(sizes[row]), source.where(row))
    if too_long:
        raise too_long


def _row_too_long(size: int, where: str) -> InvalidInput | None:
    if size <= BLOCK_BYTES:
        return None
    return InvalidInput(
        f"{where}: the row holds {size / 2**20:.1f} MiB of text; a row may hold at most "
        f"{BLOCK_BYTES // 2**20} MiB (a longer one is mostly a quote never closed, or a file "
        "that is not an export)"
    )


def check_names(names: list[str], source: Source, where: str) -> None:
    """Refuse a column name given twice (empty names are checked by the caller)."""
    seen: dict[str, int] = {}
    for n, name in enumerate(names, start=1):
        if name and name in seen:
            raise InvalidInput(
                f"{source.label}: {where} names column {name!r} twice (columns {seen[name]} and "
                f"{n}); give each column its own name"
            )
        seen[name] = n


def _drop_unnamed(frame: pd.DataFrame, header: list[str], source: Source) -> pd.DataFrame:
    """Columns with an empty header cell: dropped when empty too (a spreadsheet's trailing
    separators), refused when they hold data (which field it is for cannot be known)."""
    for n, name in enumerate(header, start=1):
        if name:
            continue
        column = _UNNAMED.format(n)
        filled = frame[column].notna() & (frame[column].astype("string").str.strip() != "")
        if bool(filled.any()):
            row = int(filled.to_numpy().argmax())
            raise InvalidInput(
                f"{source.where(row)}: column {n} has no name in the header but holds "
                f"{frame[column].iloc[row]!r}; name it in the header line or delete the column"
            )
        frame = frame.drop(columns=[column])
    return frame


def _read_whitespace(source: Source, encoding: str) -> pd.DataFrame:
    header_encoding = "utf-8-sig" if encoding == "utf-8" else encoding
    with source.path.open(encoding=header_encoding, errors="replace") as handle:
        check_names(next(nonblank_lines(handle), "").split(), source, "the header")
    try:
        return pd.read_csv(
            source.path, sep=r"\s+", dtype=str, encoding=header_encoding, keep_default_na=False
        )
    except (pd.errors.ParserError, ValueError) as exc:
        raise InvalidInput(
            f"{source.label}: cannot be parsed as whitespace-separated text ({exc})"
        ) from exc
