"""Turning a source frame into a clean store table, or saying exactly which cell is wrong.

Parsing is vectorised: each column is converted in one pass, and the first bad cell (plus how
many more there are) is reported with the file's own line numbers. The frame carries `_row`, the
0-based data row in the source, so later checks can still name lines after rows are dropped.
"""

from collections.abc import Callable, Set
from typing import Literal

import numpy as np
import numpy.typing as npt
import pandas as pd

from commerce.date_text import guessed_layout_problem, parse_date_text
from commerce.duplicates import deduplicate
from commerce.errors import InvalidInput
from commerce.float_ids import as_whole_numbers
from commerce.id_rules import id_problem, is_plain_id
from commerce.number_text import not_a_number, parse_number_text
from commerce.schema import Column, TableSpec
from commerce.source_file import Source, quoted

ROW = "_row"
BoolArray = npt.NDArray[np.bool_]
# Tolerate clocks and time zones being a little apart before calling a date "in the future".
FUTURE_TOLERANCE = pd.Timedelta(days=1)
# Bounds that keep values where the store and the models compute safely: dates are stored in
# nanoseconds (years 1678-2262) and an earlier one is a typo (0202 for 2024); a customer's spend
# is a sum of amounts, which 1e308 turns into infinity; a quantity is stored as a 64-bit integer.
EARLIEST_DATE = pd.Timestamp("1900-01-01")
MAX_AMOUNT = 1e9  # one order's amount or one order line's price, in the store's currency
MAX_QUANTITY = 1_000_000  # units on one order line


def validate_table(
    frame: pd.DataFrame,
    spec: TableSpec,
    source: Source,
    now: pd.Timestamp,
    formats: dict[str, str] | None = None,
    *,
    float_ids: Set[str] | Literal[False] = frozenset(),
) -> tuple[pd.DataFrame, int]:
    """Parse and check one table; returns the clean frame and the exact duplicates dropped.

    `float_ids`: the id columns whose whole numbers written as floats (`12346.0`) are those
    whole numbers, as ingest decides across its tables (commerce/float_ids.py). Left out (or False,
    as events pass: their ids are exactly as sent), every id is kept as written."""
    frame = frame.rename(columns=lambda c: str(c).strip())
    if ROW in frame.columns:  # the file's own column of that name is kept, as the mapping does
        frame = frame.rename(columns={ROW: f"{ROW}_original"})
    repeated = frame.columns[frame.columns.duplicated()]
    if len(repeated):
        raise InvalidInput(
            f"{source.label}: the column name {repeated[0]!r} appears more than once (after "
            "mapping and trimming spaces); give each column its own name"
        )
    missing = [c for c in spec.required if c not in frame.columns and c not in spec.derivable]
    if missing:
        hint = " ".join(f"--map {spec.name}.{c}=COLUMN" for c in missing)
        raise InvalidInput(
            f"{source.label}: required column{'s' if len(missing) > 1 else ''} "
            f"{', '.join(repr(c) for c in missing)} missing for table {spec.name}. "
            f"The file has: {', '.join(map(str, frame.columns))}. Rename the column or pass {hint}."
        )
    frame = frame.reset_index(drop=True)
    frame[ROW] = np.arange(len(frame))
    written = frame.copy(deep=False)  # the cells as the file writes them, for error messages
    for column in spec.columns:
        if column.name in frame.columns:
            if column.kind == "id" and float_ids and column.name in float_ids:
                frame[column.name] = as_whole_numbers(frame[column.name])
            parse = _PARSERS[column.kind]
            fmt = (formats or {}).get(column.name)
            frame[column.name] = parse(frame, column, source, now, fmt)
    frame, dropped = deduplicate(frame, spec, source, ROW, written)
    known = [c for c in spec.names if c in frame.columns]
    extras = [c for c in frame.columns if c not in known and c != ROW]
    return frame[[*known, *extras, ROW]], dropped


def _fail(
    frame: pd.DataFrame, bad: "pd.Series[bool] | BoolArray", source: Source, column: str, why: str
) -> None:
    """Raise for the first row flagged in `bad`; `why` formats the offending raw value."""
    positions = np.flatnonzero(np.asarray(bad, dtype=bool))
    if len(positions) == 0:
        return
    first = positions[0]
    more = len(positions) - 1
    tail = f" ({more:,} more row{'s' if more > 1 else ''} like it)" if more else ""
    value = frame[column].iloc[first]
    raise InvalidInput(
        f"{source.where(int(frame[ROW].iloc[first]))}, column {column}: "
        f"{why.format(value=quoted(value))}{tail}"
    )


def _a(field: str) -> str:
    """`field` after its article, as a message reads it: 'an amount', 'a customer_id'."""
    return ("an " if field[0] in "aeiou" else "a ") + field


def _blank(raw: pd.Series) -> pd.Series:
    if raw.dtype == object or pd.api.types.is_string_dtype(raw.dtype):
        return raw.isna() | (raw.astype("string").str.strip() == "")
    return raw.isna()


def _parse_id(
    frame: pd.DataFrame, column: Column, source: Source, now: pd.Timestamp, fmt: str | None
) -> pd.Series:
    raw = frame[column.name]
    blank = _blank(raw)
    if column.required:
        _fail(frame, blank, source, column.name, "is empty; every row needs " + _a(column.name))
    text: pd.Series = raw.astype("string").str.strip()
    text[blank] = pd.NA
    # Ids repeat (a customer's every order): each distinct one is checked once.
    unfit = [i for i in text.dropna().unique() if not is_plain_id(str(i))]
    if unfit:
        bad = text.isin(unfit).fillna(False).to_numpy(dtype=bool)
        first = str(text[bad].iloc[0])
        problem = f"{quoted(first)} {id_problem(first)}".replace("{", "{{").replace("}", "}}")
        _fail(frame, bad, source, column.name, problem)
    return text


def _parse_text(
    frame: pd.DataFrame, column: Column, source: Source, now: pd.Timestamp, fmt: str | None
) -> pd.Series:
    # Blank text is kept: a review of stars alone is real data (its sentiment reads neutral).
    return frame[column.name].astype("string").fillna("")


def _parse_datetime(
    frame: pd.DataFrame, column: Column, source: Source, now: pd.Timestamp, fmt: str | None
) -> pd.Series:
    raw = frame[column.name]
    blank = _blank(raw)
    if column.required:
        _fail(frame, blank, source, column.name, "is empty; every row needs a date")
    if pd.api.types.is_datetime64_any_dtype(raw.dtype):
        parsed = pd.to_datetime(raw, utc=True)
    else:
        text = raw.astype("string").str.strip()
        parsed, guessed = parse_date_text(text, fmt)
        bad = parsed.isna() & ~blank
        if guessed and bool(bad.any()):
            why = guessed_layout_problem(text, guessed)
        else:
            example = (fmt or "2024-03-31 or 2024-03-31 14:05:00").replace("{", "{{")
            example = example.replace("}", "}}")  # _fail formats the message
            why = (
                "{value} is not a date in the layout of this column (expected like "
                + example
                + "; give another layout as a format in a mapping file)"
            )
        _fail(frame, bad, source, column.name, why)
    naive = parsed.dt.tz_convert(None)
    _fail(
        frame,
        naive < EARLIEST_DATE,
        source,
        column.name,
        "{value} is before "
        + f"{EARLIEST_DATE:%Y-%m-%d}, the earliest date accepted; check the year or the mapping",
    )
    horizon = now + FUTURE_TOLERANCE
    _fail(
        frame,
        naive > horizon,
        source,
        column.name,
        "{value} is in the future (after " + f"{horizon:%Y-%m-%d}); check the date or the mapping",
    )
    return naive.astype("datetime64[ns]")  # in range now, so nanoseconds hold it


def _parse_number(
    frame: pd.DataFrame, column: Column, source: Source, now: pd.Timestamp, fmt: str | None
) -> pd.Series:
    raw = frame[column.name]
    blank = _blank(raw)
    if column.required:
        _fail(frame, blank, source, column.name, "is empty; every row needs " + _a(column.name))
    if pd.api.types.is_numeric_dtype(raw.dtype) and not pd.api.types.is_bool_dtype(raw.dtype):
        values = raw.astype("float64")
    else:
        text = raw.astype("string").str.strip()
        values = parse_number_text(text, source.decimal)
        bad = values.isna() & ~blank
        first = str(text[bad].iloc[0]) if bool(bad.any()) else None
        _fail(frame, bad, source, column.name, not_a_number(first, source.decimal))
    _fail(
        frame,
        ~np.isfinite(values.fillna(0.0).to_numpy()),
        source,
        column.name,
        "{value} is not finite",
    )
    return _check_range(frame, column, source, values)


def _check_range(
    frame: pd.DataFrame, column: Column, source: Source, values: pd.Series
) -> pd.Series:
    if column.kind == "amount":
        _fail(
            frame,
            values < 0,
            source,
            column.name,
            "{value} is negative; amounts must be 0 or more "
            "(leave refunds and cancellations out of the export)",
        )
        _fail(
            frame,
            values > MAX_AMOUNT,
            source,
            column.name,
            "{value} is more than "
            + f"{MAX_AMOUNT:,.0f}, the largest amount accepted; check the column or the mapping",
        )
        return values
    if column.kind == "quantity":
        _fail(
            frame,
            (values < 1) | (values % 1 != 0),
            source,
            column.name,
            "{value} is not a whole number of 1 or more",
        )
        _fail(
            frame,
            values > MAX_QUANTITY,
            source,
            column.name,
            "{value} is more than "
            + f"{MAX_QUANTITY:,}, the largest quantity accepted; check the column or the mapping",
        )
        return values.astype("Int64")
    _fail(frame, (values < 1) | (values > 5), source, column.name, "{value} is not a rating 1-5")
    # Stars are whole: the review filters would miss a 2.5 both "at most 2" and "at least 3".
    fractional = values.fillna(1.0) % 1 != 0  # a blank rating stays blank
    _fail(frame, fractional, source, column.name, "{value} is not a whole number of stars 1-5")
    return values


Parser = Callable[[pd.DataFrame, Column, Source, pd.Timestamp, str | None], pd.Series]
_PARSERS: dict[str, Parser] = {
    "id": _parse_id,
    "text": _parse_text,
    "datetime": _parse_datetime,
    "amount": _parse_number,
    "quantity": _parse_number,
    "rating": _parse_number,
}
