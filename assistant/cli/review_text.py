"""Review text in and out of the terminal, for the retrieval commands.

Review text is shown as data: control characters are replaced and rich markup is not
interpreted, so a review cannot restyle or rewrite the terminal (`--json` prints it verbatim,
JSON-escaped). Files of lines (`--file`, `--customers`) are read as UTF-8, and the first line
that is not is named.
"""

import unicodedata
from pathlib import Path

from rich.text import Text

from commerce.errors import InvalidInput

EXCERPT = 160


def read_lines(path: Path, replace_invalid: bool = False) -> list[str]:
    """The file's lines (no line ends, a UTF-8 BOM dropped); InvalidInput naming the first line
    that is not UTF-8, unless `replace_invalid` puts U+FFFD in place of its bad bytes."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InvalidInput(f"cannot read {path}: {error.strerror}") from error
    lines = data.removeprefix(b"\xef\xbb\xbf").splitlines()
    texts = []
    for number, line in enumerate(lines, start=1):
        try:
            texts.append(line.decode("utf-8"))
        except UnicodeDecodeError as error:
            if not replace_invalid:
                raise InvalidInput(
                    f"{path.name} line {number}: byte 0x{line[error.start]:02x} at column "
                    f"{error.start + 1} is not UTF-8 (save the file as UTF-8, or pass "
                    "--replace-invalid)"
                ) from error
            texts.append(line.decode("utf-8", errors="replace"))
    return texts


def printable(text: str) -> str:
    """Text safe for a terminal: control characters (escape sequences, bidi overrides) become
    U+FFFD, line breaks become spaces."""
    flat = " ".join(text.split())
    return "".join("\ufffd" if unicodedata.category(c) in ("Cc", "Cf") else c for c in flat)


def excerpt(text: str) -> Text:
    """A review's text on one terminal line, cut to EXCERPT characters."""
    shown = printable(text)
    return Text(shown if len(shown) <= EXCERPT else shown[: EXCERPT - 1] + "…")
