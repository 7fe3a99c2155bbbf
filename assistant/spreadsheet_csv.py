"""CSV files a person opens in a spreadsheet, written so that no cell runs as a formula.

Ids, names and reviews come from the store's exports and from events, which anyone who can
place an order or write a review influences. A spreadsheet runs a cell that starts with `=`,
`+`, `-` or `@` (and, in some, a tab or carriage return before one) as a formula:
`=HYPERLINK("http://evil.example", "click")` becomes a link, `=cmd|' /C calc'!A0` a command
(OWASP, "CSV Injection"). Every CSV the product writes goes through `write_csv`, which puts a
single quote before such a text cell, the mark spreadsheets read as "this is text" and show
without. Number columns are left as they are: -12.5 there is a number, not a formula.
"""

from pathlib import Path

import pandas as pd

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralised(cell: object) -> object:
    """`cell` with a single quote before it when it is text a spreadsheet would run."""
    if isinstance(cell, str) and cell.startswith(FORMULA_STARTS):
        return "'" + cell
    return cell


def spreadsheet_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of `frame` whose text cells cannot run as formulas; number, date and boolean
    columns are kept as they are."""
    safe = frame.copy()
    for column in safe.columns:
        values = safe[column]
        if pd.api.types.is_object_dtype(values.dtype) or pd.api.types.is_string_dtype(values.dtype):
            safe[column] = values.map(neutralised, na_action="ignore")
    safe.columns = [neutralised(str(name)) for name in safe.columns]
    return safe


def write_csv(frame: pd.DataFrame, path: Path) -> None:
    """Write `frame` as CSV (no index) for a spreadsheet; raises OSError as `to_csv` does."""
    # Rows end in CRLF (RFC 4180): the csv module quotes a cell holding a character of the line
    # ending, and with "\n" alone a bare "\r" in a cell would go out unquoted and split the row,
    # starting the next one with whatever followed it.
    spreadsheet_safe(frame).to_csv(path, index=False, lineterminator="\r\n")
