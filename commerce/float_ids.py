"""Ids an export wrote as floats (`12346.0`), read as the whole numbers they are, once per id.

An export that typed an integer id column as floats (a spreadsheet, or pandas filling gaps
with NaN) writes `12346.0` for customer 12346. The decision is made per id across every table
that holds it (customer_id in orders, customers, reviews and events; order_id; product_id), so
the same written id always becomes the same stored id and the tables still refer to each other.
The evidence is one column of that id written as floats throughout; without it a `12346.0` is
text as written (a column mixing `12346.0` and `A-7` could be a real text id).
"""

import pandas as pd

from commerce.schema import TABLES

_WHOLE_FLOAT = r"\d+\.0"
# Whole floats past 2**63 do not fit the integers they are converted through; no id is that long.
_LARGEST = 2.0**63


def float_written_ids(frames: dict[str, pd.DataFrame]) -> set[str]:
    """The id names (`customer_id`, ...) that some table's column writes as floats throughout."""
    return {
        column.name
        for table, frame in frames.items()
        for column in TABLES[table].columns
        if column.kind == "id"
        and (cells := id_column(frame, column.name)) is not None
        and _written_as_floats(cells)
    }


def id_column(frame: pd.DataFrame, name: str) -> "pd.Series | None":
    """The source column a store field comes from, its name trimmed as validation trims it."""
    for position, label in enumerate(frame.columns):
        if str(label).strip() == name:
            return frame.iloc[:, position].reset_index(drop=True)
    return None


def as_whole_numbers(raw: pd.Series) -> pd.Series:
    """The column with each whole number written as a float (`12346.0`, or a float cell) as
    that whole number (`12346`); every other cell as it is."""
    if pd.api.types.is_float_dtype(raw.dtype):
        whole = raw.notna() & (raw % 1 == 0) & (raw.abs() < _LARGEST)
        text = raw.astype("string")
        text[whole] = raw[whole].astype("int64").astype("string")
        return text
    if pd.api.types.is_numeric_dtype(raw.dtype):  # integers (and booleans) are as written
        return raw
    text = raw.astype("string").str.strip()
    whole_float = text.str.fullmatch(_WHOLE_FLOAT).fillna(False).astype(bool)
    return text.where(~whole_float, text.str.removesuffix(".0"))


def _written_as_floats(raw: pd.Series) -> bool:
    """Whether every filled cell is a whole number written as a float (and there is one)."""
    if pd.api.types.is_float_dtype(raw.dtype):
        filled = raw.dropna()
        return len(filled) > 0 and bool((filled % 1 == 0).all())
    if pd.api.types.is_numeric_dtype(raw.dtype):
        return False
    text = raw.astype("string").str.strip()
    filled = text[text.notna() & (text != "")]
    return len(filled) > 0 and bool(filled.str.fullmatch(_WHOLE_FLOAT).all())
