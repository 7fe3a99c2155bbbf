"""Reading a file of events for `retain events replay`: JSON Lines (one event object per line), or
CSV when the name ends in `.csv` or `.tsv` (one event per row, a column per field; empty cells
are missing fields; CSV has no order lines). Files are UTF-8, with or without a byte order mark
(Excel's "CSV UTF-8" writes one), unless `--encoding` names another encoding.

`--encoding` and `--delimiter` are checked as ingest checks them (commerce/source_file.py). JSON
Lines are split into lines as bytes, so an encoding that does not write the line break as the
byte 0x0a (UTF-16, UTF-32) is refused for them, and `--delimiter` is refused for them too rather
than ignored.

What would stop the file being read to its end is refused before any event is sent, so no batch
is applied from a file that then fails: a byte not in the encoding (named by line and column in
JSON Lines, by ingest's check in CSV) and, for CSV, what ingest's text reading refuses
(commerce/source_file.py, sources.py): a quote never closed, a header naming a column twice, a
header split by spaces. The CSV delimiter is the one given, else tab for a `.tsv`, else found as
ingest finds it: Excel's `sep=;` first line, else the header's most frequent of , ; | and tab.

What is wrong with one line refuses that line only, by its number, and the other lines are sent:
a line that is not JSON, and a line (or CSV row) longer than the largest POST /v1/events body
(RETAIN_EVENTS_MAX_REQUEST_BYTES), which no event can be. Such a JSON line is read past in
chunks, never held whole, so a runaway line does not fill memory.
"""

import itertools
import json
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

from commerce.errors import InvalidInput
from commerce.source_file import Source, check_decodes, text_delimiter, text_encoding, text_records
from commerce.sources import check_names, unclosed_quote

_SKIP_CHUNK = 2**20  # how much of an over-long line is read at a time while skipping it


class Refused(str):
    """A line that cannot be an event, in place of its event: why, refused with its line number."""


def events_source(path: Path, encoding: str = "utf-8", delimiter: str | None = None) -> Source:
    """`path` with the `--encoding` (as its codec's name) and `--delimiter` it is read with,
    both checked as ingest checks them; a CSV's delimiter is the one given, else tab for a
    `.tsv`, else None (found from the file). Options JSON Lines cannot honour are refused."""
    if not path.is_file():
        raise InvalidInput(f"{path}: no such file")
    given = Source(path, encoding, delimiter)  # refuses what ingest's --delimiter refuses
    codec = text_encoding(given)  # an unknown encoding, a UTF-16 file without its mark
    if given.delimiter == "whitespace":
        raise InvalidInput(
            "--delimiter whitespace: an events file cannot be split on runs of spaces; "
            "separate its cells with ',' (or ';' '|' or tab)"
        )
    if _is_csv(path):
        tab = "\t" if path.suffix.lower() == ".tsv" else None
        return Source(path, codec, given.delimiter or tab)
    if given.delimiter:
        raise InvalidInput(
            f"--delimiter {delimiter!r}: {path.name} is read as JSON Lines, which has no "
            "delimiter; name a file of comma- or tab-separated events .csv or .tsv"
        )
    if "\n".encode(codec) != b"\n":
        raise InvalidInput(
            f"{path.name}: JSON Lines cannot be read in {codec}, which does not write a line "
            "break as one byte; save the file as UTF-8, or as a .csv or .tsv"
        )
    return Source(path, codec)


def check_events_file(source: Source, max_bytes: int) -> None:
    """Refuse, naming the line, what would stop `source` (from events_source) being read to its
    end (see the module docstring), before any of it is sent; lines over `max_bytes` are left
    to read_events."""
    if not _is_csv(source.path):
        for number, raw in _raw_lines(source.path, max_bytes):
            if isinstance(raw, bytes):
                _decoded(source, number, raw)
        return
    check_decodes(source, source.encoding)
    delimiter = _delimiter(source)
    unclosed = unclosed_quote(source, source.encoding, delimiter)
    if unclosed:
        raise unclosed
    with closing(text_records(source, source.encoding, delimiter)) as records:
        for _, header in records:
            check_names(header, source, "the header")
            break


def read_events(source: Source, max_bytes: int) -> Iterator[tuple[int, object]]:
    """(line number, event) for each event in `source` (from events_source): the parsed JSON of
    a line, or a CSV row as {header: cell}; a Refused, saying why, for a line that is not JSON
    or is over `max_bytes`. Blank lines are skipped."""
    if _is_csv(source.path):
        yield from _csv_rows(source, max_bytes)
        return
    for number, raw in _raw_lines(source.path, max_bytes):
        if isinstance(raw, int):
            yield number, _too_long(number, raw, max_bytes)
            continue
        text = _decoded(source, number, raw)
        if not text.strip():
            continue
        try:
            yield number, json.loads(text)
        except json.JSONDecodeError as error:
            yield number, Refused(f"line {number} is not JSON ({error.msg})")


def _is_csv(path: Path) -> bool:
    return path.suffix.lower() in {".csv", ".tsv"}


def _raw_lines(path: Path, max_bytes: int) -> Iterator[tuple[int, bytes | int]]:
    """Each line's bytes with its number (from 1); for a line over `max_bytes`, its size in
    bytes instead, found by reading past it in chunks."""
    with path.open("rb") as handle:
        for number in itertools.count(1):
            raw = handle.readline(max_bytes + 1)
            if not raw:
                return
            if len(raw) <= max_bytes or raw.endswith(b"\n"):
                yield number, raw
                continue
            size = len(raw)
            while raw and not raw.endswith(b"\n"):
                raw = handle.readline(_SKIP_CHUNK)
                size += len(raw)
            yield number, size - (len(raw) - len(raw.rstrip(b"\r\n")))


def _decoded(source: Source, number: int, raw: bytes) -> str:
    """A JSON line's text; a byte not in the encoding is an InvalidInput naming its line and
    column, and saying how to pass the file's encoding."""
    utf8 = source.encoding == "utf-8"
    try:
        return raw.decode("utf-8-sig" if utf8 and number == 1 else source.encoding)
    except UnicodeDecodeError as error:
        hint = (
            "not UTF-8; save the file as UTF-8, or pass its encoding (e.g. --encoding latin-1 "
            "or --encoding cp1252)"
            if utf8
            else f"not {source.encoding}; pass the file's encoding with --encoding (e.g. utf-8, "
            "cp1252, latin-1, which reads any byte)"
        )
        raise InvalidInput(
            # error.object: a leading byte order mark is not counted in the column.
            f"{source.path} line {number}: byte {error.object[error.start]:#04x} at column "
            f"{error.start + 1} is {hint}"
        ) from None


def _too_long(number: int, size: int, max_bytes: int) -> Refused:
    return Refused(
        f"line {number} holds {size:,} bytes, more than the {max_bytes:,} of the largest "
        "POST /v1/events body (RETAIN_EVENTS_MAX_REQUEST_BYTES): it is not one event"
    )


def _delimiter(source: Source) -> str:
    """The CSV's delimiter, as ingest detects it; a header split only by spaces is refused, as
    the csv reader cannot split on runs of them (ingest reads such files with pandas)."""
    delimiter = text_delimiter(source, source.encoding)
    if delimiter == "whitespace":
        raise InvalidInput(
            f"{source.label}: the header separates its columns with spaces; separate the cells "
            "of an events CSV with ',' (or ';' '|' or tab), or give the file a .jsonl name if "
            "it holds JSON Lines"
        )
    return delimiter


def _csv_rows(source: Source, max_bytes: int) -> Iterator[tuple[int, object]]:
    """Each row as {header: cell} with the line it starts on (a quoted cell may span lines and
    blank lines are skipped, so counting rows would name the wrong line). Empty cells and cells
    past the header are left out, as an absent field; a row over `max_bytes` is a Refused."""
    with closing(text_records(source, source.encoding, _delimiter(source))) as records:
        first = next(records, None)
        if first is None:
            return
        header = first[1]
        for line, cells in records:
            size = sum(len(cell.encode()) for cell in cells)
            if size > max_bytes:
                yield line, _too_long(line, size, max_bytes)
                continue
            yield line, {k: v for k, v in zip(header, cells, strict=False) if k and v}
