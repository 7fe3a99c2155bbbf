"""Reading a source file (CSV, TSV, whitespace-separated text or Parquet) into a frame.

CSV-like files are read with every column as text, so that parsing and its errors happen in one
place (validate.py) with the file's line numbers; Parquet keeps its types. Before reading, the file
is checked for what would otherwise fail obscurely: missing, empty, not in the stated encoding,
or too large for the memory that is free.
"""

import codecs
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from commerce.errors import InvalidInput, Unavailable
from commerce.resources import available_memory_bytes

# Rough peak memory of reading a file, as a multiple of its size on disk: text columns become
# Arrow strings, then pandas copies; Parquet is compressed, so it expands more.
MEMORY_FACTOR = {"text": 4.0, "parquet": 10.0}
_SCAN_CHUNK = 16 * 2**20


@dataclass(frozen=True)
class Source:
    """A file to ingest and how to read it."""

    path: Path
    encoding: str = "utf-8"
    delimiter: str | None = None  # None: sniffed; "whitespace" for runs of spaces/tabs

    @property
    def label(self) -> str:
        return self.path.name

    @property
    def is_parquet(self) -> bool:
        return self.path.suffix.lower() in {".parquet", ".pq"}

    def where(self, row: int) -> str:
        """Where a 0-based data row is, as a person opening the file would count it."""
        if self.is_parquet:
            return f"{self.label} row {row + 1:,}"
        return f"{self.label} line {row + 2:,}"  # line 1 is the header


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
    frame: pd.DataFrame = table.to_pandas()
    return frame


def _read_text(source: Source) -> pd.DataFrame:
    encoding = _normalise_encoding(source)
    if encoding == "utf-8":
        _check_utf8(source)
    with source.path.open("rb") as handle:
        first_line = handle.readline().decode(encoding, errors="replace")
    delimiter = source.delimiter or sniff_delimiter(first_line)
    if delimiter == "whitespace":
        return _read_whitespace(source, encoding)
    header_encoding = "utf-8-sig" if encoding == "utf-8" else encoding  # drops a BOM
    names = list(pd.read_csv(source.path, sep=delimiter, nrows=0, encoding=header_encoding).columns)
    try:
        table = pacsv.read_csv(
            source.path,
            read_options=pacsv.ReadOptions(encoding=encoding),
            parse_options=pacsv.ParseOptions(delimiter=delimiter),
            convert_options=pacsv.ConvertOptions(
                column_types={name: pa.string() for name in names},
                strings_can_be_null=True,
            ),
        )
    except pa.ArrowInvalid as exc:
        raise InvalidInput(f"{source.label}: cannot be parsed as delimited text ({exc})") from exc
    frame: pd.DataFrame = table.to_pandas()
    return frame


def _read_whitespace(source: Source, encoding: str) -> pd.DataFrame:
    try:
        header_encoding = "utf-8-sig" if encoding == "utf-8" else encoding
        return pd.read_csv(source.path, sep=r"\s+", dtype=str, encoding=header_encoding)
    except (pd.errors.ParserError, ValueError) as exc:
        raise InvalidInput(
            f"{source.label}: cannot be parsed as whitespace-separated text ({exc})"
        ) from exc


def sniff_delimiter(header_line: str) -> str:
    """The delimiter a header line uses: the most frequent of , tab ; | or else whitespace."""
    counts = {d: header_line.count(d) for d in (",", "\t", ";", "|")}
    best = max(counts, key=lambda d: counts[d])
    if counts[best] > 0:
        return best
    return "whitespace" if len(header_line.split()) > 1 else ","


def _normalise_encoding(source: Source) -> str:
    try:
        name = codecs.lookup(source.encoding).name
    except LookupError as exc:
        raise InvalidInput(
            f"{source.label}: unknown encoding '{source.encoding}' "
            "(valid examples: utf-8, latin-1, cp1252, utf-16)"
        ) from exc
    return "utf-8" if name in {"utf-8", "utf-8-sig"} else name


def _check_utf8(source: Source) -> None:
    """Fail on the first byte that is not UTF-8, naming its line, before any parsing."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    offset = 0
    lines_before = 0
    with source.path.open("rb") as handle:
        while chunk := handle.read(_SCAN_CHUNK):
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError as exc:
                bad = chunk[exc.start : exc.start + 1].hex()
                line = lines_before + chunk.count(b"\n", 0, exc.start) + 1
                raise InvalidInput(
                    f"{source.label} line {line:,} (byte {offset + exc.start:,}): byte 0x{bad} is "
                    "not valid UTF-8. Save the file as UTF-8, or pass its encoding "
                    "(e.g. --encoding latin-1 or --encoding cp1252)."
                ) from exc
            offset += len(chunk)
            lines_before += chunk.count(b"\n")
    try:
        decoder.decode(b"", final=True)
    except UnicodeDecodeError as exc:
        raise InvalidInput(
            f"{source.label}: the file ends inside a UTF-8 character; it is truncated or not "
            "UTF-8 (pass --encoding if it is another encoding)"
        ) from exc
