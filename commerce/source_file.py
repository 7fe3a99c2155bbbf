"""A source file to ingest: where it is, how its text is laid out, and where a row of it lies.

The layout is what both readers in sources.py need: the encoding (checked before parsing, so a
wrong one is named with its line), the delimiter (given, named by an Excel `sep=;` first line, or
sniffed from the header), and the records with the lines they start on, which is how an error
names a row that a quoted line break moved.
"""

import codecs
import csv
import re
from collections.abc import Generator, Iterator
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from commerce.errors import InvalidInput
from commerce.number_text import DECIMAL_MARKS

_SCAN_CHUNK = 16 * 2**20
# A shell passes '\t' as two characters; "tab" is how people write the tab in words.
_TAB_SPELLINGS = {"\\t", "tab"}
# Excel writes (and reads) a first line "sep=;" that names the delimiter; it is not the header.
_EXCEL_SEP = re.compile(r"sep=([^\r\n])(?:\r\n|\n|\r)?")
# Codecs whose plain name needs a byte order mark, and the spellings that read a file without one.
_BOM_NEEDED = {
    "utf-16": ((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE), "utf-16-le", "utf-16-be"),
    "utf-32": ((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE), "utf-32-le", "utf-32-be"),
}
_ENCODING_PROBE = "customer_id,name\r\n"


@dataclass(frozen=True)
class Source:
    """A file to ingest and how to read it."""

    path: Path
    encoding: str = "utf-8"
    delimiter: str | None = None  # None: sniffed; "whitespace" for runs of spaces/tabs
    decimal: str = "."  # the decimal mark of numbers written as text: "." or "," ("12,50")

    def __post_init__(self) -> None:
        object.__setattr__(self, "delimiter", delimiter_option(self.delimiter))
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


def delimiter_option(given: str | None) -> str | None:
    """The delimiter `--delimiter` names: one character, the tab (also written 'tab' or '\\t'),
    or "whitespace"; None (or empty) to sniff it. Anything else is refused."""
    if not given or given == "whitespace":
        return given or None
    if given.lower() in _TAB_SPELLINGS:
        return "\t"
    if len(given) != 1:
        raise InvalidInput(
            f"--delimiter {given!r}: a delimiter is one character (',' ';' '|'), the tab (write "
            "'tab' or '\\t') or 'whitespace'; leave it out to detect it from the header"
        )
    if given in {'"', "\n", "\r"}:
        raise InvalidInput(
            f"--delimiter {given!r}: the quote and line breaks cannot separate cells; use ',' "
            "';' '|' 'tab' or 'whitespace'"
        )
    return given


def quoted(value: object) -> str:
    """A cell as error messages quote it: at most 40 characters."""
    text = str(value)
    return repr(text if len(text) <= 40 else text[:37] + "...")


def text_delimiter(source: Source, encoding: str) -> str:
    """The delimiter as given, else as an Excel `sep=` first line names it, else sniffed."""
    if source.delimiter:
        return source.delimiter
    named = excel_sep(source, encoding)
    if named is not None:
        return named
    with source.path.open(encoding=_reading(encoding), errors="replace") as handle:
        return sniff_delimiter(next(nonblank_lines(handle), ""))


def excel_sep(source: Source, encoding: str) -> str | None:
    """The delimiter a first line such as `sep=;` names (Excel's way), or None without one.
    The line is skipped when reading: it is not the header."""
    with source.path.open(encoding=_reading(encoding), errors="replace", newline="") as handle:
        match = _EXCEL_SEP.fullmatch(handle.readline())
    return match.group(1) if match else None


def _reading(encoding: str) -> str:
    """The codec that opens a file of `encoding`: UTF-8 may start with a byte order mark."""
    return "utf-8-sig" if encoding == "utf-8" else encoding


def nonblank_lines(handle: Iterator[str]) -> Iterator[str]:
    """The lines of a text file that are not blank."""
    return (line for line in handle if line.strip())


def text_records(
    source: Source, encoding: str, delimiter: str, *, strict: bool = False
) -> Generator[tuple[int, list[str]], None, None]:
    """The file's records as Arrow reads them (blank lines skipped, quoted cells may span
    lines), each with the line it starts on; an Excel `sep=` first line is skipped.

    `strict`: raise csv.Error on a stray quote, and InvalidInput naming the line of a quote
    that is never closed (which the lenient reader takes as a cell running to the end)."""
    sep_line = excel_sep(source, encoding) is not None
    # The csv module refuses cells over 128 KiB by default; Arrow takes any size.
    limit = csv.field_size_limit()
    csv.field_size_limit(max(limit, source.path.stat().st_size))
    try:
        with source.path.open(encoding=_reading(encoding), errors="replace", newline="") as handle:
            reader = csv.reader(handle, delimiter=delimiter, strict=strict)
            start = 1
            try:
                for cells in reader:
                    if cells and not (sep_line and start == 1):
                        yield start, cells
                    start = reader.line_num + 1
            except csv.Error as error:
                if "unexpected end of data" not in str(error):
                    raise
                raise InvalidInput(
                    f"{source.label} line {start:,}: a quote opened on this line is never "
                    "closed, so the rest of the file was read as one cell; close the quote, or "
                    'write a quote inside a quoted cell as two ("")'
                ) from None
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
    if name in {"utf-8", "utf-8-sig"}:
        return "utf-8"
    try:  # rot13, base64, zlib are codecs but not text encodings; idna reads names, not files
        _ENCODING_PROBE.encode(name).decode(name, "replace")
    except (LookupError, UnicodeError, ValueError) as exc:
        raise InvalidInput(
            f"{source.label}: '{source.encoding}' is not a text encoding a file can be read in "
            "(valid examples: utf-8, latin-1, cp1252, utf-16)"
        ) from exc
    if name in _BOM_NEEDED:
        _check_bom(source, name)
    return name


def _check_bom(source: Source, name: str) -> None:
    """Plain utf-16 and utf-32 tell byte order by a mark the file must start with."""
    marks, little, big = _BOM_NEEDED[name]
    with source.path.open("rb") as handle:
        head = handle.read(2**16)
    if head.startswith(marks):
        return
    try:  # incremental: a character cut at the end of `head` is not an error
        looks_utf8 = b"\x00" not in head and bool(
            codecs.getincrementaldecoder("utf-8")().decode(head)
        )
    except UnicodeDecodeError:
        looks_utf8 = False
    hint = (
        "it reads as UTF-8: leave --encoding out"
        if looks_utf8
        else f"if it is {name.upper()} without one, pass --encoding {little} (or {big})"
    )
    raise InvalidInput(
        f"{source.label}: --encoding {source.encoding} needs the file to start with a "
        f"{name.upper()} byte order mark (BOM), and it does not; {hint}"
    )


def check_decodes(source: Source, encoding: str) -> None:
    """Fail on the first byte that is not in `encoding`, naming its line, before any parsing
    (Arrow and the csv module would fail later without one, or not at all)."""
    decoder = codecs.getincrementaldecoder(encoding)()
    # Lines are counted in bytes, which UTF-16 and UTF-32 do not write as b"\n".
    counts_lines = "\n".encode(encoding) == b"\n"
    offset = 0
    lines_before = 0
    with source.path.open("rb") as handle:
        while chunk := handle.read(_SCAN_CHUNK):
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError as exc:
                bad = exc.object[exc.start : exc.start + 1].hex()
                line = lines_before + exc.object.count(b"\n", 0, exc.start) + 1
                where = f" line {line:,}" if counts_lines else ""
                raise InvalidInput(
                    f"{source.label}{where} (byte {offset + exc.start:,}): byte 0x{bad} is not "
                    + _not_in(encoding)
                ) from exc
            offset += len(chunk)
            lines_before += chunk.count(b"\n")
    try:
        decoder.decode(b"", final=True)
    except UnicodeDecodeError as exc:
        raise InvalidInput(
            f"{source.label}: the file ends inside a character: it is truncated, or not "
            + _not_in(encoding)
        ) from exc


def _not_in(encoding: str) -> str:
    if encoding == "utf-8":
        return (
            "valid UTF-8. Save the file as UTF-8, or pass its encoding "
            "(e.g. --encoding latin-1 or --encoding cp1252)."
        )
    return (
        f"valid {encoding}. Pass the file's encoding with --encoding (e.g. utf-8, cp1252, "
        "latin-1, which reads any byte)."
    )
