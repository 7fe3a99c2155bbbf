"""A source file to ingest: where it is, how its text is laid out, and where a row of it lies.

The layout is what both readers in sources.py need: the encoding (checked before parsing, so a
wrong one is named with its line), the delimiter (sniffed from the header when not given), and
the records with the lines they start on, which is how an error names a row that a quoted
line break moved.
"""

import codecs
import csv
from collections.abc import Generator, Iterator
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from commerce.errors import InvalidInput
from commerce.number_text import DECIMAL_MARKS

_SCAN_CHUNK = 16 * 2**20


@dataclass(frozen=True)
class Source:
    """A file to ingest and how to read it."""

    path: Path
    encoding: str = "utf-8"
    delimiter: str | None = None  # None: sniffed; "whitespace" for runs of spaces/tabs
    decimal: str = "."  # the decimal mark of numbers written as text: "." or "," ("12,50")

    def __post_init__(self) -> None:
        if self.decimal not in DECIMAL_MARKS:
            raise InvalidInput(
                f"decimal mark {self.decimal!r} is neither '.' nor ',' (pass --decimal ',' for "
                "a file that writes 12,50)"
            )

    @property
    def label(self) -> str:
        return self.path.name

    @property
    def is_parquet(self) -> bool:
        return self.path.suffix.lower() in {".parquet", ".pq"}

    def where(self, row: int) -> str:
        """Where a 0-based data row is, as a person opening the file would count it: the line
        the row starts on (a quoted cell can span lines), or the row of a Parquet file."""
        if self.is_parquet:
            return f"{self.label} row {row + 1:,}"
        return f"{self.label} line {record_line(self, row):,}"


def quoted(value: object) -> str:
    """A cell as error messages quote it: at most 40 characters."""
    text = str(value)
    return repr(text if len(text) <= 40 else text[:37] + "...")


def text_delimiter(source: Source, encoding: str) -> str:
    if source.delimiter:
        return source.delimiter
    header_encoding = "utf-8-sig" if encoding == "utf-8" else encoding
    with source.path.open(encoding=header_encoding, errors="replace") as handle:
        return sniff_delimiter(next(nonblank_lines(handle), ""))


def nonblank_lines(handle: Iterator[str]) -> Iterator[str]:
    """The lines of a text file that are not blank."""
    return (line for line in handle if line.strip())


def text_records(
    source: Source, encoding: str, delimiter: str
) -> Generator[tuple[int, list[str]], None, None]:
    """The file's records as Arrow reads them (blank lines skipped, quoted cells may span
    lines), each with the line it starts on."""
    header_encoding = "utf-8-sig" if encoding == "utf-8" else encoding
    # The csv module refuses cells over 128 KiB by default; Arrow takes any size.
    limit = csv.field_size_limit()
    csv.field_size_limit(max(limit, source.path.stat().st_size))
    try:
        with source.path.open(encoding=header_encoding, errors="replace", newline="") as handle:
            reader = csv.reader(handle, delimiter=delimiter)
            start = 1
            for cells in reader:
                if cells:
                    yield start, cells
                start = reader.line_num + 1
    finally:
        csv.field_size_limit(limit)


def record_line(source: Source, row: int) -> int:
    """The line on which 0-based data row `row` of a text file starts (line 1: the header).
    Found by reading the file again, as only an error message needs it."""
    try:
        encoding = text_encoding(source)
        delimiter = text_delimiter(source, encoding)
        if delimiter != "whitespace":  # read by pandas, whose rows do not span lines
            with closing(text_records(source, encoding, delimiter)) as records:
                for n, (line, _) in enumerate(records):
                    if n == row + 1:
                        return line
    except (OSError, csv.Error, InvalidInput):
        pass  # the file changed or went away since it was read: count one line per row
    return row + 2


def sniff_delimiter(header_line: str) -> str:
    """The delimiter a header line uses: the most frequent of , tab ; | or else whitespace."""
    counts = {d: header_line.count(d) for d in (",", "\t", ";", "|")}
    best = max(counts, key=lambda d: counts[d])
    if counts[best] > 0:
        return best
    return "whitespace" if len(header_line.split()) > 1 else ","


def text_encoding(source: Source) -> str:
    try:
        name = codecs.lookup(source.encoding).name
    except LookupError as exc:
        raise InvalidInput(
            f"{source.label}: unknown encoding '{source.encoding}' "
            "(valid examples: utf-8, latin-1, cp1252, utf-16)"
        ) from exc
    return "utf-8" if name in {"utf-8", "utf-8-sig"} else name


def check_utf8(source: Source) -> None:
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
